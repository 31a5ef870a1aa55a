// G1's body, shared by the native executables (built twice: SSE2 and
// AVX2+FMA) and the WASM bench module: Eigen's product at one dense-layer
// size; Run(reps) repeats it so the caller can time many with one call.
#pragma once

#include <Eigen/Core>

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
  enum class Kind { kNN, kNT, kTN } kind_ = Kind::kNN;
  Eigen::MatrixXf a_, b_, c_;
};

}  // namespace relu::bench
