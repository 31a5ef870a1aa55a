// G1's body for the WASM bench module's "ours" columns: the model's own
// dense-layer products (model/products.h), so G1 times exactly what Forward
// and Backward run at each size in this build (small-layer loops, the SIMD128
// GEMM kernel, or Eigen). GemmBench stays Eigen-only for the native ceiling.
#pragma once

#include "aligned_vector.h"
#include "gemm_driver.h"

namespace relu::bench {

class CoreGemmBench final : public GemmDriver {
 public:
  void Run(long reps) override;
  float Checksum() const override;

 private:
  void Allocate() override;

  AlignedVector<float> a_, b_, c_, scratch_;
};

}  // namespace relu::bench
