// G1's ceiling, for the native executables (built twice: SSE2 and AVX2+FMA):
// Eigen's product at one dense-layer size; Run(reps) repeats it so the caller
// can time many with one call. The WASM "ours" columns time the model's own
// products instead (core_gemm_bench.h).
#pragma once

#include <Eigen/Core>

#include "gemm_trans.h"

namespace relu::bench {

// One dense-layer product C[m x n] = op(A) op(B) with Eigen, where
// trans is "NN" (W X), "NT" (dZ X^T) or "TN" (W^T dZ).
class GemmBench {
 public:
  // Returns false for an unknown `trans`.
  bool Prepare(int m, int k, int n, const char* trans);
  void Run(long reps);
  float Checksum() const;

 private:
  GemmTrans kind_ = GemmTrans::kNN;
  Eigen::MatrixXf a_, b_, c_;
};

}  // namespace relu::bench
