#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (in the "asan" tree: clang,
# ASan + UBSan, the tree the sanitizer tests run in) and runs each for
# FUZZ_SECONDS seconds (default 300) from its
# committed seed corpus, tests/fuzz/corpus/<name>; then prints the
# executions per target. Exit status non-zero if a target found anything.
#
# Environment (all optional):
#   FUZZ_SECONDS  seconds per target (default 300; CI uses 10)
#   FUZZ_TARGETS  which targets (default: config model number cli_args trainer_calls)
#   JOBS          parallel build jobs, and targets run at once (default 2)
#
# Inputs that reach new code are kept in build/fuzz/corpus/<name> (reused by
# the next run, never committed); a crash, leak or timeout is saved as
# build/fuzz/artifacts/<name>-crash-<sha1> (etc.): reproduce it with
#   build/asan/tests/fuzz/<name>_fuzz build/fuzz/artifacts/<file>
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-300}
targets=${FUZZ_TARGETS:-config model number cli_args trainer_calls}
jobs=${JOBS:-2}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (Debian: clang, libclang-rt-14-dev; see scripts/setup.sh)" >&2; exit 1; }
cmake --preset asan >/dev/null && cmake --build --preset fuzz -j "$jobs" >/dev/null || {
  echo "fuzz.sh: the fuzz build failed (cmake --build --preset fuzz)" >&2
  exit 1
}

tree=build/asan  # the executables (CMakePresets.json)
out=build/fuzz   # what the runs keep: corpora, artifacts, logs
mkdir -p "$out/artifacts"

# One target's run; its report line goes to $out/<name>.result. libFuzzer
# runs one process on one core, so up to JOBS targets run at once.
fuzz_target() {
  local name=$1
  local exe=$tree/tests/fuzz/${name}_fuzz
  local result_file=$out/$name.result
  if [ ! -x "$exe" ]; then
    echo "fuzz.sh: no target '$name' ($exe)" >&2
    printf '%-14s %12s %10s %8s  %s' "$name" - - - "NO TARGET" >"$result_file"
    return 1
  fi
  local work=$out/corpus/$name
  mkdir -p "$work"
  local options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=60 -rss_limit_mb=3072
           -artifact_prefix="$out/artifacts/$name-")
  case $name in
    # JSON documents: field names and literals as hints, room for a model of a few hundred parameters.
    config | model) options+=(-dict=tests/fuzz/json.dict -max_len=16384) ;;
  esac
  local log=$out/$name.log
  printf '== %s: %ss\n' "$name" "$seconds"
  "$exe" "${options[@]}" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
  local status=$?
  local executions rate corpus result
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result="nothing found"
  else
    result="FOUND (exit $status): see $log and $out/artifacts/$name-*"
    grep -m1 -E 'ERROR: |FUZZ_CHECK failed|runtime error' "$log" | cut -c1-200
  fi
  printf '%-14s %12s %10s %8s  %s' "$name" "${executions:-?}" "${rate:-?}" "$corpus" "$result" >"$result_file"
  [ "$status" -eq 0 ]
}

failed=0
running=0
for name in $targets; do
  rm -f "$out/$name.result"
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  fuzz_target "$name" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done

report=$(printf '%-14s %12s %10s %8s  %s' target executions "exec/s" corpus result)
for name in $targets; do
  report+=$'\n'$(cat "$out/$name.result" 2>/dev/null || printf '%-14s %12s %10s %8s  %s' "$name" - - - "NO RESULT")
  [ -f "$out/$name.result" ] || failed=1
done
printf '\n%s\n' "$report" | tee "$out/summary.txt"
exit "$failed"
