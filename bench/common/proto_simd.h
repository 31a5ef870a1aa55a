// Prototypes, in the bench only, of SIMD128 kernels since adopted into the
// core (the GEMM with fused bias + ReLU in cpp/kernels/wasmsimd_gemm.cc, see
// docs/PERFORMANCE.md): kept as the "proto SIMD128" baseline that the core's
// figures are compared with. WASM SIMD builds only.
//
// Layout as in the model: column-major, one column per sample.
#pragma once

#include <cstddef>

namespace relu::bench::proto {

// kBias*: bias[m], one per row (batch-major layers: W X + b). kColBias*:
// bias[n], one per column (pixel-major layers: X^T W^T + b^T, see GridForward).
enum class Epilogue { kNone, kBias, kBiasRelu, kColBias, kColBiasRelu };

// C[m x n] = A[m x k] B[k x n] (+ bias) (then ReLU into act).
// With a ReLU epilogue, C gets the pre-activations Z = AB + b and act gets
// relu(Z), both written by the micro-kernel's store: no second pass over Z
// (act may equal C when Z is not needed).
// XNNPACK-style register tile of 8 rows x 4 columns (8 accumulators), A read
// in place (no packing: its 8-row panel stays in L1 across the columns).
void GemmNN(int m, int n, int k, const float* a, const float* b, float* c, const float* bias,
            float* act, Epilogue epilogue);

// dst[cols x rows] = src[rows x cols]^T (column-major both), so that the
// backward products (dZ X^T, W^T dZ) reuse GemmNN: O(size) against the
// product's O(size * batch).
void Transpose(int rows, int cols, const float* src, float* dst);

// Every node of a ReLU MLP with a tanh output over an n x n grid of
// [-domain, domain]^2, in the core's EvalGrid layout (out[node * n*n + pixel],
// row 0 at the top). Pixel-major: each layer is one GemmNN of the previous
// layer's images [pixels x in] by W^T [in x out], with the bias and ReLU
// fused into the store, so every layer's output already is one contiguous
// image per unit: no transposition. params in the core's layout; sizes =
// {inputs (2), hidden..., 1}; out holds (sum of sizes[1..]) * n*n floats.
void GridForward(const float* params, const int* sizes, int layer_count, int n, float domain, float* out,
                 float* scratch);
// Floats of scratch GridForward needs.
size_t GridScratchFloats(const int* sizes, int layer_count, int n);

// ReLU forward with the SIMD128 kernel's exact semantics (NaN kept, relu(-0)
// = +0) in 2 instructions per vector instead of f32x4.max's lowering (~8 on
// x64 V8): pmax(x, 0) keeps x when x is NaN (x < 0 is false), then + 0.0f
// turns -0 into +0 and changes nothing else.
void ReluForward(size_t n, const float* x, float* y);

}  // namespace relu::bench::proto
