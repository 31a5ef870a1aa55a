// Vectorised exp / expm1 / log1p / sigmoid for the SIMD128 kernels (internal
// to cpp/kernels). Only non-positive arguments are needed by the activations,
// which keeps every approximation free of overflow.
//
// exp and expm1: n = round(z / ln2), t = z - n ln2 (Cody-Waite, two constants),
// expm1(t) by its Taylor polynomial to degree 7 on |t| <= ln2/2 (truncation
// error < 1e-8 relative), then exp(z) = 2^n (1 + p), expm1(z) = 2^n p + (2^n - 1).
// Max errors measured against the scalar std:: references are in
// tests/cpp/kernels/accuracy_test.cc (run it to print them).
//
// NaN: every path carries a NaN through t, so it reaches the result.
#pragma once

#if !defined(__wasm_simd128__)
#error "wasmsimd_math.h needs -msimd128"
#endif

#include <wasm_simd128.h>

namespace relu::kernels::wasmsimd {

inline v128_t Splat(float v) { return wasm_f32x4_splat(v); }

// Hides a lane mask from LLVM, which otherwise folds `mask & c` and
// `mask | v` into v128.bitselect: three or four instructions under V8 (x64)
// where v128.and / v128.or are one.
inline v128_t OpaqueMask(v128_t mask) {
  __asm__("" : "+r"(mask));
  return mask;
}

// NaN lanes of x make the lane NaN: the derivative at NaN is NaN. The NaN is
// the all-ones mask itself (x's payload is not kept), one v128.or.
inline v128_t KeepNan(v128_t x, v128_t value) {
  return wasm_v128_or(value, OpaqueMask(wasm_f32x4_ne(x, x)));
}

// -inf -> -FLT_MAX (and +inf -> +FLT_MAX), as in scalar.cc; f32x4.min/max propagate NaN.
inline v128_t ClampNegInf(v128_t x) { return wasm_f32x4_max(x, Splat(-3.40282347e+38f)); }
inline v128_t ClampFinite(v128_t x) { return wasm_f32x4_min(ClampNegInf(x), Splat(3.40282347e+38f)); }

// Magnitude of `magnitude` with the sign bit of `sign`.
inline v128_t CopySign(v128_t magnitude, v128_t sign) {
  return wasm_v128_bitselect(sign, magnitude, wasm_i32x4_splat(INT32_MIN));
}

// Shared reduction: for z <= 0 (already clamped so that n >= -126), returns
// 2^n in `scale` and expm1(t) in the result.
inline v128_t ReduceExp(v128_t z, v128_t* scale) {
  // Adding 1.5 * 2^23 rounds z/ln2 to an integer in the low mantissa bits; the
  // extra 127 is the exponent bias, so shifting those bits left by 23 gives 2^n.
  const v128_t magic = Splat(0x1.8000FEp23f);
  const v128_t n_biased = wasm_f32x4_add(wasm_f32x4_mul(z, Splat(0x1.715476p+0f)), magic);
  *scale = wasm_i32x4_shl(n_biased, 23);
  const v128_t n = wasm_f32x4_sub(n_biased, magic);
  // ln2 split in two: n * ln2_hi is exact for |n| <= 2^8.
  v128_t t = wasm_f32x4_sub(z, wasm_f32x4_mul(n, Splat(0x1.62E400p-1f)));
  t = wasm_f32x4_sub(t, wasm_f32x4_mul(n, Splat(0x1.7F7D1Cp-20f)));
  // expm1(t) = t (1 + t (1/2 + t (1/6 + ... + t/5040))): the factored t keeps -0.
  v128_t q = Splat(1.0f / 5040.0f);
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(1.0f / 720.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(1.0f / 120.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(1.0f / 24.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(1.0f / 6.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(0.5f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, t), Splat(1.0f));
  return wasm_f32x4_mul(t, q);
}

// exp(z) for z <= 0; exactly 0 below ln(2^-126) (no subnormal results, and
// exp(-inf) = 0).
inline v128_t ExpNonPositive(v128_t z) {
  const v128_t kMinArg = Splat(-87.0f);  // keeps n >= -126, so 2^n is a normal float
  v128_t scale;
  const v128_t p = ReduceExp(wasm_f32x4_max(z, kMinArg), &scale);
  const v128_t e = wasm_f32x4_add(scale, wasm_f32x4_mul(scale, p));
  return wasm_v128_andnot(e, wasm_f32x4_lt(z, kMinArg));
}

// expm1(z) for z <= 0, with expm1(-0) = +0 (callers that need -0 select x itself).
// Below -17.5 the result rounds to -1 in float, so clamping there gives the limit.
inline v128_t Expm1NonPositive(v128_t z) {
  v128_t scale;
  const v128_t p = ReduceExp(wasm_f32x4_max(z, Splat(-17.5f)), &scale);
  return wasm_f32x4_add(wasm_f32x4_mul(scale, p), wasm_f32x4_sub(scale, Splat(1.0f)));
}

// log1p(t) for t in [0, 1]: 2 atanh(u) with u = t / (2 + t) in [0, 1/3], by its
// series to u^13 (truncation < 2e-8 relative); relative accuracy holds near 0.
inline v128_t Log1pUnit(v128_t t) {
  const v128_t u = wasm_f32x4_div(t, wasm_f32x4_add(Splat(2.0f), t));
  const v128_t w = wasm_f32x4_mul(u, u);
  v128_t q = Splat(1.0f / 13.0f);
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f / 11.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f / 9.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f / 7.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f / 5.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f / 3.0f));
  q = wasm_f32x4_add(wasm_f32x4_mul(q, w), Splat(1.0f));
  return wasm_f32x4_mul(wasm_f32x4_add(u, u), q);
}

// sigmoid(-|x|), through exp(-|x|) as the scalar reference.
inline v128_t SigmoidOfNegAbs(v128_t x) {
  const v128_t e = ExpNonPositive(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  return wasm_f32x4_div(e, wasm_f32x4_add(Splat(1.0f), e));
}

// sigmoid(x) = 1 / (1 + exp(-x)) from s_neg = sigmoid(-|x|).
inline v128_t SigmoidFrom(v128_t x, v128_t s_neg) {
  return wasm_v128_bitselect(wasm_f32x4_sub(Splat(1.0f), s_neg), s_neg,
                             wasm_f32x4_gt(x, wasm_f32x4_splat(0.0f)));
}
inline v128_t Sigmoid(v128_t x) { return SigmoidFrom(x, SigmoidOfNegAbs(x)); }

// sigmoid(x) (1 - sigmoid(x)) = s_neg (1 - s_neg): no cancellation where s ~ 1.
inline v128_t SigmoidSlopeFrom(v128_t s_neg) {
  return wasm_f32x4_mul(s_neg, wasm_f32x4_sub(Splat(1.0f), s_neg));
}

// tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)) with the sign of x (keeps -0).
inline v128_t Tanh(v128_t x) {
  const v128_t em1 = Expm1NonPositive(wasm_f32x4_mul(Splat(-2.0f), wasm_f32x4_abs(x)));
  const v128_t t = wasm_f32x4_div(wasm_f32x4_neg(em1), wasm_f32x4_add(Splat(2.0f), em1));
  return CopySign(t, x);
}

}  // namespace relu::kernels::wasmsimd
