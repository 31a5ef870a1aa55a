// Drivers of the SIMD128 prototypes (bench/cpp/common/proto_simd.h) for K1 and
// G1, and their self-check against Eigen and the core's scalar ReLU. SIMD
// builds of the bench module only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "aligned_vector.h"

namespace relu::bench {

class ProtoGemmBench {
 public:
  // trans: "NN", "NT" (C = A B^T) or "TN" (C = A^T B); false if unknown.
  bool Prepare(int m, int k, int n, const char* trans);
  // One product per rep, including the transpose that NT/TN need.
  void Run(long reps);

 private:
  int m_ = 0, k_ = 0, n_ = 0;
  char trans_[3] = {'N', 'N', 0};
  AlignedVector<float> a_, b_, c_, scratch_;
};

class ProtoReluBench {
 public:
  void Prepare(size_t n);
  void RunForward(long reps);

 private:
  AlignedVector<float> x_, y_;
};

// Checks the prototypes against Eigen's product (every trans, row-bias
// epilogues, edge sizes), the scalar ReLU reference (NaN, +-0, +-inf,
// denormals) and, for GridForward (column-bias epilogues), a double-precision
// forward pass. Returns an empty string, or what disagreed.
std::string ProtoSelfCheck();

}  // namespace relu::bench
