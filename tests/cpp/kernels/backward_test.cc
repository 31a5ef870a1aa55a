// Backward kernels: every variant against the scalar backward, against central
// differences of the forward, in place, and at special values; the derivative
// at 0 as documented in kernels.h.
#include <algorithm>

#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

class BackwardTest : public ::testing::TestWithParam<ActVariant> {
 protected:
  const ActVariant& variant() const { return GetParam(); }
  ActParams params() const { return ParamsFor(variant().act); }
  const ActKernels& reference() const { return ScalarKernels()[variant().act]; }

  // y = f(x) by the scalar reference: the same y is given to every variant.
  std::vector<float> ForwardOf(const std::vector<float>& x) const {
    const ActParams p = params();
    std::vector<float> y(x.size());
    reference().forward(x.size(), x.data(), y.data(), &p);
    return y;
  }
};

TEST_P(BackwardTest, MatchesScalarAtEveryLengthAndAlignmentWithoutWritingOutside) {
  const ActParams p = params();
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 100 + n);
    const std::vector<float> y = ForwardOf(x);
    const std::vector<float> dy = RandomInputs(n, 200 + n);
    std::vector<float> expected(n);
    reference().backward(n, x.data(), y.data(), dy.data(), expected.data(), &p);
    for (size_t misalign : {0u, 1u, 3u}) {
      GuardedBuffer xb(x, misalign), yb(y, (misalign + 1) % 4), dyb(dy, (misalign + 2) % 4);
      GuardedBuffer dx(n, (misalign + 3) % 4);
      variant().backward(n, xb.data(), yb.data(), dyb.data(), dx.data(), &p);
      ASSERT_TRUE(dx.GuardsIntact()) << "n=" << n << " misalign=" << misalign;
      for (size_t i = 0; i < n; ++i) {
        // dx = dy f'(x): the tolerance is on f', so it scales with |dy|.
        const double scale = std::max(1.0, std::fabs(static_cast<double>(dy[i])));
        ASSERT_TRUE(Near(dx[i], expected[i], kSimdAbsTol * scale, kSimdRelTol))
            << "n=" << n << " i=" << i << " x=" << x[i] << " dy=" << dy[i];
      }
    }
  }
}

TEST_P(BackwardTest, InPlaceGradientEqualsOutOfPlace) {
  const ActParams p = params();
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 300 + n);
    const std::vector<float> y = ForwardOf(x);
    const std::vector<float> dy = RandomInputs(n, 400 + n);
    std::vector<float> out_of_place(n);
    variant().backward(n, x.data(), y.data(), dy.data(), out_of_place.data(), &p);
    GuardedBuffer grad(dy, 2);  // dx == dy
    variant().backward(n, x.data(), y.data(), grad.data(), grad.data(), &p);
    ASSERT_TRUE(grad.GuardsIntact()) << "n=" << n;
    for (size_t i = 0; i < n; ++i) ASSERT_TRUE(BitEqual(grad[i], out_of_place[i])) << "n=" << n << " i=" << i;
  }
}

// Inputs on a grid over [-8, 8], kept 0.05 away from the kinks at 0.
std::vector<float> SmoothGrid(Act act) {
  std::vector<float> x;
  for (int k = -320; k <= 320; ++k) {
    const float v = static_cast<float>(k) / 40.0f + 0.0123f;
    if (HasKinkAtZero(act) && std::fabs(v) < 0.05f) continue;
    x.push_back(v);
  }
  return x;
}

// dx with dy = 1 against the central difference (f(x+h) - f(x-h)) / 2h of the
// double-precision formula: checks the derivative formulas themselves.
TEST_P(BackwardTest, MatchesCentralDifferenceOfDoubleFormula) {
  const ActParams p = params();
  const std::vector<float> x = SmoothGrid(variant().act);
  const std::vector<float> y = ForwardOf(x);
  const std::vector<float> ones(x.size(), 1.0f);
  std::vector<float> dx(x.size());
  variant().backward(x.size(), x.data(), y.data(), ones.data(), dx.data(), &p);
  const double h = 1e-4;
  for (size_t i = 0; i < x.size(); ++i) {
    const double xi = x[i];
    const double numeric = (RefForward(variant().act, xi + h, p.alpha) -
                            RefForward(variant().act, xi - h, p.alpha)) / (2 * h);
    ASSERT_TRUE(Near(dx[i], numeric, 1e-5, 1e-5)) << "x=" << xi;
    ASSERT_TRUE(Near(dx[i], RefDerivative(variant().act, xi, p.alpha), 2e-6, 4e-6)) << "x=" << xi;
  }
}

