#include "core_gemm_bench.h"

#include "kernels/kernels.h"
#include "model/products.h"

namespace relu::bench {

bool CoreGemmBench::Prepare(int m, int k, int n, const char* trans) {
  if (!ParseGemmTrans(trans, &kind_)) return false;
  m_ = m;
  k_ = k;
  n_ = n;
  // The operands hold m*k and k*n floats whichever way round they are stored.
  a_.assign(static_cast<size_t>(m) * k, 0.5f);
  b_.assign(static_cast<size_t>(k) * n, 0.25f);
  c_.assign(static_cast<size_t>(m) * n, 0.0f);
  scratch_.assign(ProductScratchFloats(static_cast<size_t>(k), static_cast<size_t>(m)), 0.0f);
  return true;
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
