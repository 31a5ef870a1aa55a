#!/usr/bin/env bash
# Sets up, builds and runs every test suite:
#   C++ (GoogleTest via ctest): native, native under ASan+UBSan (clang), WASM
#   SIMD128 and WASM scalar under Node; libFuzzer targets for 10 s each; the
#   relu-train CLI tests; Jest unit tests of the JS API, worker and UI modules;
#   end-to-end tests in headless Chromium and in headless Firefox; the npm
#   package installed offline; the lesson claims on the native core; a smoke
#   run of the benchmarks (no timing is asserted).
#
# Order, on two cores: the WebAssembly core and the page are built first (the
# browsers need them); then three lanes run at once:
#   chromium: Jest unit, end-to-end in Chromium, the package
#   firefox:  end-to-end in Firefox (but for the files tests/e2e/engines.js
#             leaves to Chromium)
#   build:    the native, sanitizer and WASM test trees, their tests, the fuzz
#             targets, the lessons and the bench smoke, at the lowest CPU
#             priority (started right after setup)
# The run is bound by CPU (a browser's run alone keeps 1.4 cores busy: the
# page draws every frame in software): lanes keep both cores busy from the
# start, and the summary gives each suite's CPU seconds, and the machine's.
#
# Every suite runs even if an earlier one fails; each suite's output is
# printed whole when it ends (build/test-logs/ keeps it); the exit status is
# non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export JOBS=${JOBS:-$(nproc)}
# emcc's JS optimiser finds acorn only here when Node is not Debian's.
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
export CTEST_OUTPUT_ON_FAILURE=1
# The lesson tests reuse the probe the native tree builds, instead of a tree of their own.
export RELU_LESSONS_BUILD_DIR="$PWD/build/native"

bash scripts/setup.sh || exit 1

# busy_jiffies: CPU time the whole machine has spent working since boot (all
# cores, in clock ticks): what a suite's own count misses (a browser's
# processes that outlive their parent) shows in the difference.
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
busy_at_start=$(busy_jiffies)

logs=build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
results=$logs/results
: >"$results"

# suite NAME COMMAND...: runs COMMAND with its output in a log of its own;
# when it ends, prints the log as one block (never mixed with another lane's)
# and records the result.
suite() {
  local name=$1; shift
  local log
  log="$logs/$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '-' | tr -s '-').log"
  local start=$SECONDS status cpu
  # The subshell's `times` gives the CPU its children used: with two cores
  # shared by three lanes, CPU seconds say what a suite costs, wall seconds
  # only what it waited.
  # (`times` itself must not run in a pipe: a forked shell has no children yet.)
  ( "$@" >"$log" 2>&1; status=$?; times >"$log.times"; exit "$status" )
  status=$?
  cpu=$(cpu_seconds $(sed -n 2p "$log.times"))
  local took=$((SECONDS - start)) verdict=ok
  [ "$status" -eq 0 ] || verdict=FAILED
  {
    flock 9
    printf '\n\033[1m== %s\033[0m\n' "$name"
    cat "$log"
    printf '== %s: %s (%ss, %s s of CPU)\n' "$name" "$verdict" "$took" "$cpu"
    printf '%s\t%s\t%s\t%s\n' "$verdict" "$took" "$cpu" "$name" >>"$results"
  } 9>"$logs/.print-lock"
  return "$status"
}
# cpu_seconds USER SYS: bash's `times` format (1m2.500s) to whole seconds.
cpu_seconds() {
  awk -v u="$1" -v s="$2" 'function sec(t,  m) { m = t; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", t); sub(/s$/, "", t); return m * 60 + t }
    BEGIN { printf "%d", sec(u) + sec(s) + 0.5 }'
}
# A suite that cannot run because what it needs failed to build.
not_run() { suite "$1" sh -c "echo 'not run: $2' >&2; exit 1"; }

