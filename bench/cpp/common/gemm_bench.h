// G1's ceiling, for the native executables (built twice: SSE2 and AVX2+FMA):
// Eigen's product at one dense-layer size. The WASM "ours" columns time the
// model's own products instead (core_gemm_bench.h).
#pragma once

#include <Eigen/Core>

#include "gemm_driver.h"

namespace relu::bench {

class GemmBench final : public GemmDriver {
 public:
  void Run(long reps) override;
  float Checksum() const override;

 private:
  void Allocate() override;

  Eigen::MatrixXf a_, b_, c_;
};

}  // namespace relu::bench
