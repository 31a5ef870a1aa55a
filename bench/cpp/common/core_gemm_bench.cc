#include "core_gemm_bench.h"

#include "kernels/kernels.h"
#include "model/products.h"

namespace relu::bench {

void CoreGemmBench::Allocate() {
  const auto m = static_cast<size_t>(m_), k = static_cast<size_t>(k_), n = static_cast<size_t>(n_);
  a_.assign(m * k, 0.5f);
  b_.assign(k * n, 0.25f);
  c_.assign(m * n, 0.0f);
  scratch_.assign(ProductScratchFloats(k, m), 0.0f);
}

void CoreGemmBench::Run(long reps) {
  const kernels::KernelSet& kernels = kernels::SelectKernels();
  const auto m = static_cast<size_t>(m_), k = static_cast<size_t>(k_), n = static_cast<size_t>(n_);
  for (long r = 0; r < reps; ++r) {
    switch (kind_) {
      case GemmTrans::kNN:  // z[m x n] = W[m x k] X[k x n]
        ForwardProduct(kernels, m, k, n, a_.data(), b_.data(), c_.data());
        break;
      case GemmTrans::kNT:  // dW[m x n] = dZ[m x k] X[n x k]^T: the batch is k
        WeightGradientProduct(kernels, m, n, k, a_.data(), b_.data(), c_.data());
        break;
      case GemmTrans::kTN:  // dX[m x n] = W[k x m]^T dZ[k x n]: the layer has k units
        InputGradientProduct(kernels, k, m, n, a_.data(), b_.data(), c_.data(), scratch_.data());
        break;
    }
  }
}

float CoreGemmBench::Checksum() const { return c_.empty() ? 0.0f : c_.back(); }

}  // namespace relu::bench
