// The one list of kernel variants. Declares every variant, and is expanded by
// select.cc (to build the kernel sets) and by the tests (one parameterised case
// per variant), so a new variant cannot be added without being tested.
//
// Names follow XNNPACK: <op>_f32__<isa>[_u<unroll>], e.g. relu_f32__wasmsimd_u8.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/kernels.h"

// The activations with their own kernels: ACT(Act enumerator, kernel name, arg),
// where `arg` is passed through unchanged (e.g. the ISA suffix).
// kPrelu is absent: with a shared slope the model uses the leaky-relu kernels
// (the table's kPrelu entry points to them); per-unit slopes have prelu_* below.
#define RELU_FOR_EACH_ACT(ACT, arg)   \
  ACT(kLinear, linear, arg)           \
  ACT(kRelu, relu, arg)               \
  ACT(kLeakyRelu, leaky_relu, arg)    \
  ACT(kElu, elu, arg)                 \
  ACT(kSelu, selu, arg)               \
  ACT(kGelu, gelu, arg)               \
  ACT(kSilu, silu, arg)               \
  ACT(kSoftplus, softplus, arg)       \
  ACT(kSigmoid, sigmoid, arg)         \
  ACT(kTanh, tanh, arg)

// The instruction sets compiled into this build, each with its variants:
//   ISA(KernelSet::isa string, element-wise suffix, matrix-product suffix, gemm_in_set)
// naming <op>_f32__<element-wise suffix> and gemm_f32__<matrix-product suffix>.
// gemm_in_set says whether the set's KernelSet::gemm is that product: the
// scalar one is the reference only, slower than Eigen's blocked products, so
// the scalar set leaves `gemm` null and the model uses Eigen.
#if defined(__wasm_simd128__)
#define RELU_FOR_EACH_ISA(ISA)           \
  ISA("scalar", scalar, scalar, false)   \
  ISA("wasmsimd", wasmsimd_u8, wasmsimd_8x4, true)
#else
#define RELU_FOR_EACH_ISA(ISA) ISA("scalar", scalar, scalar, false)
#endif

namespace relu::kernels {

// Function types behind the pointer types of kernels.h: declaring variants with
// them guarantees one shared signature per operation.
using ActForwardSig = void(size_t n, const float* x, float* y, const ActParams* params);
using ActBackwardSig = void(size_t n, const float* x, const float* y, const float* dy, float* dx,
                            const ActParams* params);
using BiasActForwardSig = void(size_t rows, size_t cols, float* z, const float* bias, float* y,
                               const ActParams* params);
using PreluForwardSig = void(size_t n, const float* x, const float* slope, float* y);
using PreluBackwardSig = void(size_t n, const float* x, const float* slope, const float* dy,
                              float* dx, float* dslope);
using CountZerosSig = size_t(size_t n, const float* x);
using GemmSig = void(size_t m, size_t n, size_t k, const float* a, size_t a_row_step,
                     size_t a_col_step, const float* b, size_t b_row_step, size_t b_col_step,
                     float* c, size_t ldc, const GemmEpilogue* epilogue);
using PatternHashSig = void(size_t pixels, size_t units, const float* act, size_t ld,
                            const uint64_t* keys, uint64_t* hash);

#define RELU_DECLARE_ACT_VARIANT(act, name, suffix) \
  ActForwardSig name##_f32__##suffix;               \
  ActBackwardSig name##_backward_f32__##suffix;     \
  BiasActForwardSig bias_##name##_f32__##suffix;

#define RELU_DECLARE_ISA_VARIANTS(isa_name, suffix, gemm_suffix, gemm_in_set) \
  RELU_FOR_EACH_ACT(RELU_DECLARE_ACT_VARIANT, suffix)                          \
  PreluForwardSig prelu_f32__##suffix;                                         \
  PreluBackwardSig prelu_backward_f32__##suffix;                               \
  CountZerosSig count_zeros_f32__##suffix;                                     \
  GemmSig gemm_f32__##gemm_suffix;                                             \
  PatternHashSig pattern_hash_f32__##suffix;

RELU_FOR_EACH_ISA(RELU_DECLARE_ISA_VARIANTS)

}  // namespace relu::kernels
