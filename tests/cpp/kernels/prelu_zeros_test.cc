// Per-unit PReLU (forward, backward with accumulated slope gradient) and the
// zero count, for every instruction set.
#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

class MiscKernelTest : public ::testing::TestWithParam<MiscVariant> {
 protected:
  const MiscVariant& variant() const { return GetParam(); }
};

// Slopes in [0, 0.5): PReLU slopes as the model initialises and learns them.
std::vector<float> Slopes(size_t n, uint64_t seed) {
  TestRng rng(seed);
  std::vector<float> s(n);
  for (float& v : s) v = rng.Uniform(0.0f, 0.5f);
  return s;
}

TEST_P(MiscKernelTest, PreluForwardIsExactAtEveryLengthAlignmentAndInPlace) {
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 10 + n);
    const std::vector<float> slope = Slopes(n, 20 + n);
    GuardedBuffer xb(x, 1), sb(slope, 2), y(n, 3);
    variant().prelu_forward(n, xb.data(), sb.data(), y.data());
    ASSERT_TRUE(y.GuardsIntact()) << "n=" << n;
    GuardedBuffer in_place(x, 3);
    variant().prelu_forward(n, in_place.data(), slope.data(), in_place.data());
    for (size_t i = 0; i < n; ++i) {
      const float expected = x[i] > 0 ? x[i] : slope[i] * x[i];
      ASSERT_TRUE(BitEqual(y[i], expected)) << "n=" << n << " i=" << i;
      ASSERT_TRUE(BitEqual(in_place[i], expected)) << "n=" << n << " i=" << i;
    }
  }
}

TEST_P(MiscKernelTest, PreluBackwardAccumulatesSlopeGradientAndWorksInPlace) {
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 30 + n);
    const std::vector<float> slope = Slopes(n, 40 + n);
    const std::vector<float> dy = RandomInputs(n, 50 + n);
    const std::vector<float> dslope0 = RandomInputs(n, 60 + n);
    GuardedBuffer dx(n, 1), dslope(dslope0, 2);
    variant().prelu_backward(n, x.data(), slope.data(), dy.data(), dx.data(), dslope.data());
    variant().prelu_backward(n, x.data(), slope.data(), dy.data(), dx.data(), dslope.data());
    ASSERT_TRUE(dx.GuardsIntact() && dslope.GuardsIntact()) << "n=" << n;
    GuardedBuffer grad(dy, 3);  // dx == dy
    std::vector<float> unused_dslope(n, 0.0f);
    variant().prelu_backward(n, x.data(), slope.data(), grad.data(), grad.data(), unused_dslope.data());
    for (size_t i = 0; i < n; ++i) {
      const float expected_dx = dy[i] * (x[i] > 0 ? 1.0f : slope[i]);
      const float increment = dy[i] * (x[i] > 0 ? 0.0f : x[i]);
      ASSERT_TRUE(BitEqual(dx[i], expected_dx)) << "n=" << n << " i=" << i;
      ASSERT_TRUE(BitEqual(grad[i], expected_dx)) << "in place, n=" << n << " i=" << i;
      ASSERT_TRUE(BitEqual(dslope[i], (dslope0[i] + increment) + increment)) << "n=" << n << " i=" << i;
    }
  }
}

// The slope gradient is d/dslope of sum(dy * prelu(x, slope)): check by central difference.
TEST_P(MiscKernelTest, PreluGradientsMatchCentralDifferences) {
  const size_t n = 37;
  std::vector<float> x = RandomInputs(n, 70);
  for (float& v : x) {
    if (std::fabs(v) < 0.05f) v = 0.3f;  // away from the kink
  }
  const std::vector<float> slope = Slopes(n, 71);
  const std::vector<float> dy = RandomInputs(n, 72);
  std::vector<float> dx(n), dslope(n, 0.0f);
  variant().prelu_backward(n, x.data(), slope.data(), dy.data(), dx.data(), dslope.data());
  const double h = 1e-3;
  auto f = [](double xi, double si) { return xi > 0 ? xi : si * xi; };
  for (size_t i = 0; i < n; ++i) {
    const double ddx = dy[i] * (f(x[i] + h, slope[i]) - f(x[i] - h, slope[i])) / (2 * h);
    const double dds = dy[i] * (f(x[i], slope[i] + h) - f(x[i], slope[i] - h)) / (2 * h);
    ASSERT_TRUE(Near(dx[i], ddx, 1e-5, 1e-5)) << "i=" << i;
    ASSERT_TRUE(Near(dslope[i], dds, 1e-5, 1e-5)) << "i=" << i;
  }
}