# Lanes wait for a step of another lane through a file holding its exit status.
mark() { echo "$2" >"$logs/$1.status"; }
await() {
  until [ -f "$logs/$1.status" ]; do sleep 2; done
  [ "$(cat "$logs/$1.status")" = 0 ]
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
# The core first (the page needs it), configured with the test suites, which
# the build lane compiles later in the same trees.
wasm_core() { RELU_BUILD_TESTS=ON RELU_WASM_TARGETS=relu_core bash wasm-build/build.sh; }
wasm_tests() {
  cmake --build "build/wasm-$1" -j "$JOBS" --target kernels_test model_test oom_test &&
    ctest --test-dir "build/wasm-$1" -j "$JOBS" --output-on-failure
}
# Both end-to-end runs serve this build (tests/e2e/helpers/page-server.js)
# instead of each running Vite again. Not web/dist: the package suite's
# `npm pack` rebuilds that one while the browsers run.
e2e_page=build/e2e-page
page_build() { npx vite build --logLevel warn --outDir "$e2e_page" --emptyOutDir; }
jest() { local project=$1; shift; node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects "$project" --ci "$@"; }
# E2E_WORKERS=N runs N end-to-end files at once per engine (jest --maxWorkers).
# Left to Jest by default (one on two cores): the two engines already run side by side.
e2e_workers=()
[ -n "${E2E_WORKERS:-}" ] && e2e_workers=(--maxWorkers="$E2E_WORKERS")

build_lane() {
  renice -n 19 -p "$BASHPID" >/dev/null
  suite "C++ native" native
  if await wasm-core; then suite "Jest lessons (claims on the native core)" jest lessons
  else not_run "Jest lessons (claims on the native core)" "the WASM core did not build"; fi
  suite "C++ ASan+UBSan" asan
  suite "C++ fuzz targets (10 s each)" env FUZZ_SECONDS=10 bash scripts/fuzz.sh
  if await wasm-core; then
    suite "C++ as WASM (SIMD128)" wasm_tests simd
    suite "C++ as WASM (scalar)" wasm_tests scalar
    [ -f bench/run.mjs ] && suite "benchmark smoke run" node bench/run.mjs --smoke
  else
    not_run "C++ as WASM" "the WASM core did not build"
  fi
}
chromium_lane() {
  suite "Jest unit (JS API, worker, UI)" jest unit
  suite "Jest end-to-end (headless Chromium)" jest e2e "${e2e_workers[@]}"
  suite "Jest package (npm pack, installed offline: Node, Vite app, import map)" jest package
}
firefox_lane() {
  suite "Jest end-to-end (headless Firefox)" jest e2e-firefox "${e2e_workers[@]}"
}

build_lane &
lanes=($!)
suite "WASM core (SIMD128 and scalar)" wasm_core
status=$?
mark wasm-core "$status"
if [ "$status" -eq 0 ] && suite "page build" page_build; then
  export RELU_E2E_BUILT_PAGE="$PWD/$e2e_page"
  chromium_lane &
  lanes+=($!)
  firefox_lane &
  lanes+=($!)
else
  not_run "Jest unit and end-to-end suites" "the WASM core or the page did not build"
fi
wait "${lanes[@]}"

passed=$(grep -c '^ok' "$results")
failed=$(grep -c '^FAILED' "$results")
printf '\n\033[1m== summary\033[0m (in the order they ended; %ss in all)\n' "$SECONDS"
awk -F'\t' 'BEGIN { printf "%-7s %5s %5s  %s\n", "", "wall", "cpu", "suite" }
  { printf "%-7s %5s %5s  %s\n", $1, $2, $3, $4; cpu += $3 }
  END { printf "%-7s %5s %5d  %s\n", "", "", cpu, "CPU seconds in all" }' "$results"
ticks=$(getconf CLK_TCK)
printf 'the machine: %d CPU seconds busy over %ss on %d cores\n' \
  "$(( ($(busy_jiffies) - busy_at_start) / ticks ))" "$SECONDS" "$(nproc)"
printf 'suites: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
