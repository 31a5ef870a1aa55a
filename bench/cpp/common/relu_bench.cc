#include "relu_bench.h"

#include "kernels/kernels.h"

namespace relu::bench {

void ReluBench::Prepare(size_t n) {
  n_ = n;
  x_.resize(n);
  y_.assign(n, 0.0f);
  dy_.assign(n, 1.0f);
  dx_.assign(n, 0.0f);
  // Half negative, half positive, in a pattern no branch predictor learns.
  for (size_t i = 0; i < n; ++i) x_[i] = static_cast<float>((i * 7919) % 2001) / 1000.0f - 1.0f;
}

void ReluBench::RunForward(long reps) {
  const auto& relu = kernels::SelectKernels()[kernels::Act::kRelu];
  const kernels::ActParams params;
  for (long r = 0; r < reps; ++r) relu.forward(n_, x_.data(), y_.data(), &params);
}

void ReluBench::RunBackward(long reps) {
  const auto& relu = kernels::SelectKernels()[kernels::Act::kRelu];
  const kernels::ActParams params;
  for (long r = 0; r < reps; ++r) relu.backward(n_, x_.data(), y_.data(), dy_.data(), dx_.data(), &params);
}

float ReluBench::Checksum() const { return n_ ? y_[n_ - 1] + dx_[n_ - 1] : 0.0f; }

}  // namespace relu::bench