TEST_P(MiscKernelTest, PreluPropagatesNanAndFollowsFormulaAtSpecialValues) {
  const float slope_value = 0.25f;
  const float xs[] = {kNan, kInf, -kInf, 0.0f, -0.0f};
  const float ys[] = {kNan, kInf, -kInf, 0.0f, -0.0f};
  const float dxs[] = {kNan, 1.0f, slope_value, slope_value, slope_value};
  for (size_t c = 0; c < 5; ++c) {
    for (size_t pos = 0; pos < 11; ++pos) {
      std::vector<float> x = RandomInputs(11, 80 + pos);
      x[pos] = xs[c];
      const std::vector<float> slope(11, slope_value), dy(11, 1.0f);
      std::vector<float> y(11), dx(11), dslope(11, 0.0f);
      variant().prelu_forward(11, x.data(), slope.data(), y.data());
      variant().prelu_backward(11, x.data(), slope.data(), dy.data(), dx.data(), dslope.data());
      ASSERT_TRUE(SameSpecial(y[pos], ys[c])) << "x=" << xs[c] << " at " << pos;
      ASSERT_TRUE(Near(dx[pos], dxs[c], 0, 0)) << "x=" << xs[c] << " at " << pos;
      if (std::isnan(xs[c])) {
        ASSERT_TRUE(std::isnan(dslope[pos]));
      }
      for (size_t i = 0; i < 11; ++i) {
        if (i != pos) {
          ASSERT_FALSE(std::isnan(y[i]) || std::isnan(dx[i])) << "i=" << i;
        }
      }
    }
  }
}

// +0 and -0 count; NaN, denormals and everything else do not.
TEST_P(MiscKernelTest, CountZerosCountsSignedZerosOnly) {
  const float not_zero[] = {kNan, kInf, -kInf, kDenormMin, -kDenormMin, 1e-30f, 1.0f};
  for (size_t n : TestLengths()) {
    TestRng rng(90 + n);
    std::vector<float> x(n);
    size_t expected = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t pick = rng.NextU64() % 10;
      if (pick < 2) {
        x[i] = pick == 0 ? 0.0f : -0.0f;
      } else {
        x[i] = not_zero[pick % 7];
      }
      if (std::fpclassify(x[i]) == FP_ZERO) ++expected;
    }
    GuardedBuffer xb(x, n % 4);
    ASSERT_EQ(variant().count_zeros(n, xb.data()), expected) << "n=" << n;
  }
}

TEST_P(MiscKernelTest, CountZerosSeesAZeroAtEveryPosition) {
  for (size_t n = 1; n <= 21; ++n) {
    for (size_t pos = 0; pos < n; ++pos) {
      std::vector<float> x(n, kNan);
      x[pos] = (pos % 2 == 0) ? 0.0f : -0.0f;
      ASSERT_EQ(variant().count_zeros(n, x.data()), 1u) << "n=" << n << " pos=" << pos;
      std::vector<float> zeros(n, 0.0f);
      zeros[pos] = kNan;
      ASSERT_EQ(variant().count_zeros(n, zeros.data()), n - 1) << "n=" << n << " pos=" << pos;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllIsas, MiscKernelTest, ::testing::ValuesIn(AllMiscVariants()), IsaName());

}  // namespace
}  // namespace relu::kernels::testing
