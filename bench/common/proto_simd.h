// Prototypes, in the bench only, of the SIMD128 kernels proposed to the
// kernel owners (see docs/PERFORMANCE.md): they exist to measure the gain
// before anyone changes cpp/kernels. WASM SIMD builds only.
//
// Layout as in the model: column-major, one column per sample.
#pragma once

#include <cstddef>

namespace relu::bench::proto {

enum class Epilogue { kNone, kBias, kBiasRelu };

// C[m x n] = A[m x k] B[k x n] (+ bias[m] per column) (then ReLU into act).
// With kBiasRelu, C gets the pre-activations Z = AB + b and act gets relu(Z),
// both written by the micro-kernel's store: no second pass over Z.
// XNNPACK-style register tile of 8 rows x 4 columns (8 accumulators), A read
// in place (no packing: its 8-row panel stays in L1 across the columns).
void GemmNN(int m, int n, int k, const float* a, const float* b, float* c, const float* bias,
            float* act, Epilogue epilogue);

// dst[cols x rows] = src[rows x cols]^T (column-major both), so that the
// backward products (dZ X^T, W^T dZ) reuse GemmNN: O(size) against the
// product's O(size * batch).
void Transpose(int rows, int cols, const float* src, float* dst);

// ReLU forward with the SIMD128 kernel's exact semantics (NaN kept, relu(-0)
// = +0) in 2 instructions per vector instead of f32x4.max's lowering (~8 on
// x64 V8): pmax(x, 0) keeps x when x is NaN (x < 0 is false), then + 0.0f
// turns -0 into +0 and changes nothing else.
void ReluForward(size_t n, const float* x, float* y);

}  // namespace relu::bench::proto
