// WebAssembly SIMD128 variants of the element-wise kernels (activations,
// PReLU, zero count), 8 floats (two vectors) per iteration. No kernel reads or
// writes past n, and every lane uses the same approximation: the activation
// kernels store their output aligned and take the ragged head and tail as
// whole vectors of which they store only some lanes; below 4 floats, and in
// the other kernels, tails go through a 4-float stack buffer.
// The math of each activation is in wasmsimd_ops.h; only exp/expm1/log1p/tanh
// are approximations (wasmsimd_math.h). The matrix product is in wasmsimd_gemm.cc.
#include "kernels/variants.h"
#include "kernels/wasmsimd_ops.h"

namespace relu::kernels {
namespace {

using namespace wasmsimd;  // NOLINT: the vector vocabulary of this file

v128_t AlphaOf(const ActParams* params) { return Splat(params != nullptr ? params->alpha : 0.0f); }

template <class Op>
void Forward(size_t n, const float* x, float* y, const ActParams* params) {
  const v128_t a = AlphaOf(params);
  if (n < kLanes) {
    if (n > 0) StorePartial(y, n, Op::F(LoadPartial(x, n), a));
    return;
  }
  // The head and the tail are whole vectors of which only the lanes outside
  // the aligned body are stored. In place, the tail vector rereads a few
  // outputs, but only lanes whose x was not yet overwritten are stored.
  size_t i = HeadToAlign(y);
  if (i > 0) StoreFirstLanes(y, i, Op::F(Load(x), a));
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    // Both loads before both stores: y may equal x.
    const v128_t x0 = Load(x + i);
    const v128_t x1 = Load(x + i + kLanes);
    Store(y + i, Op::F(x0, a));
    Store(y + i + kLanes, Op::F(x1, a));
  }
  if (i + kLanes <= n) {
    Store(y + i, Op::F(Load(x + i), a));
    i += kLanes;
  }
  if (i < n) StoreLastLanes(y + n - kLanes, n - i, Op::F(Load(x + n - kLanes), a));
}

template <class Op>
void Backward(size_t n, const float* x, const float* y, const float* dy, float* dx,
              const ActParams* params) {
  const v128_t a = AlphaOf(params);
  const auto vec = [&](size_t at) {
    return wasm_f32x4_mul(Load(dy + at), Op::D(Load(x + at), Load(y + at), a));
  };
  if (n < kLanes) {
    if (n > 0) {
      const v128_t d = Op::D(LoadPartial(x, n), LoadPartial(y, n), a);
      StorePartial(dx, n, wasm_f32x4_mul(LoadPartial(dy, n), d));
    }
    return;
  }
  // Head and tail as in Forward, aligned on dx.
  size_t i = HeadToAlign(dx);
  if (i > 0) StoreFirstLanes(dx, i, vec(0));
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    const v128_t d0 = Op::D(Load(x + i), Load(y + i), a);
    const v128_t d1 = Op::D(Load(x + i + kLanes), Load(y + i + kLanes), a);
    const v128_t g0 = Load(dy + i);
    const v128_t g1 = Load(dy + i + kLanes);
    Store(dx + i, wasm_f32x4_mul(g0, d0));
    Store(dx + i + kLanes, wasm_f32x4_mul(g1, d1));
  }
  if (i + kLanes <= n) {
    Store(dx + i, vec(i));
    i += kLanes;
  }
  if (i < n) StoreLastLanes(dx + n - kLanes, n - i, vec(n - kLanes));
}

template <class Op>
void BiasForward(size_t rows, size_t cols, float* z, const float* bias, float* y,
                 const ActParams* params) {
  const v128_t a = AlphaOf(params);
  for (size_t j = 0; j < cols; ++j) {
    float* z_col = z + j * rows;
    float* y_col = y + j * rows;
    size_t i = 0;
    for (; i + 2 * kLanes <= rows; i += 2 * kLanes) {
      const v128_t pre0 = wasm_f32x4_add(Load(z_col + i), Load(bias + i));
      const v128_t pre1 = wasm_f32x4_add(Load(z_col + i + kLanes), Load(bias + i + kLanes));
      Store(z_col + i, pre0);
      Store(z_col + i + kLanes, pre1);
      Store(y_col + i, Op::F(pre0, a));
      Store(y_col + i + kLanes, Op::F(pre1, a));
    }
    for (; i + kLanes <= rows; i += kLanes) {
      const v128_t pre = wasm_f32x4_add(Load(z_col + i), Load(bias + i));
      Store(z_col + i, pre);
      Store(y_col + i, Op::F(pre, a));
    }
    if (i < rows) {
      const size_t rest = rows - i;
      const v128_t pre = wasm_f32x4_add(LoadPartial(z_col + i, rest), LoadPartial(bias + i, rest));
      StorePartial(z_col + i, rest, pre);
      StorePartial(y_col + i, rest, Op::F(pre, a));
    }
  }
}

// The op struct of each kernel name, for the definitions generated below.
using linear_op = op::Linear;
using relu_op = op::Relu;
using leaky_relu_op = op::LeakyRelu;
using elu_op = op::Elu;
using selu_op = op::Selu;
using gelu_op = op::Gelu;
using silu_op = op::Silu;
using softplus_op = op::Softplus;
using sigmoid_op = op::SigmoidOp;
using tanh_op = op::Tanh;

