// Measured accuracy of every variant, forward and backward, against the float
// scalar reference (std:: functions) and the double-precision formula, over a
// dense sweep of [-20, 20] plus magnitudes from 1e-30 to 1e30. Prints the
// maxima (run the test binary with --gtest_filter='Accuracy*' to see them) and
// fails if a bound is exceeded.
//
// Error metric: |actual - expected| / max(1, |expected|): absolute for bounded
// outputs (|f| <= 1), relative for large ones.
#include <algorithm>
#include <cstdio>

#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

std::vector<float> SweepInputs() {
  std::vector<float> x;
  for (int k = -20000; k <= 20000; ++k) x.push_back(static_cast<float>(k) * 1e-3f);
  for (double m = 1e-30; m <= 1e30; m *= 1.5) {
    x.push_back(static_cast<float>(m));
    x.push_back(static_cast<float>(-m));
  }
  return x;
}

double MixedError(float actual, double expected) {
  if (std::isnan(expected) || std::isinf(expected)) {
    return SameSpecial(actual, static_cast<float>(expected)) ? 0.0 : kInf;
  }
  const double err = std::fabs(static_cast<double>(actual) - expected);
  return std::isnan(err) ? kInf : err / std::max(1.0, std::fabs(expected));
}

struct MaxError {
  double value = 0.0;
  float at = 0.0f;
  void Add(double err, float x) {
    if (err > value) {
      value = err;
      at = x;
    }
  }
};

struct Measured {
  MaxError forward_vs_scalar, forward_vs_double, backward_vs_scalar, backward_vs_double;
};

Measured Measure(const ActVariant& v) {
  const ActParams p = ParamsFor(v.act);
  const ActKernels& ref = ScalarKernels()[v.act];
  const std::vector<float> x = SweepInputs();
  const size_t n = x.size();
  std::vector<float> y_ref(n), y(n), dx_ref(n), dx(n);
  const std::vector<float> ones(n, 1.0f);
  ref.forward(n, x.data(), y_ref.data(), &p);
  v.forward(n, x.data(), y.data(), &p);
  ref.backward(n, x.data(), y_ref.data(), ones.data(), dx_ref.data(), &p);
  v.backward(n, x.data(), y_ref.data(), ones.data(), dx.data(), &p);
  Measured m;
  for (size_t i = 0; i < n; ++i) {
    m.forward_vs_scalar.Add(MixedError(y[i], y_ref[i]), x[i]);
    m.forward_vs_double.Add(MixedError(y[i], RefForward(v.act, x[i], p.alpha)), x[i]);
    m.backward_vs_scalar.Add(MixedError(dx[i], dx_ref[i]), x[i]);
    if (!(HasKinkAtZero(v.act) && x[i] == 0.0f)) {
      m.backward_vs_double.Add(MixedError(dx[i], RefDerivative(v.act, x[i], p.alpha)), x[i]);
    }
  }
  return m;
}

TEST(AccuracyTest, EveryVariantWithinBounds) {
  // Float std:: functions and the SIMD approximations are both a few float
  // ulps (~1.2e-7 each) from the exact value.
  constexpr double kBound = 2e-6;
  std::printf("%-32s %22s %22s %22s %22s\n", "variant (max error @ x)", "fwd vs scalar", "fwd vs double",
              "bwd vs scalar", "bwd vs double");
  for (const ActVariant& v : AllActVariants()) {
    const Measured m = Measure(v);
    std::printf("%-32s %11.2e @ %-8.3g %11.2e @ %-8.3g %11.2e @ %-8.3g %11.2e @ %-8.3g\n", v.name.c_str(),
                m.forward_vs_scalar.value, m.forward_vs_scalar.at, m.forward_vs_double.value,
                m.forward_vs_double.at, m.backward_vs_scalar.value, m.backward_vs_scalar.at,
                m.backward_vs_double.value, m.backward_vs_double.at);
    EXPECT_LE(m.forward_vs_scalar.value, kBound) << v.name << " at x=" << m.forward_vs_scalar.at;
    EXPECT_LE(m.forward_vs_double.value, kBound) << v.name << " at x=" << m.forward_vs_double.at;
    EXPECT_LE(m.backward_vs_scalar.value, kBound) << v.name << " at x=" << m.backward_vs_scalar.at;
    EXPECT_LE(m.backward_vs_double.value, kBound) << v.name << " at x=" << m.backward_vs_double.at;
  }
}

}  // namespace
}  // namespace relu::kernels::testing
