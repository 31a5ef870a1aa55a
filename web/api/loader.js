// Loads one of the two WebAssembly builds of the core (SIMD128 or scalar) in a
// page, a Web Worker or Node, and caches the instantiated module: every
// trainer of one build shares one module (and one heap). A module that trapped
// is dropped from the cache (forgetCore, or by itself on an abort), so the next
// load instantiates a fresh one instead of handing out the dead one again.

import { whyNotLoaded } from '../shared/load-failure.js';

export const BUILDS = Object.freeze(['simd', 'scalar']);
const BUILD_CHOICES = Object.freeze(['auto', ...BUILDS]);

// The smallest module that needs SIMD128: one function `() -> v128` whose body
// is `i32.const 0; i8x16.splat`. Engines without SIMD128 reject it.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, //       type section: () -> v128
  0x03, 0x02, 0x01, 0x00, //                         function section: one of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, //                   code section: one body, no locals
  0x41, 0x00, 0xfd, 0x0f, 0x0b, //                   i32.const 0; i8x16.splat; end
]);

/** True when this engine supports WebAssembly SIMD128. */
export function detectSimd() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The build to load for a requested choice: 'auto' picks SIMD128 when supported. */
export function resolveBuild(choice = 'auto') {
  if (!BUILD_CHOICES.includes(choice)) {
    throw fieldError('build', `build: ${JSON.stringify(choice)} is not one of ${BUILD_CHOICES.join(', ')}`);
  }
  if (choice === 'auto') return detectSimd() ? 'simd' : 'scalar';
  return choice;
}

export function isNode() {
  return typeof process === 'object' && typeof process.versions?.node === 'string';
}

/** An Error carrying the name of the config field (or option) it is about. */
export function fieldError(field, message) {
  const error = new Error(message);
  error.field = field;
  return error;
}

const DEFAULT_BASE_URL = new URL(/* @vite-ignore */ '../../wasm-build/dist/', import.meta.url);

function baseUrlOf(wasmBaseUrl) {
  if (wasmBaseUrl === undefined || wasmBaseUrl === null) return DEFAULT_BASE_URL;
  const text = String(wasmBaseUrl);
  const withSlash = text.endsWith('/') ? text : `${text}/`;
  // Relative bases resolve against the page (or worker) location, as a <script src> would.
  const origin = globalThis.location?.href ?? DEFAULT_BASE_URL;
  return new URL(withSlash, origin);
}

export function artifactNames(build) {
  return { script: `relu-core-${build}.mjs`, binary: `relu-core-${build}.wasm` };
}

async function readNodeFile(url) {
  // Kept out of static imports so that browser bundles never see node: modules.
  const fsName = 'node:fs/promises';
  const urlName = 'node:url';
  const [{ readFile }, { fileURLToPath }] = await Promise.all([
    import(/* @vite-ignore */ fsName),
    import(/* @vite-ignore */ urlName),
  ]);
  return readFile(url.protocol === 'file:' ? fileURLToPath(url) : url);
}

async function instantiate(build, { wasmBaseUrl, wasmBinary }, onAbort) {
  const base = baseUrlOf(wasmBaseUrl);
  const names = artifactNames(build);
  const scriptUrl = new URL(names.script, base);
  const binaryUrl = new URL(names.binary, base);
  const moduleArgs = {
    locateFile: (file) => new URL(file, base).href,
    onAbort,
    // The core's own stderr (e.g. "Aborted()"), reported from here rather than from a minified line.
    printErr: (text) => console.warn(`relu-core: ${text}`),
  };
  if (wasmBinary !== undefined) {
    moduleArgs.wasmBinary = wasmBinary;
  } else if (isNode()) {
    // Emscripten's web/worker loader cannot read files under Node: hand it the bytes.
    try {
      moduleArgs.wasmBinary = await readNodeFile(binaryUrl);
    } catch (cause) {
      throw missingBuild(build, binaryUrl, cause);
    }
  }
  let factory;
  try {
    ({ default: factory } = await import(/* @vite-ignore */ scriptUrl.href));
  } catch (cause) {
    throw await missingBuild(build, scriptUrl, cause);
  }
  try {
    return await factory(moduleArgs);
  } catch (cause) {
    // The script came, the .wasm did not (missing, or not served with CORS): say which.
    if (isNode() || wasmBinary !== undefined || !/^https?:/.test(binaryUrl.href)) throw cause;
    const why = await whyNotLoaded(binaryUrl.href);
    if (why === null) throw cause;
    throw await missingBuild(build, binaryUrl, cause, why);
  }
}

async function missingBuild(build, url, cause, why) {
  // In a browser the import's own message ("Failed to fetch dynamically imported module") hides the cause.
  const reason = why ?? (!isNode() && /^https?:/.test(url.href) ? await whyNotLoaded(url.href) : null);
  const error = new Error(
    `cannot load the ${build} build of the core from ${url.href} (${reason ?? cause?.message ?? cause}); ` +
      (reason ? 'serve the build\'s wasm/ folder there, or pass wasmBaseUrl' : 'run `npm run build:wasm` to build it, or pass wasmBaseUrl'),
  );
  error.cause = cause;
  // Where the core comes from, not a config field: the page keeps its settings and says the core failed.
  error.field = 'wasmBaseUrl';
  return error;
}

const modules = new Map(); // key -> Promise of the module
const loaded = new Map(); // key -> the module, once instantiated

/**
 * The instantiated core module of a build, loaded once per (build, base URL).
 * A failed load is not cached, so a later call can retry.
 */
export function loadCore(build, options = {}) {
  const key = `${build}|${baseUrlOf(options.wasmBaseUrl).href}`;
  let pending = modules.get(key);
  if (!pending) {
    // Emscripten's abort() (a failed allocation under -fno-exceptions ends
    // there) leaves the module's stack and heap half-updated: never reuse it.
    let core = null;
    const onAbort = () => forget(key, core);
    pending = instantiate(build, options, onAbort).then((instance) => {
      core = instance;
      loaded.set(key, instance);
      return instance;
    });
    modules.set(key, pending);
    pending.catch(() => modules.delete(key));
  }
  return pending;
}

function forget(key, core) {
  if (core === null || loaded.get(key) !== core) return;
  loaded.delete(key);
  modules.delete(key);
}

/**
 * Drops a module that trapped (a WebAssembly.RuntimeError: out-of-bounds
 * access, unreachable, abort): its state is unknown, so the next loadCore()
 * of that build instantiates a fresh module. Trainers of the old one are dead.
 */
export function forgetCore(core) {
  for (const [key, instance] of loaded) {
    if (instance === core) forget(key, core);
  }
}
