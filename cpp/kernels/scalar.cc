// Scalar references of every kernel: the ground truth of the SIMD variants and
// the kernels of the native build. Plain float arithmetic on std:: functions,
// written in the numerically stable forms (no overflow for any finite input).
#include <cmath>
#include <limits>

#include "kernels/variants.h"

namespace relu::kernels {
namespace {

constexpr float kMaxFloat = std::numeric_limits<float>::max();
constexpr float kSeluAlpha = 1.6732632423543772f;
constexpr float kSeluLambda = 1.0507009873554805f;
constexpr float kGeluSqrt2OverPi = 0.7978845608028654f;
constexpr float kGeluCubic = 0.044715f;
// Beyond |x| = 10 the GELU derivative is exactly 0 or 1 in float; clamping its
// polynomial factor there keeps x^3 from overflowing into inf * 0.
constexpr float kGeluDerivClamp = 10.0f;

bool IsNan(float x) { return x != x; }

// -inf -> -FLT_MAX (and +inf -> +FLT_MAX), NaN kept. Multiplying a saturated
// sigmoid (exactly 0 or 1) by it gives the limit instead of inf * 0 = NaN.
float ClampNegInf(float x) { return x < -kMaxFloat ? -kMaxFloat : x; }
float ClampFinite(float x) { return x > kMaxFloat ? kMaxFloat : ClampNegInf(x); }

// sigmoid(-|x|): exp of a non-positive number never overflows.
float SigmoidOfNegAbs(float x) {
  const float e = std::exp(-std::fabs(x));
  return e / (1.0f + e);
}
float Sigmoid(float x) {
  const float s_neg = SigmoidOfNegAbs(x);
  return x > 0.0f ? 1.0f - s_neg : s_neg;
}
// sigmoid(x) (1 - sigmoid(x)), symmetric in x: from sigmoid(-|x|) <= 0.5 it
// avoids the cancellation of 1 - s where s rounds to nearly 1.
float SigmoidSlope(float x) {
  const float s_neg = SigmoidOfNegAbs(x);
  return s_neg * (1.0f - s_neg);
}

// Derivative at a NaN input is NaN: the piecewise-constant derivatives would hide it.
float KeepNan(float x, float derivative) { return IsNan(x) ? x : derivative; }

// Each op: F(x) = f(x); D(x, y) = f'(x) given y = f(x).
struct Linear {
  static float F(float x, float) { return x; }
  static float D(float x, float, float) { return KeepNan(x, 1.0f); }
};
struct Relu {
  // relu(-0) = +0, as max(0, -0) of wasm f32x4.max.
  static float F(float x, float) { return x > 0.0f || IsNan(x) ? x : 0.0f; }
  static float D(float x, float, float) { return KeepNan(x, x > 0.0f ? 1.0f : 0.0f); }
};
// a * x, the negative side of Leaky ReLU and PReLU. A slope of exactly 0 is
// ReLU: 0 at x = -inf, not 0 * -inf = NaN, so x is clamped to -FLT_MAX where
// the slope is 0. Every other x (NaN included) and every other slope as written.
float SlopeTimes(float a, float x) { return a * (a == 0.0f ? ClampNegInf(x) : x); }

struct LeakyRelu {
  static float F(float x, float a) { return x > 0.0f ? x : SlopeTimes(a, x); }
  static float D(float x, float, float a) { return KeepNan(x, x > 0.0f ? 1.0f : a); }
};
struct Elu {
  static float F(float x, float a) { return x > 0.0f ? x : a * std::expm1(x); }
  static float D(float x, float y, float a) { return x > 0.0f ? 1.0f : y + a; }
};
struct Selu {
  static float F(float x, float) {
    return x > 0.0f ? kSeluLambda * x : kSeluLambda * (kSeluAlpha * std::expm1(x));
  }
  static float D(float x, float, float) {
    return x > 0.0f ? kSeluLambda : kSeluLambda * (kSeluAlpha * std::exp(x));
  }
};
struct Gelu {
  // 0.5x(1 + tanh(u)) = x * sigmoid(2u): no cancellation in 1 + tanh(u) for x < 0.
  static float InnerTimes2(float x) { return 2.0f * kGeluSqrt2OverPi * (x + kGeluCubic * x * x * x); }
  static float F(float x, float) { return ClampNegInf(x) * Sigmoid(InnerTimes2(x)); }
  // With s = sigmoid(2u): 0.5(1+tanh u) = s and 0.5(1 - tanh^2 u) = 2s(1-s), so
  // f' = s + 2 s (1-s) x u'(x)   where u'(x) = sqrt(2/pi)(1 + 3 * 0.044715 x^2).
  static float D(float x, float, float) {
    const float z = InnerTimes2(x);
    const float xc = x < -kGeluDerivClamp ? -kGeluDerivClamp : (x > kGeluDerivClamp ? kGeluDerivClamp : x);
    const float du = kGeluSqrt2OverPi * (1.0f + 3.0f * kGeluCubic * xc * xc);
    return Sigmoid(z) + 2.0f * SigmoidSlope(z) * xc * du;
  }
};
struct Silu {
  static float F(float x, float) { return ClampNegInf(x) * Sigmoid(x); }
  static float D(float x, float, float) { return Sigmoid(x) + ClampFinite(x) * SigmoidSlope(x); }
};
struct Softplus {
  // max(x, 0) + log1p(exp(-|x|)): exp never overflows. NaN reaches the log1p term.
  static float F(float x, float) {
    return (x > 0.0f ? x : 0.0f) + std::log1p(std::exp(-std::fabs(x)));
  }
  static float D(float x, float, float) { return Sigmoid(x); }
};
struct SigmoidOp {
  static float F(float x, float) { return Sigmoid(x); }
  static float D(float, float y, float) { return y * (1.0f - y); }
};
struct Tanh {
  static float F(float x, float) { return std::tanh(x); }
  static float D(float, float y, float) { return 1.0f - y * y; }
};

float AlphaOf(const ActParams* params) { return params != nullptr ? params->alpha : 0.0f; }

template <class Op>
void Forward(size_t n, const float* x, float* y, const ActParams* params) {
  const float a = AlphaOf(params);
  for (size_t i = 0; i < n; ++i) y[i] = Op::F(x[i], a);
}

template <class Op>
void Backward(size_t n, const float* x, const float* y, const float* dy, float* dx,
              const ActParams* params) {
  const float a = AlphaOf(params);
  for (size_t i = 0; i < n; ++i) dx[i] = dy[i] * Op::D(x[i], y[i], a);
}

template <class Op>
void BiasForward(size_t rows, size_t cols, float* z, const float* bias, float* y,
                 const ActParams* params) {
  const float a = AlphaOf(params);
  for (size_t j = 0; j < cols; ++j) {
    float* z_col = z + j * rows;
    float* y_col = y + j * rows;
    for (size_t i = 0; i < rows; ++i) {
      const float pre = z_col[i] + bias[i];
      z_col[i] = pre;
      y_col[i] = Op::F(pre, a);
    }
  }
}

// The op struct of each kernel name, for the definitions generated below.
using linear_op = Linear;
using relu_op = Relu;
using leaky_relu_op = LeakyRelu;
using elu_op = Elu;
using selu_op = Selu;
using gelu_op = Gelu;
using silu_op = Silu;
using softplus_op = Softplus;
using sigmoid_op = SigmoidOp;
using tanh_op = Tanh;

}  // namespace

#define RELU_DEFINE_SCALAR_ACT(act, name, unused)                                              \
  void name##_f32__scalar(size_t n, const float* x, float* y, const ActParams* params) {       \
    Forward<name##_op>(n, x, y, params);                                                       \
  }                                                                                            \
  void name##_backward_f32__scalar(size_t n, const float* x, const float* y, const float* dy,  \
                                   float* dx, const ActParams* params) {                       \
    Backward<name##_op>(n, x, y, dy, dx, params);                                              \
  }                                                                                            \
  void bias_##name##_f32__scalar(size_t rows, size_t cols, float* z, const float* bias,        \
                                 float* y, const ActParams* params) {                          \
    BiasForward<name##_op>(rows, cols, z, bias, y, params);                                    \
  }
