#include "model/products.h"

#include <Eigen/Core>
#include <algorithm>

namespace relu {
namespace {

using MatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstMatrixMap = Eigen::Map<const Eigen::MatrixXf>;

// Without a GEMM kernel, small products take plain loops that the compiler
// vectorises, with no setup cost: below ~24^3 multiply-adds Eigen's products
// spend more time on packing, blocking and dispatch than on arithmetic, and
// while the weights fit in L1 (64 x 64 floats) the register-blocked loops
// below keep pace with Eigen. They also keep each sum in a fixed order, so
// small networks give the same bits natively and in WebAssembly.
constexpr size_t kSmallProductMaxMacs = 24 * 24 * 24;
constexpr size_t kSmallProductMaxWeights = 64 * 64;

bool IsSmall(size_t rows, size_t inputs, size_t cols) {
  const size_t weights = rows * inputs;
  return weights <= kSmallProductMaxWeights || weights * cols <= kSmallProductMaxMacs;
}

// One column of out = a * b, rows [r, r + kBlock), summed in kBlock
// accumulators that stay in vector registers through the whole inner loop.
// a is column-major with leading dimension lda; the column's entries of b are
// b_col[k * b_step] for k in [0, inner).
template <size_t kBlock>
void ProductRowBlock(size_t inner, size_t r, const float* __restrict a, size_t lda,
                     const float* __restrict b_col, size_t b_step, float* __restrict out_col) {
  float acc[kBlock];
  for (size_t t = 0; t < kBlock; ++t) acc[t] = a[r + t] * b_col[0];
  for (size_t k = 1; k < inner; ++k) {
    const float bk = b_col[k * b_step];
    const float* __restrict ak = a + k * lda + r;
    for (size_t t = 0; t < kBlock; ++t) acc[t] += ak[t] * bk;
  }
  for (size_t t = 0; t < kBlock; ++t) out_col[r + t] = acc[t];
}

// out = a * b for small matrices, column-major with leading dimensions lda and ldo.
//   a: [rows x inner]   out: [rows x cols]
// Column j of b starts at b + j * b_col_stride, its entries b_step apart, so
// b may be a matrix or the transpose of one without copying.
void SmallProduct(size_t rows, size_t inner, size_t cols, const float* __restrict a, size_t lda,
                  const float* __restrict b, size_t b_col_stride, size_t b_step,
                  float* __restrict out, size_t ldo) {
  for (size_t j = 0; j < cols; ++j) {
    float* out_col = out + j * ldo;
    if (inner == 0) {
      std::fill(out_col, out_col + rows, 0.0f);
      continue;
    }
    const float* b_col = b + j * b_col_stride;
    size_t r = 0;
    for (; r + 8 <= rows; r += 8) ProductRowBlock<8>(inner, r, a, lda, b_col, b_step, out_col);
    if (r + 4 <= rows) {
      ProductRowBlock<4>(inner, r, a, lda, b_col, b_step, out_col);
      r += 4;
    }
    for (; r < rows; ++r) ProductRowBlock<1>(inner, r, a, lda, b_col, b_step, out_col);
  }
}

// The epilogue as a pass of its own, after a product that has none: the same
// float additions in the same order, and the set's own activation kernels.
//   c: [m x n] with leading dimension ldc
void ApplyEpilogue(const kernels::KernelSet& kernels, size_t m, size_t n, float* c, size_t ldc,
                   const kernels::GemmEpilogue& epilogue) {
  const kernels::ActParams params{epilogue.alpha};
  const kernels::Act act = epilogue.act == kernels::GemmAct::kRelu        ? kernels::Act::kRelu
                           : epilogue.act == kernels::GemmAct::kLeakyRelu ? kernels::Act::kLeakyRelu
                                                                          : kernels::Act::kLinear;
  if (epilogue.rowBias && !epilogue.colBias && ldc == m &&
      (act == kernels::Act::kLinear || epilogue.y != c)) {
    // A layer's batch: the set's fused bias + activation kernel, one pass
    // (it keeps z apart from y, as the epilogue does unless y == c).
    kernels[act].bias_forward(m, n, c, epilogue.rowBias, act == kernels::Act::kLinear ? c : epilogue.y,
                              &params);
    return;
  }
  for (size_t j = 0; j < n; ++j) {
    float* c_col = c + j * ldc;
    if (epilogue.rowBias) {
      for (size_t i = 0; i < m; ++i) c_col[i] += epilogue.rowBias[i];
    }
    if (epilogue.colBias) {
      const float bias = epilogue.colBias[j];
      for (size_t i = 0; i < m; ++i) c_col[i] += bias;
    }
    if (act != kernels::Act::kLinear) kernels[act].forward(m, c_col, epilogue.y + j * ldc, &params);
  }
}

}  // namespace

void ForwardProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs, size_t cols,
                    const float* w, const float* x, float* z, const kernels::GemmEpilogue* epilogue) {
  if (kernels.gemm) {
    kernels.gemm(rows, cols, inputs, w, 1, rows, x, 1, inputs, z, rows, epilogue);
    return;
  }
  if (IsSmall(rows, inputs, cols)) {
    SmallProduct(rows, inputs, cols, w, rows, x, inputs, 1, z, rows);
  } else {
    const auto r = static_cast<Eigen::Index>(rows), k = static_cast<Eigen::Index>(inputs),
               n = static_cast<Eigen::Index>(cols);
    MatrixMap(z, r, n).noalias() = ConstMatrixMap(w, r, k) * ConstMatrixMap(x, k, n);
  }
  if (epilogue) ApplyEpilogue(kernels, rows, cols, z, rows, *epilogue);
}

void WeightGradientProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                           size_t cols, const float* dz, const float* x, float* dw) {
  if (kernels.gemm) {
    // x^T through the kernel's element steps, no copy: x^T(p, j) = x[j + p * inputs].
    kernels.gemm(rows, inputs, cols, dz, 1, rows, x, inputs, 1, dw, rows, nullptr);
  } else if (IsSmall(rows, inputs, cols)) {
    SmallProduct(rows, cols, inputs, dz, rows, x, 1, inputs, dw, rows);
  } else {
    const auto r = static_cast<Eigen::Index>(rows), k = static_cast<Eigen::Index>(inputs),
               n = static_cast<Eigen::Index>(cols);
    MatrixMap(dw, r, k).noalias() = ConstMatrixMap(dz, r, n) * ConstMatrixMap(x, k, n).transpose();
  }
}

size_t ProductScratchFloats(size_t rows, size_t inputs) {
  return std::min(rows * inputs, std::max(kSmallProductMaxMacs, kSmallProductMaxWeights));
}

void InputGradientProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                          size_t cols, const float* w, const float* dz, float* dx,
                          float* scratch) {
  if (kernels.gemm) {
    // W^T through the element steps: W^T(i, p) = w[p + i * rows].
    kernels.gemm(inputs, cols, rows, w, rows, 1, dz, 1, rows, dx, inputs, nullptr);
  } else if (IsSmall(rows, inputs, cols)) {
    float* __restrict wt = scratch;  // [inputs x rows]
    for (size_t k = 0; k < inputs; ++k) {
      for (size_t r = 0; r < rows; ++r) wt[r * inputs + k] = w[k * rows + r];
    }
    SmallProduct(inputs, rows, cols, wt, inputs, dz, rows, 1, dx, inputs);
  } else {
    const auto r = static_cast<Eigen::Index>(rows), k = static_cast<Eigen::Index>(inputs),
               n = static_cast<Eigen::Index>(cols);
    MatrixMap(dx, k, n).noalias() = ConstMatrixMap(w, r, k).transpose() * ConstMatrixMap(dz, r, n);
  }
}

void SampleMajorForwardProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                               size_t cols, const float* w, const float* xt, size_t ldx, float* zt,
                               size_t ldz, const kernels::GemmEpilogue* epilogue) {
  if (kernels.gemm) {
    kernels.gemm(cols, rows, inputs, xt, 1, ldx, w, rows, 1, zt, ldz, epilogue);
    return;
  }
  if (IsSmall(rows, inputs, cols)) {
    // Column u of W^T is row u of W: its entries are `rows` apart.
    SmallProduct(cols, inputs, rows, xt, ldx, w, 1, rows, zt, ldz);
  } else {
    using Strided = Eigen::OuterStride<>;
    const auto r = static_cast<Eigen::Index>(rows), k = static_cast<Eigen::Index>(inputs),
               n = static_cast<Eigen::Index>(cols);
    Eigen::Map<Eigen::MatrixXf, 0, Strided>(zt, n, r, Strided(static_cast<Eigen::Index>(ldz)))
        .noalias() = Eigen::Map<const Eigen::MatrixXf, 0, Strided>(
                         xt, n, k, Strided(static_cast<Eigen::Index>(ldx))) *
                     ConstMatrixMap(w, r, k).transpose();
  }
  if (epilogue) ApplyEpilogue(kernels, cols, rows, zt, ldz, *epilogue);
}

}  // namespace relu
