// Vite: dev server and static build of the playground page.
//
// The page lives in web/ and builds to web/dist with relative URLs (base
// './'), so the folder works from any static host or sub-path. The core's
// WebAssembly builds (wasm-build/dist, made by `npm run build:wasm`) are served
// at ./wasm/ in dev and copied there on build; the page passes that folder to
// the worker as wasmBaseUrl.

import { createReadStream, existsSync, mkdirSync, readdirSync, copyFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// RELU_WASM_DIR points at another folder of builds (e.g. to try a local rebuild).
const wasmDist = resolve(root, process.env.RELU_WASM_DIR ?? 'wasm-build/dist');
const WASM_PREFIX = '/wasm/';
const MIME = { '.wasm': 'application/wasm', '.mjs': 'text/javascript', '.js': 'text/javascript' };

function mimeOf(name) {
  const dot = name.lastIndexOf('.');
  return MIME[name.slice(dot)] ?? 'application/octet-stream';
}

/** Serves wasm-build/dist at <base>wasm/ in dev and copies it into the build. */
function wasmCorePlugin() {
  let outDir = null;
  return {
    name: 'relu-wasm-core',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (!path.startsWith(WASM_PREFIX)) return next();
        const name = path.slice(WASM_PREFIX.length);
        const file = join(wasmDist, name);
        // Only plain file names inside the dist folder.
        if (!/^[\w.-]+$/.test(name) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', mimeOf(name));
        createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      if (!existsSync(wasmDist)) {
        this.warn(`${wasmDist} is missing: run \`npm run build:wasm\` before \`vite build\``);
        return;
      }
      const target = join(outDir, 'wasm');
      mkdirSync(target, { recursive: true });
      for (const name of readdirSync(wasmDist)) {
        if (/\.(mjs|wasm)$/.test(name)) copyFileSync(join(wasmDist, name), join(target, name));
      }
    },
  };
}

export default {
  root: resolve(root, 'web'),
  base: './',
  publicDir: false,
  plugins: [wasmCorePlugin()],
  server: {
    // Jest, node_modules and other developers' build trees are not the page's concern.
    watch: { ignored: ['**/build/**', '**/node_modules/**', '**/dist/**'] },
    fs: { allow: [root] },
  },
  worker: { format: 'es' },
  build: {
    outDir: resolve(root, 'web/dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        main: resolve(root, 'web/index.html'),
        embedDemo: resolve(root, 'web/embed/demo.html'),
        tutorial: resolve(root, 'web/tutorial/index.html'),
        // A stable file name, so tutorial pages can <script type="module" src=".../embed/relu-playground.js">.
        embed: resolve(root, 'web/embed/index.js'),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed/relu-playground.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
};