RELU_FOR_EACH_ACT(RELU_DEFINE_SCALAR_ACT, unused)
#undef RELU_DEFINE_SCALAR_ACT

void prelu_f32__scalar(size_t n, const float* x, const float* slope, float* y) {
  for (size_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : SlopeTimes(slope[i], x[i]);
}

void prelu_backward_f32__scalar(size_t n, const float* x, const float* slope, const float* dy,
                                float* dx, float* dslope) {
  for (size_t i = 0; i < n; ++i) {
    const float xi = x[i];
    const float g = dy[i];  // read before dx[i] is written: dx may alias dy
    dx[i] = g * KeepNan(xi, xi > 0.0f ? 1.0f : slope[i]);
    dslope[i] += g * (xi > 0.0f ? 0.0f : xi);
  }
}

size_t count_zeros_f32__scalar(size_t n, const float* x) {
  size_t zeros = 0;
  for (size_t i = 0; i < n; ++i) zeros += x[i] == 0.0f ? 1 : 0;
  return zeros;
}

void pattern_hash_f32__scalar(size_t pixels, size_t units, const float* act, size_t ld,
                              const uint64_t* keys, uint64_t* hash) {
  for (size_t u = 0; u < units; ++u) {
    const float* run = act + u * ld;
    for (size_t j = 0; j < pixels; ++j) hash[j] ^= run[j] > 0.0f ? keys[u] : 0;
  }
}

// Each entry summed from p = 0 upwards, as the SIMD kernel does.
void gemm_f32__scalar(size_t m, size_t n, size_t k, const float* a, size_t a_row_step,
                      size_t a_col_step, const float* b, size_t b_row_step, size_t b_col_step,
                      float* c, size_t ldc, const GemmEpilogue* epilogue) {
  for (size_t j = 0; j < n; ++j) {
    float* c_col = c + j * ldc;
    for (size_t i = 0; i < m; ++i) {
      float sum = 0.0f;
      for (size_t p = 0; p < k; ++p) sum += a[i * a_row_step + p * a_col_step] * b[p * b_row_step + j * b_col_step];
      if (epilogue && epilogue->rowBias) sum += epilogue->rowBias[i];
      if (epilogue && epilogue->colBias) sum += epilogue->colBias[j];
      c_col[i] = sum;
    }
    if (!epilogue || epilogue->act == GemmAct::kNone) continue;
    const ActParams params{epilogue->alpha};
    if (epilogue->act == GemmAct::kRelu) relu_f32__scalar(m, c_col, epilogue->y + j * ldc, &params);
    else leaky_relu_f32__scalar(m, c_col, epilogue->y + j * ldc, &params);
  }
}

}  // namespace relu::kernels
