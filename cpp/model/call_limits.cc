#include "model/call_limits.h"

#include <cmath>
#include <limits>
#include <string>

#include "model/config/json_number.h"

namespace relu {

Status CheckWholeNumber(const char* what, double value, double lo, double hi, int* out) {
  if (!std::isfinite(value) || value != std::floor(value) || value < lo || value > hi) {
    return Status::Error(std::string(what) + ": " + FormatNumber(value) + " is not a whole number in [" +
                         FormatNumber(lo) + ", " + FormatNumber(hi) + "]");
  }
  *out = static_cast<int>(value);
  return Status::Ok();
}

Status CheckFlopBudget(double flop_budget) {
  if (flop_budget > 0) return Status::Ok();  // NaN fails too
  return Status::Error("flopBudget: " + FormatNumber(flop_budget) + " is not a number > 0");
}

Status CheckFiniteFloat(const char* what, double value, float* out) {
  if (!(std::fabs(value) <= static_cast<double>(std::numeric_limits<float>::max()))) {
    return Status::Error(std::string(what) + ": " + FormatNumber(value) + " is not a finite float");
  }
  *out = static_cast<float>(value);
  return Status::Ok();
}

}  // namespace relu
