// The bench's timing rule, in C++: the same as bench/js/harness/stats.mjs, so native
// figures are taken exactly like the JavaScript and WASM ones: calibration
// picks how many operations make a repetition of at least min_rep_ms,
// warm-up repetitions follow (at least warmup_min_ms, until one is no longer
// clearly faster than the one before, at most warmup_max_ms), then each
// timed repetition yields one time per operation.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace relu::bench {

struct TimingMode {
  int reps = 7;
  double warmup_min_ms = 250.0;
  double warmup_max_ms = 3000.0;
  double min_rep_ms = 60.0;
  long max_inner = 1L << 20;
};

inline TimingMode FullMode() { return TimingMode{}; }
inline TimingMode SmokeMode() { return TimingMode{1, 0.0, 0.0, 0.0, 1}; }

struct Timing {
  std::vector<double> ms_per_op;
  long inner = 1;
};

inline double NowMs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

// run_ops(k) performs the measured operation k times.
template <typename RunOps>
Timing Measure(RunOps&& run_ops, const TimingMode& mode) {
  // Calibration: double the count until a call lasts a quarter of a repetition.
  long count = 1;
  double elapsed = 0.0;
  for (;; count *= 2) {
    const double start = NowMs();
    run_ops(count);
    elapsed = NowMs() - start;
    if (elapsed >= mode.min_rep_ms / 4 || count >= mode.max_inner) break;
  }
  Timing timing;
  const double inner = std::ceil(static_cast<double>(count) * mode.min_rep_ms / std::max(elapsed, 1e-3));
  timing.inner = std::clamp(static_cast<long>(inner), 1L, mode.max_inner);
  if (mode.warmup_max_ms > 0) {
    const double begin = NowMs();
    double previous = 1e300;
    for (;;) {
      const double start = NowMs();
      run_ops(timing.inner);
      const double end = NowMs();
      const bool settled = end - start > 0.95 * previous;
      previous = end - start;
      if (end - begin >= mode.warmup_max_ms || (settled && end - begin >= mode.warmup_min_ms)) break;
    }
  }
  for (int i = 0; i < mode.reps; ++i) {
    const double start = NowMs();
    run_ops(timing.inner);
    timing.ms_per_op.push_back((NowMs() - start) / static_cast<double>(timing.inner));
  }
  return timing;
}

// One result line: {"metric": "...", "msPerOp": [...], "inner": k}.
inline std::string TimingJson(const std::string& metric, const Timing& timing) {
  std::string out = "{\"metric\":\"" + metric + "\",\"msPerOp\":[";
  for (size_t i = 0; i < timing.ms_per_op.size(); ++i) {
    if (i) out += ',';
    char number[32];
    std::snprintf(number, sizeof number, "%.9g", timing.ms_per_op[i]);
    out += number;
  }
  out += "],\"inner\":" + std::to_string(timing.inner) + "}";
  return out;
}

}  // namespace relu::bench
