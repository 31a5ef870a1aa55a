// Loaders of the libraries under Node.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * root: the repository; artefacts: {tfjs: {node}, benchModules: {simd, scalar},
 * coreDirs: {simd, scalar}} (paths from build.mjs; a missing bench module is
 * null; a null core folder means wasm-build/dist).
 */
export function nodeLoaders(root, artefacts) {
  let tf = null;
  const coreDir = (build) => artefacts.coreDirs?.[build] ?? join(root, 'wasm-build', 'dist');
  const coreBuilt = (build) => existsSync(join(coreDir(build), `relu-core-${build}.wasm`));
  return {
    // The JS API reads the .wasm itself under Node, from wasmBaseUrl.
    api: async (build) => (coreBuilt(build) ? import(pathToFileURL(join(root, 'web', 'api', 'index.js')).href) : null),
    coreBaseUrl: (build) => `${pathToFileURL(coreDir(build)).href}/`,
    benchModule: async (build) => {
      const script = artefacts.benchModules[build];
      if (!script) return null;
      const { default: create } = await import(pathToFileURL(script).href);
      // Built for web,worker like the shipped core: Node hands it the bytes.
      return create({ wasmBinary: readFileSync(script.replace(/\.mjs$/, '.wasm')) });
    },
    tf: async () => {
      if (!tf) {
        tf = await import(pathToFileURL(artefacts.tfjs.node).href);
        tf.setWasmPaths(join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
      }
      return tf;
    },
    convnetjs: async () => createRequire(join(root, 'package.json'))('convnetjs'),
  };
}