// The same against the float scalar forward (difference taken in double): the
// forward and backward kernels agree with each other, not only with the formula.
TEST_P(BackwardTest, MatchesCentralDifferenceOfScalarForward) {
  const ActParams p = params();
  const std::vector<float> x = SmoothGrid(variant().act);
  const std::vector<float> y = ForwardOf(x);
  const std::vector<float> ones(x.size(), 1.0f);
  std::vector<float> dx(x.size());
  variant().backward(x.size(), x.data(), y.data(), ones.data(), dx.data(), &p);
  const float h = 1.0f / 64;  // the quotient below uses the float step actually taken
  for (size_t i = 0; i < x.size(); ++i) {
    const float xs[2] = {x[i] + h, x[i] - h};
    float ys[2];
    reference().forward(2, xs, ys, &p);
    const double numeric = (static_cast<double>(ys[0]) - ys[1]) / (static_cast<double>(xs[0]) - xs[1]);
    // Float rounding of f (~1e-7 |f|) over 2h, plus the h^2 truncation.
    ASSERT_TRUE(Near(dx[i], numeric, 2e-4 + 1e-5 * std::fabs(y[i]), 2e-4)) << "x=" << x[i];
  }
}

struct DerivativeCase {
  float x;
  float derivative;
};

// f'(+-0) and f'(+-inf) as stated in kernels.h.
std::vector<DerivativeCase> DerivativeLimits(Act act, float a) {
  const float la = static_cast<float>(kSeluLambda * kSeluAlpha);
  const float l = static_cast<float>(kSeluLambda);
  switch (act) {
    case Act::kLinear: return {{0.0f, 1}, {-0.0f, 1}, {kInf, 1}, {-kInf, 1}};
    case Act::kRelu: return {{0.0f, 0}, {-0.0f, 0}, {kInf, 1}, {-kInf, 0}};
    case Act::kLeakyRelu:
    case Act::kPrelu: return {{0.0f, a}, {-0.0f, a}, {kInf, 1}, {-kInf, a}};
    case Act::kElu: return {{0.0f, a}, {-0.0f, a}, {kInf, 1}, {-kInf, 0}};
    case Act::kSelu: return {{0.0f, la}, {-0.0f, la}, {kInf, l}, {-kInf, 0}};
    case Act::kGelu:
    case Act::kSilu:
    case Act::kSoftplus: return {{0.0f, 0.5f}, {-0.0f, 0.5f}, {kInf, 1}, {-kInf, 0}};
    case Act::kSigmoid: return {{0.0f, 0.25f}, {-0.0f, 0.25f}, {kInf, 0}, {-kInf, 0}};
    case Act::kTanh: return {{0.0f, 1}, {-0.0f, 1}, {kInf, 0}, {-kInf, 0}};
  }
  return {};
}

// f'(x) at +-0, +-inf and NaN (dy = 1), as stated in kernels.h.
TEST_P(BackwardTest, DerivativeAtZeroInfinityAndNan) {
  const ActParams p = params();
  std::vector<DerivativeCase> cases = DerivativeLimits(variant().act, p.alpha);
  cases.push_back({kNan, kNan});
  for (const DerivativeCase& c : cases) {
    for (size_t n : {1u, 4u, 8u, 13u}) {
      const std::vector<float> x(n, c.x);
      const std::vector<float> y = ForwardOf(x);
      const std::vector<float> dy(n, 1.0f);
      std::vector<float> dx(n);
      variant().backward(n, x.data(), y.data(), dy.data(), dx.data(), &p);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(Near(dx[i], c.derivative, 1e-7, 1e-7)) << "x=" << c.x << " n=" << n << " i=" << i;
      }
    }
  }
}

// NaN in dy, or in x (with y = f(x)), gives NaN in dx at that lane only.
TEST_P(BackwardTest, NanPropagatesFromXAndDyAtEveryLanePosition) {
  const ActParams p = params();
  constexpr size_t kN = 15;
  for (int source = 0; source < 2; ++source) {
    for (size_t pos = 0; pos < kN; ++pos) {
      std::vector<float> x = RandomInputs(kN, 500 + pos);
      std::vector<float> dy = RandomInputs(kN, 600 + pos);
      (source == 0 ? x : dy)[pos] = kNan;
      const std::vector<float> y = ForwardOf(x);
      std::vector<float> dx(kN);
      variant().backward(kN, x.data(), y.data(), dy.data(), dx.data(), &p);
      for (size_t i = 0; i < kN; ++i) {
        ASSERT_EQ(std::isnan(dx[i]), i == pos) << (source == 0 ? "x" : "dy") << " NaN at " << pos << ", i=" << i;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, BackwardTest, ::testing::ValuesIn(AllActVariants()), VariantName());

}  // namespace
}  // namespace relu::kernels::testing