v128_t PreluForwardVec(v128_t x, v128_t slope) {
  return wasm_v128_bitselect(x, SlopeTimes(slope, x), Positive(x));
}

// Writes dx for one vector and returns dslope's increment dy * (x > 0 ? 0 : x).
v128_t PreluBackwardVec(v128_t x, v128_t slope, v128_t dy, v128_t* dx) {
  const v128_t positive = Positive(x);
  *dx = wasm_f32x4_mul(dy, KeepNan(x, wasm_v128_bitselect(One(), slope, positive)));
  return wasm_f32x4_mul(dy, wasm_v128_andnot(x, positive));
}

}  // namespace

#define RELU_DEFINE_WASMSIMD_ACT(enumerator, name, unused)                                        \
  void name##_f32__wasmsimd_u8(size_t n, const float* x, float* y, const ActParams* params) {     \
    Forward<name##_op>(n, x, y, params);                                                          \
  }                                                                                               \
  void name##_backward_f32__wasmsimd_u8(size_t n, const float* x, const float* y, const float* dy, \
                                        float* dx, const ActParams* params) {                     \
    Backward<name##_op>(n, x, y, dy, dx, params);                                                 \
  }                                                                                               \
  void bias_##name##_f32__wasmsimd_u8(size_t rows, size_t cols, float* z, const float* bias,      \
                                      float* y, const ActParams* params) {                        \
    BiasForward<name##_op>(rows, cols, z, bias, y, params);                                       \
  }
RELU_FOR_EACH_ACT(RELU_DEFINE_WASMSIMD_ACT, unused)
#undef RELU_DEFINE_WASMSIMD_ACT

void prelu_f32__wasmsimd_u8(size_t n, const float* x, const float* slope, float* y) {
  size_t i = 0;
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    const v128_t y0 = PreluForwardVec(Load(x + i), Load(slope + i));
    const v128_t y1 = PreluForwardVec(Load(x + i + kLanes), Load(slope + i + kLanes));
    Store(y + i, y0);
    Store(y + i + kLanes, y1);
  }
  for (; i + kLanes <= n; i += kLanes) Store(y + i, PreluForwardVec(Load(x + i), Load(slope + i)));
  if (i < n) {
    const size_t rest = n - i;
    StorePartial(y + i, rest, PreluForwardVec(LoadPartial(x + i, rest), LoadPartial(slope + i, rest)));
  }
}

void prelu_backward_f32__wasmsimd_u8(size_t n, const float* x, const float* slope, const float* dy,
                                     float* dx, float* dslope) {
  size_t i = 0;
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    v128_t dx0, dx1;
    const v128_t ds0 = PreluBackwardVec(Load(x + i), Load(slope + i), Load(dy + i), &dx0);
    const v128_t ds1 =
        PreluBackwardVec(Load(x + i + kLanes), Load(slope + i + kLanes), Load(dy + i + kLanes), &dx1);
    Store(dx + i, dx0);
    Store(dx + i + kLanes, dx1);
    Store(dslope + i, wasm_f32x4_add(Load(dslope + i), ds0));
    Store(dslope + i + kLanes, wasm_f32x4_add(Load(dslope + i + kLanes), ds1));
  }
  for (; i + kLanes <= n; i += kLanes) {
    v128_t dxv;
    const v128_t ds = PreluBackwardVec(Load(x + i), Load(slope + i), Load(dy + i), &dxv);
    Store(dx + i, dxv);
    Store(dslope + i, wasm_f32x4_add(Load(dslope + i), ds));
  }
  if (i < n) {
    const size_t rest = n - i;
    v128_t dxv;
    const v128_t ds = PreluBackwardVec(LoadPartial(x + i, rest), LoadPartial(slope + i, rest),
                                       LoadPartial(dy + i, rest), &dxv);
    StorePartial(dx + i, rest, dxv);
    StorePartial(dslope + i, rest, wasm_f32x4_add(LoadPartial(dslope + i, rest), ds));
  }
}

// Lane counts are 32-bit: each lane sees n/8 elements, below 2^32 for any n a
// wasm32 address space can hold.
size_t count_zeros_f32__wasmsimd_u8(size_t n, const float* x) {
  v128_t acc0 = wasm_i32x4_splat(0);
  v128_t acc1 = wasm_i32x4_splat(0);
  size_t i = 0;
  // An equal-to-zero lane is all ones (-1): subtracting the mask counts it.
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    acc0 = wasm_i32x4_sub(acc0, wasm_f32x4_eq(Load(x + i), Zero()));
    acc1 = wasm_i32x4_sub(acc1, wasm_f32x4_eq(Load(x + i + kLanes), Zero()));
  }
  for (; i + kLanes <= n; i += kLanes) acc0 = wasm_i32x4_sub(acc0, wasm_f32x4_eq(Load(x + i), Zero()));
  if (i < n) acc1 = wasm_i32x4_sub(acc1, wasm_f32x4_eq(LoadPartial(x + i, n - i, 1.0f), Zero()));
  const v128_t acc = wasm_i32x4_add(acc0, acc1);
  return static_cast<size_t>(wasm_u32x4_extract_lane(acc, 0)) + wasm_u32x4_extract_lane(acc, 1) +
         wasm_u32x4_extract_lane(acc, 2) + wasm_u32x4_extract_lane(acc, 3);
}

}  // namespace relu::kernels
