// Builds the page with Vite into a temporary folder and serves it over HTTP on
// 127.0.0.1 (a random free port), as any static host would.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** True when the WebAssembly builds the page needs are there. */
export function wasmBuilt() {
  const dir = resolve(repoRoot, process.env.RELU_WASM_DIR ?? 'wasm-build/dist');
  return ['simd', 'scalar'].every((b) => ['mjs', 'wasm'].every((ext) => existsSync(join(dir, `relu-core-${b}.${ext}`))));
}

/** Names the folder of the page built once for a whole run (global-setup.js). */
export const BUILT_PAGE_ENV = 'RELU_E2E_BUILT_PAGE';
/** Set beside it when global-setup.js made that build itself (and global-teardown.js removes it). */
export const OWN_BUILD_ENV = 'RELU_E2E_OWN_BUILD';

/**
 * A built page in a fresh temporary folder of the caller's own (tests write
 * host pages into it); returns its path. A copy of the run's build when
 * global-setup.js made one, else a vite build, in a child process: Vite's
 * bundler does not work inside Jest's module sandbox.
 */
export async function buildPage() {
  const outDir = mkdtempSync(join(tmpdir(), 'relu-page-'));
  const built = process.env[BUILT_PAGE_ENV];
  if (built && existsSync(join(built, 'index.html'))) {
    cpSync(built, outDir, { recursive: true });
    return outDir;
  }
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  await new Promise((done, fail) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build exited with code ${code}`))));
  });
  return outDir;
}

/**
 * Serves `dir` statically; resolves to {url, close(), reports}.
 * options.headers: sent with every file (e.g. a Content-Security-Policy).
 * options.reportPath: a path that takes POSTed reports (CSP violation
 * reports), collected as parsed JSON in `reports`.
 * The result also has `requested` (every path asked for, in order: what the
 * browser fetched, its workers included, in any engine) and
 * `override(pattern, response)`: from then on a path matching the RegExp
 * gets `response` instead of its file: {body, contentType} or {abort: true}
 * (the connection dropped, a network error); it returns the function that
 * ends the override. Engine-neutral, unlike a
 * driver's request interception.
 */
export function serveStatic(dir, { headers = {}, reportPath = null } = {}) {
  const rootDir = resolve(dir);
  const reports = [];
  const requested = [];
  const overrides = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requested.push(path);
    const override = overrides.find(({ pattern }) => pattern.test(path));
    if (override) {
      const { response } = override;
      if (response.abort) req.socket.destroy();
      else res.writeHead(200, { 'Content-Type': response.contentType ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers }).end(response.body);
      return;
    }
    if (reportPath && path === reportPath && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push({ unreadable: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    let file = normalize(join(rootDir, path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${port}/`,
        reports,
        requested,
        override(pattern, response) {
          const entry = { pattern, response };
          overrides.push(entry);
          return () => overrides.splice(overrides.indexOf(entry), 1);
        },
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

export function removeDir(dir) {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
