// G1's body for the WASM bench module's "ours" columns: the model's own
// dense-layer products (model/products.h), so G1 times exactly what Forward
// and Backward run at each size in this build (small-layer loops, the SIMD128
// GEMM kernel, or Eigen). Same interface as GemmBench, which stays Eigen-only
// for the native ceiling.
#pragma once

#include "aligned_vector.h"
#include "gemm_trans.h"

namespace relu::bench {

class CoreGemmBench {
 public:
  // trans is "NN" (W X: forward), "NT" (dZ X^T: weight gradient) or "TN"
  // (W^T dZ: input gradient). Returns false for an unknown `trans`.
  bool Prepare(int m, int k, int n, const char* trans);
  void Run(long reps);
  float Checksum() const;

 private:
  GemmTrans kind_ = GemmTrans::kNN;
  int m_ = 0, k_ = 0, n_ = 0;
  AlignedVector<float> a_, b_, c_, scratch_;
};

}  // namespace relu::bench
