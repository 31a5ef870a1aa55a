// Shared by the API and worker tests: both WebAssembly builds must exist.
// Missing builds fail the suite with the command to run, never skip it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../../wasm-build/dist/', import.meta.url));
export const BUILD_NAMES = ['simd', 'scalar'];

export function missingBuildFiles() {
  return BUILD_NAMES.flatMap((build) => ['mjs', 'wasm'].map((ext) => `${DIST}relu-core-${build}.${ext}`))
    .filter((file) => !existsSync(file));
}

/** Call at the top of a suite: fails every test of it when a build is missing. */
export function requireBuilds() {
  const missing = missingBuildFiles();
  if (missing.length > 0) {
    throw new Error(`missing WebAssembly builds (${missing.join(', ')}): run \`npm run build:wasm\` first`);
  }
}

/** Runs `fn` and returns the Error it throws (failing the test if it does not throw). */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

export async function rejected(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, the promise resolved');
}
