// Brings the bench's own artefacts up to date before a run (each step is an
// incremental build, a no-op when nothing changed, so a run never measures
// stale code):
//   - the TF.js bundles: tfjs-core's packaged bundles leave the gradients
//     out, so training needs tfjs-core's own register_all_gradients bundled
//     in, as an application bundler would (rolldown, from vite);
//   - the WASM bench modules (bench/cpp/wasm), SIMD128 and scalar;
//   - the native bench executables (bench/cpp/native).
// The shipped core (wasm-build/dist) is wasm-build/build.sh's; with
// --fresh-core the bench builds its own copy from the current sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const JOBS = '2'; // the machine is shared: never more

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options });
}

// The compiler's messages are on stdout or stderr depending on the tool: keep the end of both.
function describeFailure(what, error) {
  const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim();
  const tail = output ? output.split('\n').filter((line) => /error|Error/.test(line)).slice(-10).join('\n') : error.message;
  return new Error(`${what} failed:\n${tail || output.split('\n').slice(-10).join('\n')}`);
}

/** Bundles bench/js/implementations/tfjs-bundle-entry.mjs for Node and for the page; returns their paths. */
export async function buildTfjsBundles(root) {
  const { rolldown } = await import('rolldown');
  const outDir = join(root, 'build', 'bench-tfjs');
  mkdirSync(outDir, { recursive: true });
  const paths = {};
  for (const platform of ['node', 'browser']) {
    const bundle = await rolldown({
      input: join(root, 'bench', 'js', 'implementations', 'tfjs-bundle-entry.mjs'),
      platform,
      cwd: root,
      logLevel: 'silent',
      // The ES-module builds ('module'), so that one copy of tfjs-core serves everything.
      resolve: { mainFields: platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'] },
    });
    paths[platform] = join(outDir, `tfjs-${platform}.mjs`);
    await bundle.write({
      file: paths[platform],
      format: 'esm',
      // The wasm backend's Emscripten glue uses __dirname, which ES modules lack.
      banner: platform === 'node'
        ? "import { fileURLToPath as __benchPath } from 'node:url';\n" +
          "const __filename = __benchPath(import.meta.url);\n" +
          "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));"
        : '',
    });
    await bundle.close();
  }
  return paths;
}

/**
 * Removes a build tree configured from another source folder (the bench
 * module's sources moved from bench/wasm to bench/cpp/wasm): CMake refuses to
 * reuse it, and a fresh configure is all it takes.
 */
function forgetTreeOfOtherSource(tree, source) {
  const cache = join(tree, 'CMakeCache.txt');
  if (!existsSync(cache)) return;
  const home = /^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$/m.exec(readFileSync(cache, 'utf8'))?.[1];
  const same = home && existsSync(home) && realpathSync(home) === realpathSync(source);
  if (!same) rmSync(tree, { recursive: true, force: true });
}

/**
 * Builds the WASM bench module of one variant; returns its .mjs path. Uses
 * build/bench-wasm-<variant> (its own project, configured here), unless only
 * wasm-build/build.sh's tree of that variant exists and knows the target
 * (the root CMakeLists includes it): then the core compiled there is reused.
 */
export function buildBenchModule(root, variant) {
  const own = join(root, 'build', `bench-wasm-${variant}`);
  const shipped = join(root, 'build', `wasm-${variant}`);
  const env = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };
  if (!existsSync(join(own, 'CMakeCache.txt')) && treeHasTarget(shipped, 'relu_bench')) {
    try {
      run('cmake', ['--build', shipped, '-j', JOBS, '--target', 'relu_bench'], { env });
    } catch (error) {
      throw describeFailure(`building the ${variant} bench module in ${shipped}`, error);
    }
    return join(shipped, `relu-bench-${variant}.mjs`);
  }
  const tree = own;
  const source = join(root, 'bench', 'cpp', 'wasm');
  forgetTreeOfOtherSource(tree, source);
  try {
    // The Makefile, not the cache: a configure that failed leaves a cache behind.
    if (!existsSync(join(tree, 'Makefile'))) {
      run('emcmake', ['cmake', '-S', source, '-B', tree,
        `-DRELU_WASM_SIMD=${variant === 'simd' ? 'ON' : 'OFF'}`, '-DCMAKE_BUILD_TYPE=Release'], { env });
    }
    run('cmake', ['--build', tree, '-j', JOBS], { env });
  } catch (error) {
    throw describeFailure(`building the ${variant} bench module`, error);
  }
  return join(tree, `relu-bench-${variant}.mjs`);
}

/**
 * Builds the shipped core (relu_core: bindings + model + kernels) of one
 * variant from the current sources into build/bench-core-<variant>, for
 * --fresh-core; returns the folder holding relu-core-<variant>.{mjs,wasm}.
 */
export function buildCore(root, variant) {
  const tree = join(root, 'build', `bench-core-${variant}`);
  const env = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };
  try {
    if (!existsSync(join(tree, 'CMakeCache.txt'))) {
      run('emcmake', ['cmake', '-S', root, '-B', tree, `-DRELU_WASM_SIMD=${variant === 'simd' ? 'ON' : 'OFF'}`,
        '-DRELU_BUILD_TESTS=OFF', '-DCMAKE_BUILD_TYPE=Release'], { env });
    }
    run('cmake', ['--build', tree, '-j', JOBS, '--target', 'relu_core'], { env });
  } catch (error) {
    throw describeFailure(`building the ${variant} core`, error);
  }
  return join(tree, 'cpp', 'bindings');
}

/** Whether the configured CMake tree `tree` (Makefiles) has a target named `target`. */
function treeHasTarget(tree, target) {
  const makefile = join(tree, 'Makefile');
  return existsSync(makefile) && new RegExp(`^${target}:`, 'm').test(readFileSync(makefile, 'utf8'));
}

/** Newest modification time (ms) of the files under `dir`, recursively. */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export const NATIVE_TARGETS = ['relu-bench-native', 'relu-bench-gemm-sse2', 'relu-bench-gemm-avx2'];

/**
 * Builds the native bench executables; returns the folder holding them.
 * Uses build/bench-native (configured here, tests off), unless only
 * build/native exists and already knows the bench targets (scripts/test.sh
 * builds that tree first, and the root CMakeLists picks up bench/cpp/native).
 */
export function buildNative(root) {
  const own = join(root, 'build', 'bench-native');
  const preset = join(root, 'build', 'native');
  const ownConfigured = existsSync(join(own, 'CMakeCache.txt'));
  const tree = !ownConfigured && existsSync(join(preset, 'bench', 'cpp', 'native', 'Makefile')) ? preset : own;
  if (tree === own && !ownConfigured) {
    try {
      run('cmake', ['-S', root, '-B', own, '-DRELU_BUILD_TESTS=OFF', '-DCMAKE_BUILD_TYPE=Release']);
    } catch (error) {
      throw describeFailure('configuring build/bench-native', error);
    }
  }
  try {
    run('cmake', ['--build', tree, '-j', JOBS, '--target', ...NATIVE_TARGETS]);
  } catch (error) {
    throw describeFailure(`building the native bench in ${tree}`, error);
  }
  return join(tree, 'bench', 'cpp', 'native');
}
