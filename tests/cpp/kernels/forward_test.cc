// Forward kernels and the fused bias + activation: every variant against the
// scalar reference, at every length, alignment, in place, and at special values.
#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

class ForwardTest : public ::testing::TestWithParam<ActVariant> {
 protected:
  const ActVariant& variant() const { return GetParam(); }
  ActParams params() const { return ParamsFor(variant().act); }
  const ActKernels& reference() const { return ScalarKernels()[variant().act]; }
};

TEST_P(ForwardTest, MatchesScalarAtEveryLengthAndAlignmentWithoutWritingOutside) {
  const ActParams p = params();
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 1000 + n);
    std::vector<float> expected(n);
    reference().forward(n, x.data(), expected.data(), &p);
    for (size_t misalign : {0u, 1u, 2u, 3u}) {
      GuardedBuffer in(x, misalign);
      GuardedBuffer out(n, (misalign + 1) % 4);  // input and output misaligned differently
      variant().forward(n, in.data(), out.data(), &p);
      ASSERT_TRUE(out.GuardsIntact()) << "n=" << n << " misalign=" << misalign;
      ASSERT_TRUE(in.GuardsIntact()) << "n=" << n;
      for (size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(Near(out[i], expected[i], kSimdAbsTol, kSimdRelTol))
            << "n=" << n << " i=" << i << " x=" << x[i] << " misalign=" << misalign;
        ASSERT_TRUE(BitEqual(in[i], x[i])) << "input modified at " << i;
      }
    }
  }
}

TEST_P(ForwardTest, InPlaceEqualsOutOfPlace) {
  const ActParams p = params();
  for (size_t n : TestLengths()) {
    const std::vector<float> x = RandomInputs(n, 2000 + n);
    std::vector<float> out_of_place(n);
    variant().forward(n, x.data(), out_of_place.data(), &p);
    GuardedBuffer buf(x, 1);
    variant().forward(n, buf.data(), buf.data(), &p);
    ASSERT_TRUE(buf.GuardsIntact()) << "n=" << n;
    for (size_t i = 0; i < n; ++i) ASSERT_TRUE(BitEqual(buf[i], out_of_place[i])) << "n=" << n << " i=" << i;
  }
}

// Each special value at every lane position of the 8-wide body and of the tail,
// among ordinary neighbours that must be unaffected.
TEST_P(ForwardTest, SpecialValuesAtEveryLanePosition) {
  const ActParams p = params();
  const float specials[] = {kNan,  -kNan,      kInf,      -kInf,     0.0f,   -0.0f,   kDenormMin,
                            -kDenormMin, kFloatMax, -kFloatMax, 1e30f, -1e30f, 100.0f, -100.0f,
                            20.0f, -20.0f, 88.0f, -88.0f, 1e-20f, -1e-20f};
  constexpr size_t kN = 15;  // one 8-wide block, one 4-wide block, a 3-element tail
  for (float special : specials) {
    for (size_t pos = 0; pos < kN; ++pos) {
      std::vector<float> x = RandomInputs(kN, 3000 + pos);
      x[pos] = special;
      std::vector<float> expected(kN), actual(kN);
      reference().forward(kN, x.data(), expected.data(), &p);
      variant().forward(kN, x.data(), actual.data(), &p);
      for (size_t i = 0; i < kN; ++i) {
        ASSERT_TRUE(Near(actual[i], expected[i], kSimdAbsTol, kSimdRelTol))
            << "x=" << x[i] << " at " << i << ", special " << special << " at " << pos;
      }
      ASSERT_TRUE(SameSpecial(actual[pos], expected[pos])) << "x=" << special << " at " << pos;
    }
  }
}

struct ForwardCase {
  float x;
  float expected;
};

