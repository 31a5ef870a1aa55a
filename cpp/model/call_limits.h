// What one call from outside the core (the WASM bindings, where every number
// arrives as a double) may ask for, and the checks that turn such a double
// into a count. Declared here once: the bindings and Trainer::EvalGrid check
// against these, and tests/js/api/core-constants.test.js holds web/api's
// copies to them through the running core.
#pragma once

#include <cstddef>

#include "model/status.h"

namespace relu {

// Bounds on one call, so that a huge count is an error, not an out-of-memory
// abort or a tab frozen for minutes.
inline constexpr double kMaxStepsPerCall = 1e6;
inline constexpr double kMaxEpochsPerCall = 1e4;
inline constexpr int kMinGridSize = 2;
inline constexpr int kMaxGridSize = 512;
inline constexpr size_t kMaxGridFloats = size_t{1} << 25;  // 128 MiB of floats

// A whole number in [lo, hi] into *out, or a message naming `what` and the range.
// NaN, infinities and fractions are refused: a plain cast would truncate them.
Status CheckWholeNumber(const char* what, double value, double lo, double hi, int* out);

// A budget of floating-point operations: any number > 0 (Infinity is one whole pass).
Status CheckFlopBudget(double flop_budget);

// A value that converts to a finite float into *out; beyond float's range the
// conversion itself would be undefined.
Status CheckFiniteFloat(const char* what, double value, float* out);

}  // namespace relu
