// Activation kernels: the element-wise work of every hidden layer.
//
// Every operation comes as a scalar reference (`*__scalar`) and, in the
// Emscripten SIMD build, a WebAssembly SIMD128 variant (`*__wasmsimd_uN`).
// All variants of one operation share one signature, and exactly one place
// (select.cc, `SelectKernels()`) decides which variant the model uses.
// This folder knows nothing of the model: plain pointers and lengths only.
//
// Contract shared by every kernel:
//  - any length n >= 0, any alignment (no alignment is assumed);
//  - in place: `y` may equal `x`; in backward, `dx` may equal `dy`;
//  - NaN in gives NaN out (divergence must be seen, not hidden): in forward
//    wherever x is NaN; in backward wherever x or dy is NaN, given y = f(x) (f'(NaN) is NaN,
//    also for the piecewise-constant derivatives);
//  - +-inf and +-0 follow the formulas below, in IEEE arithmetic, with two
//    refinements: where a formula gives inf * 0 at +-inf, the kernel returns the
//    limit instead (silu(-inf) = gelu(-inf) = -0; f'(+-inf) of gelu, silu and
//    softplus is 1 or 0); and relu(-0) = +0 (max(0, -0) as f32x4.max orders
//    zeros). Every other zero keeps its sign: leaky_relu/elu/selu/gelu/silu/tanh
//    of -0 is -0. (a*x with a = 0 at x = -inf is NaN, as IEEE says.)
//  - the SIMD128 variants approximate exp/expm1/log1p/tanh: measured max error
//    against the scalar std:: references is 2.3e-7, absolute where |f| <= 1 and
//    relative above (tests/cpp/kernels/accuracy_test.cc prints the table).
#pragma once

#include <cstddef>
#include <cstdint>