// f(+-inf) and f(+-0) as the formulas of kernels.h give them.
std::vector<ForwardCase> ForwardLimits(Act act, float a) {
  const float la = static_cast<float>(kSeluLambda * kSeluAlpha);
  const float log2 = std::log(2.0f);
  switch (act) {
    case Act::kLinear: return {{kInf, kInf}, {-kInf, -kInf}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
    case Act::kRelu: return {{kInf, kInf}, {-kInf, 0.0f}, {0.0f, 0.0f}, {-0.0f, 0.0f}};
    case Act::kLeakyRelu:
    case Act::kPrelu: return {{kInf, kInf}, {-kInf, -kInf}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
    case Act::kElu: return {{kInf, kInf}, {-kInf, -a}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
    case Act::kSelu: return {{kInf, kInf}, {-kInf, -la}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
    case Act::kGelu:
    case Act::kSilu: return {{kInf, kInf}, {-kInf, -0.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
    case Act::kSoftplus: return {{kInf, kInf}, {-kInf, 0.0f}, {0.0f, log2}, {-0.0f, log2}};
    case Act::kSigmoid: return {{kInf, 1.0f}, {-kInf, 0.0f}, {0.0f, 0.5f}, {-0.0f, 0.5f}};
    case Act::kTanh: return {{kInf, 1.0f}, {-kInf, -1.0f}, {0.0f, 0.0f}, {-0.0f, -0.0f}};
  }
  return {};
}

// The limits and signed zeros the formulas of kernels.h give, for every variant.
TEST_P(ForwardTest, LimitsAndSignedZerosFollowTheFormulas) {
  const ActParams p = params();
  std::vector<ForwardCase> cases = ForwardLimits(variant().act, p.alpha);
  cases.push_back({kNan, kNan});
  cases.push_back({-kNan, kNan});
  for (const ForwardCase& c : cases) {
    for (size_t n : {1u, 4u, 8u, 11u}) {  // tail, 4-wide and 8-wide paths
      std::vector<float> x(n, c.x), y(n);
      variant().forward(n, x.data(), y.data(), &p);
      for (size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(SameSpecial(y[i], c.expected)) << "x=" << c.x << " n=" << n << " i=" << i;
        ASSERT_TRUE(Near(y[i], c.expected, 1e-7, 1e-7)) << "x=" << c.x << " n=" << n << " i=" << i;
      }
    }
  }
}

// Every variant's forward against the double-precision textbook formula.
TEST_P(ForwardTest, MatchesDoublePrecisionFormula) {
  const ActParams p = params();
  const std::vector<float> x = RandomInputs(4099, 4000);
  std::vector<float> y(x.size());
  variant().forward(x.size(), x.data(), y.data(), &p);
  for (size_t i = 0; i < x.size(); ++i) {
    ASSERT_TRUE(Near(y[i], RefForward(variant().act, x[i], p.alpha), kSimdAbsTol, kSimdRelTol))
        << "x=" << x[i];
  }
}

// z += bias per column, then y = f(z): bit-equal to the variant's own bias add
// followed by its forward, at every row count and several column counts.
TEST_P(ForwardTest, FusedBiasActEqualsBiasAddThenForward) {
  const ActParams p = params();
  for (size_t rows = 0; rows <= 19; ++rows) {
    for (size_t cols : {0u, 1u, 3u}) {
      const std::vector<float> z0 = RandomInputs(rows * cols, 5000 + rows * 7 + cols);
      const std::vector<float> bias = RandomInputs(rows, 6000 + rows);
      std::vector<float> z_expected = z0, y_expected(rows * cols);
      for (size_t j = 0; j < cols; ++j) {
        for (size_t i = 0; i < rows; ++i) z_expected[j * rows + i] += bias[i];
      }
      variant().forward(rows * cols, z_expected.data(), y_expected.data(), &p);

      GuardedBuffer z(z0, 1), b(bias, 2), y(rows * cols, 3);
      variant().bias_forward(rows, cols, z.data(), b.data(), y.data(), &p);
      ASSERT_TRUE(z.GuardsIntact() && y.GuardsIntact()) << rows << "x" << cols;
      for (size_t k = 0; k < rows * cols; ++k) {
        ASSERT_TRUE(BitEqual(z[k], z_expected[k])) << rows << "x" << cols << " k=" << k;
        ASSERT_TRUE(BitEqual(y[k], y_expected[k])) << rows << "x" << cols << " k=" << k;
      }
    }
  }
}

// A Leaky ReLU or PReLU slope of exactly 0 is ReLU on the negative side: 0 at
// -inf (once 0 * -inf = NaN), -0 below 0 as a * x gives it, NaN kept, in every
// path (tail, 4- and 8-wide), the fused bias path and the per-unit PReLU kernel.
TEST(ZeroSlopeTest, NegativeInfinityGivesZeroNotNan) {
  const ActParams zero{0.0f};
  const std::vector<ForwardCase> cases = {{-kInf, -0.0f}, {-3.0f, -0.0f}, {kInf, kInf}, {2.0f, 2.0f}, {kNan, kNan}};
  for (const ActVariant& v : AllActVariants()) {
    if (v.act != Act::kLeakyRelu) continue;
    for (const ForwardCase& c : cases) {
      for (size_t n : {1u, 4u, 8u, 11u}) {
        std::vector<float> x(n, c.x), y(n), z = x, fused(n);
        v.forward(n, x.data(), y.data(), &zero);
        const std::vector<float> no_bias(n, 0.0f);
        v.bias_forward(n, 1, z.data(), no_bias.data(), fused.data(), &zero);
        for (size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(SameSpecial(y[i], c.expected)) << v.name << " x=" << c.x << " n=" << n;
          ASSERT_TRUE(SameSpecial(fused[i], c.expected)) << v.name << " fused, x=" << c.x << " n=" << n;
        }
      }
    }
  }
  for (const MiscVariant& v : AllMiscVariants()) {
    for (const ForwardCase& c : cases) {
      for (size_t n : {1u, 4u, 8u, 11u}) {
        std::vector<float> x(n, c.x), slope(n, 0.0f), y(n);
        v.prelu_forward(n, x.data(), slope.data(), y.data());
        for (size_t i = 0; i < n; ++i) {
          ASSERT_TRUE(SameSpecial(y[i], c.expected)) << "prelu " << v.isa << " x=" << c.x << " n=" << n;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, ForwardTest, ::testing::ValuesIn(AllActVariants()), VariantName());

// y may equal z only for linear: then y = z + bias, in place.
TEST(FusedBiasActTest, InPlaceForLinearInEveryInstructionSet) {
  const size_t rows = 13, cols = 3;
  const std::vector<float> z0 = RandomInputs(rows * cols, 7000);
  const std::vector<float> bias = RandomInputs(rows, 7001);
  size_t tested = 0;
  for (const ActVariant& v : AllActVariants()) {
    if (v.act != Act::kLinear) continue;
    std::vector<float> z = z0;
    v.bias_forward(rows, cols, z.data(), bias.data(), z.data(), nullptr);
    for (size_t k = 0; k < rows * cols; ++k) ASSERT_TRUE(BitEqual(z[k], z0[k] + bias[k % rows])) << v.name;
    ++tested;
  }
  EXPECT_EQ(tested, AllMiscVariants().size());  // one linear variant per instruction set
}

}  // namespace
}  // namespace relu::kernels::testing
