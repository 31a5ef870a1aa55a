#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (CMake preset "fuzz": clang,
# ASan + UBSan) and runs each for FUZZ_SECONDS seconds (default 300) from its
# committed seed corpus, tests/fuzz/corpus/<name>; then prints the
# executions per target. Exit status non-zero if a target found anything.
#
# Environment (all optional):
#   FUZZ_SECONDS  seconds per target (default 300; CI uses 10)
#   FUZZ_TARGETS  which targets (default: config model number cli_args trainer_calls)
#   JOBS          parallel build jobs (default 2)
#
# Inputs that reach new code are kept in build/fuzz/corpus/<name> (reused by
# the next run, never committed); a crash, leak or timeout is saved as
# build/fuzz/artifacts/<name>-crash-<sha1> (etc.): reproduce it with
#   build/fuzz/tests/fuzz/<name>_fuzz build/fuzz/artifacts/<file>
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-300}
targets=${FUZZ_TARGETS:-config model number cli_args trainer_calls}
jobs=${JOBS:-2}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (Debian: clang, libclang-rt-14-dev; see scripts/setup.sh)" >&2; exit 1; }
cmake --preset fuzz >/dev/null && cmake --build --preset fuzz -j "$jobs" >/dev/null || {
  echo "fuzz.sh: the fuzz build failed (cmake --build --preset fuzz)" >&2
  exit 1
}

out=build/fuzz
mkdir -p "$out/artifacts"
failed=0
report=$(printf '%-14s %12s %10s %8s  %s' target executions "exec/s" corpus result)
for name in $targets; do
  exe=$out/tests/fuzz/${name}_fuzz
  [ -x "$exe" ] || { echo "fuzz.sh: no target '$name' ($exe)" >&2; failed=1; continue; }
  work=$out/corpus/$name
  mkdir -p "$work"
  options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=60 -rss_limit_mb=3072
           -artifact_prefix="$out/artifacts/$name-")
  case $name in
    # JSON documents: field names and literals as hints, room for a model of a few hundred parameters.
    config | model) options+=(-dict=tests/fuzz/json.dict -max_len=16384) ;;
  esac
  log=$out/$name.log
  printf '== %s: %ss\n' "$name" "$seconds"
  "$exe" "${options[@]}" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
  status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result="nothing found"
  else
    failed=1
    result="FOUND (exit $status): see $log and $out/artifacts/$name-*"
    grep -m1 -E 'ERROR: |FUZZ_CHECK failed|runtime error' "$log" | cut -c1-200
  fi
  report+=$(printf '\n%-14s %12s %10s %8s  %s' "$name" "${executions:-?}" "${rate:-?}" "$corpus" "$result")
done
printf '\n%s\n' "$report" | tee "$out/summary.txt"
exit "$failed"