namespace relu::kernels {

// The activation functions, in the order of the kernel table.
//
// Forward f(x) and the derivative f'(x) used by backward. At x == 0 (either
// sign) the derivative of the kinked functions is taken from the left-hand
// side; the smooth ones have f'(0) = 0.5 (gelu, silu, softplus), 0.25
// (sigmoid), 1 (tanh, linear):
//   linear      x                                  1
//   relu        max(0, x)                          x > 0 ? 1 : 0          (0 at x == 0)
//   leaky_relu  x > 0 ? x : a*x   (a = slope)      x > 0 ? 1 : a          (a at x == 0)
//   prelu       as leaky_relu, a learned per layer or per unit (see PreluForwardFn)
//   elu         x > 0 ? x : a*(exp(x)-1)           x > 0 ? 1 : y + a      (a at x == 0)
//   selu        l*elu(x) with the SELU constants   x > 0 ? l : l*a*exp(x) (l*a at x == 0)
//   gelu        0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3)))   (the tanh form)
//   silu        x*sigmoid(x)                       s + x*s*(1-s)
//   softplus    log(1+exp(x))                      sigmoid(x)
//   sigmoid     1/(1+exp(-x))                      y(1-y)
//   tanh        tanh(x)                            1-y^2
enum class Act : uint8_t {
  kLinear = 0,
  kRelu,
  kLeakyRelu,
  kPrelu,
  kElu,
  kSelu,
  kGelu,
  kSilu,
  kSoftplus,
  kSigmoid,
  kTanh,
};
inline constexpr int kActCount = 11;

// Scalar parameter of the parametrised activations: the Leaky ReLU slope, the
// ELU alpha. Ignored by the others. PReLU takes its slopes separately.
struct ActParams {
  float alpha = 0.0f;
};

// y[i] = f(x[i]) for i in [0, n).
//   x: [n]   y: [n]
using ActForwardFn = void (*)(size_t n, const float* x, float* y, const ActParams* params);

// dx[i] = dy[i] * f'(x[i]), where y = f(x) is passed so that kernels that can
// use it (sigmoid, tanh, elu) need not recompute f.
//   x: [n]   y: [n]   dy: [n]   dx: [n]
using ActBackwardFn = void (*)(size_t n, const float* x, const float* y, const float* dy, float* dx,
                               const ActParams* params);

// PReLU with one slope per element of the column: y[i] = x[i] > 0 ? x[i] : slope[i]*x[i].
// For a slope shared by the layer, the model passes the leaky kernels instead.
//   x: [n]   slope: [n]   y: [n]
using PreluForwardFn = void (*)(size_t n, const float* x, const float* slope, float* y);

// dx[i] = dy[i] * (x[i] > 0 ? 1 : slope[i]);  dslope[i] += dy[i] * (x[i] > 0 ? 0 : x[i]).
// dslope accumulates, so the model can sum over the columns of a batch.
//   x: [n]   slope: [n]   dy: [n]   dx: [n]   dslope: [n] (accumulated)
using PreluBackwardFn = void (*)(size_t n, const float* x, const float* slope, const float* dy,
                                 float* dx, float* dslope);

// Fused bias-add + activation over a layer's pre-activation block, stored
// column-major with one column per sample:
//   z[:, j] += bias;  y[:, j] = f(z[:, j])        for j in [0, cols)
//   z: [rows x cols] (in: W*X, out: W*X + b)   bias: [rows]   y: [rows x cols]
// `y` may equal `z` only for kLinear (z is kept: backward needs the pre-activation).
using BiasActForwardFn = void (*)(size_t rows, size_t cols, float* z, const float* bias, float* y,
                                  const ActParams* params);

// Number of elements exactly equal to zero (+0 or -0). NaN is not zero.
//   x: [n]
using CountZerosFn = size_t (*)(size_t n, const float* x);

// What the matrix product does to C on its way out, fused into the store of
// each register tile (as XNNPACK fuses bias and clamping), so that a layer's
// bias and activation cost no second pass over its outputs:
//   C(i, j) = sum_p A(i, p) B(p, j) [+ rowBias[i]] [+ colBias[j]]
//   y(i, j) = f(C(i, j)), stored at y[i + j * ldc], when act is not kNone,
// with f exactly the relu / leaky_relu forward kernel of the same set (y may
// equal c). A layer's batch has one column per sample and takes rowBias; a
// pixel-major batch (the grid) has one column per unit and takes colBias.
enum class GemmAct : uint8_t { kNone, kRelu, kLeakyRelu };
struct GemmEpilogue {
  const float* rowBias = nullptr;  // [m] or null
  const float* colBias = nullptr;  // [n] or null
  GemmAct act = GemmAct::kNone;
  float alpha = 0.0f;  // the leaky slope
  float* y = nullptr;  // [m x n] with leading dimension ldc; required when act != kNone
};

// Matrix product C = A * B (+ the epilogue, if not null) for the model's
// dense layers. A and B are read through element steps, so a transposed
// operand needs no copy:  A(i, p) = a[i * a_row_step + p * a_col_step],
//                         B(p, j) = b[p * b_row_step + j * b_col_step],
// C is column-major: C(i, j) = c[i + j * ldc]. c and y must not overlap a or b.
//   A: [m x k]   B: [k x n]   C: [m x n] (overwritten; k == 0 gives zeros + bias)
using GemmFn = void (*)(size_t m, size_t n, size_t k, const float* a, size_t a_row_step,
                        size_t a_col_step, const float* b, size_t b_row_step, size_t b_col_step,
                        float* c, size_t ldc, const GemmEpilogue* epilogue);

// Activation patterns (which units are on) of a piecewise-linear layer, over a
// pixel-major batch, folded into one 64-bit hash per pixel:
//   hash[j] ^= keys[u]   for every unit u with act[j + u * ld] > 0
// A unit is "on" where its output is positive, which is where its
// pre-activation is positive for relu, and for leaky relu / prelu with a slope
// >= 0. The hash of a pattern is the XOR of its on units' keys, so with
// independent random keys two different patterns collide with probability
// 2^-64 (the XOR of a non-empty set of random keys is uniform). NaN is off.
// The kernels compare and XOR only: every variant gives the same bits.
//   act: [pixels x units] (unit u's run starts at act + u * ld)   keys: [units]
//   hash: [pixels] (updated)
using PatternHashFn = void (*)(size_t pixels, size_t units, const float* act, size_t ld,
                               const uint64_t* keys, uint64_t* hash);

struct ActKernels {
  ActForwardFn forward;
  ActBackwardFn backward;
  BiasActForwardFn bias_forward;
};

// One complete, consistent set of kernels.
struct KernelSet {
  const char* isa;  // "scalar" or "wasmsimd"
  ActKernels act[kActCount];
  PreluForwardFn prelu_forward;
  PreluBackwardFn prelu_backward;
  CountZerosFn count_zeros;
  // Null where the model's Eigen products are faster (native SSE/AVX packets,
  // and the scalar WASM build); set where the build has a SIMD kernel.
  GemmFn gemm;
  PatternHashFn pattern_hash;

  // act[kPrelu] holds the leaky-relu kernels: with a slope shared by the layer,
  // pass it as ActParams::alpha. Per-unit slopes use prelu_forward/backward.
  const ActKernels& operator[](Act a) const { return act[static_cast<int>(a)]; }
};

// The scalar references: always available, the ground truth in tests.
const KernelSet& ScalarKernels();

// The fastest set this build supports (SIMD128 when compiled with -msimd128).
// The only place a variant is chosen.
const KernelSet& SelectKernels();

// Name of the activation as it appears in configs: "linear", "relu", "leaky-relu",
// "prelu", "elu", "selu", "gelu", "silu", "softplus", "sigmoid", "tanh".
const char* ActName(Act a);
// Parses a config name; returns false for an unknown name.
bool ParseActName(const char* name, Act* out);

}  // namespace relu::kernels
