#!/usr/bin/env bash
# Sets up, builds and runs every test suite:
#   C++ (GoogleTest via ctest): native, native under ASan+UBSan, WASM SIMD128
#   and WASM scalar under Node; libFuzzer targets for 10 s each; relu-train CLI tests; Jest unit tests of the JS
#   API, worker and UI modules; end-to-end tests in headless Chromium and again
#   in headless Firefox; the
#   lesson claims on the native core; a smoke
#   run of the benchmarks (no timing is asserted).
# Every suite runs even if an earlier one fails; the exit status is non-zero
# if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export JOBS=${JOBS:-$(nproc)}
# emcc's JS optimiser finds acorn only here when Node is not Debian's.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
export CTEST_OUTPUT_ON_FAILURE=1
# The lesson tests reuse the probe the native tree builds, instead of a tree of their own.
export RELU_LESSONS_BUILD_DIR="$PWD/build/native"

bash scripts/setup.sh || exit 1

passed=0
failed=0
failures=()
suite() {
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); printf '== %s: ok (%ss)\n' "$name" $((SECONDS - start))
  else
    failed=$((failed + 1)); failures+=("$name"); printf '== %s: FAILED (%ss)\n' "$name" $((SECONDS - start))
  fi
}

native() {
  cmake --preset native -DRELU_BUILD_TESTS=ON >/dev/null &&
    cmake --build --preset native -j "$JOBS" &&
    ctest --preset native -j "$JOBS"
}
asan() {
  cmake --preset asan >/dev/null &&
    cmake --build --preset asan -j "$JOBS" &&
    ctest --preset asan -j "$JOBS"
}
wasm_build() { RELU_BUILD_TESTS=ON bash wasm-build/build.sh; }
wasm_tests() { ctest --test-dir "build/wasm-$1" -j "$JOBS" --output-on-failure; }
# The end-to-end runs serve this build (tests/e2e/helpers/page-server.js)
# instead of each running Vite again.
web_build() { npx vite build --logLevel warn && export RELU_E2E_BUILT_PAGE="$PWD/web/dist"; }
jest() { local project=$1; shift; node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects "$project" --ci "$@"; }
# E2E_WORKERS=N runs N end-to-end files at once (jest --maxWorkers). Left to
# Jest by default: on a busy two-core machine two workers passed every test
# twice but took longer than one (Chromium: 907 s and 857 s against 655 s).
e2e_workers=()
[ -n "${E2E_WORKERS:-}" ] && e2e_workers=(--maxWorkers="$E2E_WORKERS")

suite "C++ native" native
suite "C++ ASan+UBSan" asan
suite "C++ fuzz targets (10 s each)" env FUZZ_SECONDS=10 bash scripts/fuzz.sh
suite "WASM builds" wasm_build
suite "C++ as WASM (SIMD128)" wasm_tests simd
suite "C++ as WASM (scalar)" wasm_tests scalar
suite "page build" web_build
suite "Jest unit (JS API, worker, UI)" jest unit
suite "Jest end-to-end (headless Chromium)" jest e2e "${e2e_workers[@]}"
suite "Jest package (npm pack, installed offline: Node, Vite app, import map)" jest package
suite "Jest lessons (claims on the native core)" jest lessons
if [ -f bench/run.mjs ]; then
  suite "benchmark smoke run" node bench/run.mjs --smoke
fi
suite "Jest end-to-end (headless Firefox)" jest e2e-firefox "${e2e_workers[@]}"

printf '\n'
[ "$failed" -eq 0 ] || printf 'failed suites: %s\n' "${failures[*]}"
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
