// The matrix products of a dense layer, each choosing the fastest path this
// build has: the kernel set's SIMD128 GEMM wherever the build has one (Eigen
// has no SIMD128 packets, and the kernel's 8x4 tile beats the plain loops
// even at 8 x 8), else the model's register-blocked loops for small layers
// and Eigen's blocked products for the rest. Forward, Backward, the grid pass
// and the G1 benchmark all go through these, so what the benchmark times is
// what training runs. Every path sums each entry over k in order, so the
// SIMD128 GEMM and the small loops give the same bits.
//
// Matrices are column-major. A layer of `rows` units over `inputs` inputs has
// W [rows x inputs]; a batch of `cols` samples stores one column per sample.
#pragma once

#include <cstddef>

#include "kernels/kernels.h"

namespace relu {

// z = W x, then the epilogue if not null (kernels.h: the layer's bias as
// rowBias, and ReLU or Leaky ReLU into its activations), fused into the
// GEMM's store where the build has one, as a second pass otherwise.
//   w: [rows x inputs]   x: [inputs x cols]   z: [rows x cols]
void ForwardProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs, size_t cols,
                    const float* w, const float* x, float* z,
                    const kernels::GemmEpilogue* epilogue = nullptr);

// dw = dz x^T.
//   dz: [rows x cols]   x: [inputs x cols]   dw: [rows x inputs]
void WeightGradientProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                           size_t cols, const float* dz, const float* x, float* dw);

// dx = W^T dz. Small layers transpose W into `scratch` first, so that their
// accumulators run down contiguous columns.
//   w: [rows x inputs]   dz: [rows x cols]   dx: [inputs x cols]
//   scratch: [ProductScratchFloats(rows, inputs)]
void InputGradientProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                          size_t cols, const float* w, const float* dz, float* dx, float* scratch);
size_t ProductScratchFloats(size_t rows, size_t inputs);

// The forward product of a batch stored the other way round, one row per
// sample (as the grid pass stores pixels, so that each unit's outputs form
// one contiguous image): z^T = x^T W^T, with leading dimensions ldx and ldz,
// then the epilogue (here the bias is colBias: one per unit).
//   xt: [cols x inputs]   w: [rows x inputs]   zt: [cols x rows]
void SampleMajorForwardProduct(const kernels::KernelSet& kernels, size_t rows, size_t inputs,
                               size_t cols, const float* w, const float* xt, size_t ldx, float* zt,
                               size_t ldz, const kernels::GemmEpilogue* epilogue = nullptr);

}  // namespace relu
