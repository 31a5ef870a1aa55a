// The decision grid evaluated into a buffer this object owns, for a caller
// that holds none of its own: the WASM bindings show JS a view of it. The
// request arrives as doubles from outside and is checked here (call_limits.h),
// including a cap on the floats a grid of the hidden units may take.
#pragma once

#include <cstddef>

#include "model/buffer.h"
#include "model/status.h"
#include "model/trainer.h"

namespace relu {

class GridOutput {
 public:
  // Up to about flop_budget operations of the size x size grid
  // (Trainer::EvalGridWithin); finished() then says whether it is complete.
  // Another size or include_hidden starts afresh. On an error the buffer is freed.
  // With `regions`, the same pass counts the linear regions (Trainer::EvalGridWithin).
  Status EvalWithin(Trainer& trainer, double size, bool include_hidden, double flop_budget,
                    GridRegions* regions = nullptr);
  bool finished() const { return finished_; }
  const float* data() const { return buffer_.data(); }
  size_t size() const { return buffer_.size(); }

 private:
  FloatBuffer buffer_;  // 64-byte aligned: the grid pass stores whole vectors
  bool finished_ = false;
};

}  // namespace relu
