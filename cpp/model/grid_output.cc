#include "model/grid_output.h"

#include <string>

#include "model/call_limits.h"

namespace relu {

Status GridOutput::EvalWithin(Trainer& trainer, double size, bool include_hidden, double flop_budget,
                              GridRegions* regions) {
  finished_ = false;
  int n = 0;
  Status status = CheckWholeNumber("gridSize", size, kMinGridSize, kMaxGridSize, &n);
  if (!status.ok()) return status;
  if (status = CheckFlopBudget(flop_budget); !status.ok()) return status;
  const size_t floats = trainer.gridNodeCount(include_hidden) * static_cast<size_t>(n) * n;
  if (floats > kMaxGridFloats) {
    return Status::Error("gridSize: " + std::to_string(n) + " gives " + std::to_string(floats) +
                         " floats for this network, more than the limit of " + std::to_string(kMaxGridFloats) +
                         "; use a smaller grid or leave out the hidden units");
  }
  // Reallocated only when the size changes: EvalGrid overwrites every float.
  if (buffer_.size() != floats && !buffer_.Assign(floats)) {
    buffer_.Release();
    return Status::Error("gridSize: " + std::to_string(n) + " needs " + std::to_string(floats) +
                         " floats, more memory than the browser gave; use a smaller grid");
  }
  status = trainer.EvalGridWithin(n, include_hidden, buffer_.data(), buffer_.size(), flop_budget, &finished_, regions);
  if (!status.ok()) buffer_.Release();
  return status;
}

}  // namespace relu
