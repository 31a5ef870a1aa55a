// The math of each activation on one SIMD128 vector, mirroring scalar.cc
// operation by operation (internal to cpp/kernels). Shared by the activation
// kernels and by the matrix product's epilogue, so that both compute f(z)
// bit for bit alike.
#pragma once

#include "kernels/wasmsimd_vector.h"

namespace relu::kernels::wasmsimd {

inline constexpr float kSeluAlpha = 1.6732632423543772f;
inline constexpr float kSeluLambda = 1.0507009873554805f;
inline constexpr float kGeluSqrt2OverPi = 0.7978845608028654f;
inline constexpr float kGeluCubic = 0.044715f;
inline constexpr float kGeluDerivClamp = 10.0f;

// a * x, the negative side of Leaky ReLU and PReLU, as in scalar.cc: where
// the slope is exactly 0, x is clamped to -FLT_MAX so that -inf gives 0, not
// NaN. pmax(x, floor) is `x < floor ? floor : x`: NaN and every finite x pass
// unchanged. With a splat slope, LLVM hoists the floor out of the loop.
inline v128_t SlopeTimes(v128_t a, v128_t x) {
  const v128_t floor =
      wasm_v128_bitselect(Splat(-3.40282347e+38f), Splat(-__builtin_inff()), wasm_f32x4_eq(a, Zero()));
  return wasm_f32x4_mul(a, wasm_f32x4_pmax(x, floor));
}

namespace op {

// Each op: F(x, alpha) = f(x); D(x, y, alpha) = f'(x) given y = f(x).
struct Linear {
  static v128_t F(v128_t x, v128_t) { return x; }
  static v128_t D(v128_t x, v128_t, v128_t) { return KeepNan(x, One()); }
};
struct Relu {
  // pmax(x, 0) is `x < 0 ? 0 : x`: it keeps x when x is NaN (the compare is
  // false) and -0 too, which `+ 0` turns into +0 without changing anything
  // else. Two instructions under V8; f32x4.max (same results) lowers to ~8.
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_add(wasm_f32x4_pmax(x, Zero()), Zero()); }
  // (x > 0) & 1.0 and KeepNan's v128.or: under V8 (x64) the two bitselects
  // LLVM made of them cost 6 more instructions per vector (bwd 4K 55 -> 74 GB/s).
  static v128_t D(v128_t x, v128_t, v128_t) {
    return KeepNan(x, wasm_v128_and(wasmsimd::OpaqueMask(Positive(x)), One()));
  }
};
struct LeakyRelu {
  static v128_t F(v128_t x, v128_t a) { return wasm_v128_bitselect(x, SlopeTimes(a, x), Positive(x)); }
  static v128_t D(v128_t x, v128_t, v128_t a) { return KeepNan(x, wasm_v128_bitselect(One(), a, Positive(x))); }
};
// x >= 0 (not x > 0) picks x itself at +-0, which equals alpha * expm1(+-0)
// including the sign, without expm1 having to keep -0.
struct Elu {
  static v128_t F(v128_t x, v128_t a) {
    const v128_t neg = wasm_f32x4_mul(a, wasmsimd::Expm1NonPositive(wasm_f32x4_min(x, Zero())));
    return wasm_v128_bitselect(x, neg, wasm_f32x4_ge(x, Zero()));
  }
  static v128_t D(v128_t x, v128_t y, v128_t a) {
    return wasm_v128_bitselect(One(), wasm_f32x4_add(y, a), Positive(x));
  }
};
struct Selu {
  static v128_t F(v128_t x, v128_t) {
    const v128_t em1 = wasmsimd::Expm1NonPositive(wasm_f32x4_min(x, Zero()));
    const v128_t neg = wasm_f32x4_mul(Splat(kSeluLambda), wasm_f32x4_mul(Splat(kSeluAlpha), em1));
    return wasm_v128_bitselect(wasm_f32x4_mul(Splat(kSeluLambda), x), neg, wasm_f32x4_ge(x, Zero()));
  }
  // lambda * alpha * exp(x) = y + lambda * alpha for x <= 0: no second exp.
  static v128_t D(v128_t x, v128_t y, v128_t) {
    const v128_t neg = wasm_f32x4_add(y, Splat(kSeluLambda * kSeluAlpha));
    return wasm_v128_bitselect(Splat(kSeluLambda), neg, Positive(x));
  }
};
struct Gelu {
  static v128_t InnerTimes2(v128_t x) {
    const v128_t x3 = wasm_f32x4_mul(wasm_f32x4_mul(Splat(kGeluCubic), x), wasm_f32x4_mul(x, x));
    return wasm_f32x4_mul(Splat(2.0f * kGeluSqrt2OverPi), wasm_f32x4_add(x, x3));
  }
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_mul(ClampNegInf(x), wasmsimd::Sigmoid(InnerTimes2(x))); }
  static v128_t D(v128_t x, v128_t, v128_t) {
    const v128_t z = InnerTimes2(x);
    const v128_t s_neg = wasmsimd::SigmoidOfNegAbs(z);
    const v128_t xc = wasm_f32x4_min(wasm_f32x4_max(x, Splat(-kGeluDerivClamp)), Splat(kGeluDerivClamp));
    const v128_t du = wasm_f32x4_mul(
        Splat(kGeluSqrt2OverPi),
        wasm_f32x4_add(One(), wasm_f32x4_mul(Splat(3.0f * kGeluCubic), wasm_f32x4_mul(xc, xc))));
    const v128_t ds = wasm_f32x4_mul(Splat(2.0f), wasmsimd::SigmoidSlopeFrom(s_neg));
    return wasm_f32x4_add(wasmsimd::SigmoidFrom(z, s_neg), wasm_f32x4_mul(wasm_f32x4_mul(ds, xc), du));
  }
};
struct Silu {
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_mul(ClampNegInf(x), wasmsimd::Sigmoid(x)); }
  static v128_t D(v128_t x, v128_t, v128_t) {
    const v128_t s_neg = wasmsimd::SigmoidOfNegAbs(x);
    return wasm_f32x4_add(wasmsimd::SigmoidFrom(x, s_neg),
                          wasm_f32x4_mul(ClampFinite(x), wasmsimd::SigmoidSlopeFrom(s_neg)));
  }
};
struct Softplus {
  static v128_t F(v128_t x, v128_t) {
    const v128_t e = wasmsimd::ExpNonPositive(wasm_f32x4_neg(wasm_f32x4_abs(x)));
    return wasm_f32x4_add(wasm_f32x4_max(x, Zero()), wasmsimd::Log1pUnit(e));
  }
  static v128_t D(v128_t x, v128_t, v128_t) { return wasmsimd::Sigmoid(x); }
};
struct SigmoidOp {
  static v128_t F(v128_t x, v128_t) { return wasmsimd::Sigmoid(x); }
  static v128_t D(v128_t, v128_t y, v128_t) { return wasm_f32x4_mul(y, wasm_f32x4_sub(One(), y)); }
};
struct Tanh {
  static v128_t F(v128_t x, v128_t) { return wasmsimd::Tanh(x); }
  static v128_t D(v128_t, v128_t y, v128_t) { return wasm_f32x4_sub(One(), wasm_f32x4_mul(y, y)); }
};

}  // namespace op

}  // namespace relu::kernels::wasmsimd
