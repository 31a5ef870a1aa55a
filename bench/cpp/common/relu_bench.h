// K1's body, shared by the native executable and the WASM bench module: the
// buffers are prepared once, then Run*(reps) repeats the kernel so the
// caller can time many calls with one.
#pragma once

#include <cstddef>

#include "aligned_vector.h"

namespace relu::bench {

// ReLU forward and backward through the kernel table the model uses
// (SelectKernels(): SIMD128 in the WASM SIMD build, the scalar reference
// elsewhere), on 64-byte aligned buffers as the core's own (model/buffer.h).
class ReluBench {
 public:
  void Prepare(size_t n);
  void RunForward(long reps);
  void RunBackward(long reps);
  // A value of the last output, so the work cannot be optimised away.
  float Checksum() const;

 private:
  size_t n_ = 0;
  AlignedVector<float> x_, y_, dy_, dx_;
};

}  // namespace relu::bench
