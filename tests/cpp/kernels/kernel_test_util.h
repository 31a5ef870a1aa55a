// Shared by the kernel tests: the variant lists (expanded from the one list in
// kernels/variants.h), an independent double-precision reference of every
// activation, inputs, and float comparison.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "kernels/kernels.h"
#include "kernels/variants.h"

namespace relu::kernels::testing {

// ---- The variants under test ------------------------------------------------

struct ActVariant {
  std::string name;  // e.g. "relu_f32__wasmsimd_u8"
  std::string isa;
  Act act;
  ActForwardFn forward;
  ActBackwardFn backward;
  BiasActForwardFn bias_forward;
};

struct MiscVariant {
  std::string isa;
  PreluForwardFn prelu_forward;
  PreluBackwardFn prelu_backward;
  CountZerosFn count_zeros;
  PatternHashFn pattern_hash;
};

inline std::vector<ActVariant> AllActVariants() {
  std::vector<ActVariant> all;
  const char* isa = nullptr;
#define RELU_TEST_ACT_VARIANT(enumerator, name, suffix)                                 \
  all.push_back(ActVariant{#name "_f32__" #suffix, isa, Act::enumerator, name##_f32__##suffix, \
                           name##_backward_f32__##suffix, bias_##name##_f32__##suffix});
#define RELU_TEST_ISA_ACTS(isa_name, suffix, gemm_suffix, gemm_in_set) \
  isa = isa_name;                            \
  RELU_FOR_EACH_ACT(RELU_TEST_ACT_VARIANT, suffix)
  RELU_FOR_EACH_ISA(RELU_TEST_ISA_ACTS)
#undef RELU_TEST_ISA_ACTS
#undef RELU_TEST_ACT_VARIANT
  return all;
}

inline std::vector<MiscVariant> AllMiscVariants() {
  std::vector<MiscVariant> all;
#define RELU_TEST_MISC_VARIANT(isa_name, suffix, gemm_suffix, gemm_in_set) \
  all.push_back({isa_name, prelu_f32__##suffix, prelu_backward_f32__##suffix, count_zeros_f32__##suffix, \
                 pattern_hash_f32__##suffix});
  RELU_FOR_EACH_ISA(RELU_TEST_MISC_VARIANT)
#undef RELU_TEST_MISC_VARIANT
  return all;
}

// Only the SIMD variants (empty in a scalar build).
inline std::vector<ActVariant> SimdActVariants() {
  std::vector<ActVariant> simd;
  for (const ActVariant& v : AllActVariants()) {
    if (v.isa != "scalar") simd.push_back(v);
  }
  return simd;
}

// gtest prints a parameter through these instead of its bytes.
inline void PrintTo(const ActVariant& v, std::ostream* os) { *os << v.name; }
inline void PrintTo(const MiscVariant& v, std::ostream* os) { *os << v.isa; }

struct VariantName {
  template <class Param>
  std::string operator()(const ::testing::TestParamInfo<Param>& info) const {
    return info.param.name;
  }
};
struct IsaName {
  std::string operator()(const ::testing::TestParamInfo<MiscVariant>& info) const {
    return info.param.isa;
  }
};

// Parameters the tests use for the parametrised activations.
inline ActParams ParamsFor(Act act) {
  if (act == Act::kLeakyRelu) return ActParams{0.01f};
  if (act == Act::kElu) return ActParams{1.0f};
  return ActParams{0.0f};
}

// ---- Independent double-precision reference --------------------------------

constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluLambda = 1.0507009873554804934193349852946;
constexpr double kGeluK = 0.79788456080286535587989211986876;  // sqrt(2/pi)

// f(x) in double, textbook forms (finite x only).
inline double RefForward(Act act, double x, double a) {
  switch (act) {
    case Act::kLinear: return x;
    case Act::kRelu: return x > 0 ? x : 0.0;
    case Act::kLeakyRelu:
    case Act::kPrelu: return x > 0 ? x : a * x;
    case Act::kElu: return x > 0 ? x : a * std::expm1(x);
    case Act::kSelu: return kSeluLambda * (x > 0 ? x : kSeluAlpha * std::expm1(x));
    case Act::kGelu: return 0.5 * x * (1.0 + std::tanh(kGeluK * (x + 0.044715 * x * x * x)));
    case Act::kSilu: return x / (1.0 + std::exp(-x));
    case Act::kSoftplus: return x > 30 ? x + std::exp(-x) : std::log1p(std::exp(x));
    case Act::kSigmoid: return 1.0 / (1.0 + std::exp(-x));
    case Act::kTanh: return std::tanh(x);
  }
  return std::nan("");
}

// f'(x) in double, derived by hand from the textbook forms (finite x only).
inline double RefDerivative(Act act, double x, double a) {
  const double s = 1.0 / (1.0 + std::exp(-x));
  switch (act) {
    case Act::kLinear: return 1.0;
    case Act::kRelu: return x > 0 ? 1.0 : 0.0;
    case Act::kLeakyRelu:
    case Act::kPrelu: return x > 0 ? 1.0 : a;
    case Act::kElu: return x > 0 ? 1.0 : a * std::exp(x);
    case Act::kSelu: return kSeluLambda * (x > 0 ? 1.0 : kSeluAlpha * std::exp(x));
    case Act::kGelu: {
      const double t = std::tanh(kGeluK * (x + 0.044715 * x * x * x));
      return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * kGeluK * (1.0 + 3.0 * 0.044715 * x * x);
    }
    case Act::kSilu: return s * (1.0 + x * (1.0 - s));
    case Act::kSoftplus: return s;
    case Act::kSigmoid: return s * (1.0 - s);
    case Act::kTanh: {
      const double t = std::tanh(x);
      return 1.0 - t * t;
    }
  }
  return std::nan("");
}

// The functions with a kink at 0 (derivative discontinuous there).
inline bool HasKinkAtZero(Act act) {
  return act == Act::kRelu || act == Act::kLeakyRelu || act == Act::kPrelu || act == Act::kElu ||
         act == Act::kSelu;
}

// ---- Inputs -----------------------------------------------------------------

// SplitMix64: deterministic on every platform (std:: distributions are not).
class TestRng {
 public:
  explicit TestRng(uint64_t seed) : state_(seed) {}
  uint64_t NextU64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi).
  float Uniform(float lo, float hi) {
    const double unit = static_cast<double>(NextU64() >> 11) * 0x1.0p-53;
    return static_cast<float>(lo + (hi - lo) * unit);
  }

 private:
  uint64_t state_;
};

// Mostly [-6, 6] (where the activations bend), some up to +-60.
inline std::vector<float> RandomInputs(size_t n, uint64_t seed) {
  TestRng rng(seed);
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = (i % 7 == 3) ? rng.Uniform(-60.0f, 60.0f) : rng.Uniform(-6.0f, 6.0f);
  }
  return x;
}

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kDenormMin = std::numeric_limits<float>::denorm_min();
constexpr float kFloatMax = std::numeric_limits<float>::max();

// Lengths every kernel is run at: 0..67 (all tail shapes around the 4- and
// 8-wide loops) and one large length.
inline std::vector<size_t> TestLengths() {
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 67; ++n) lengths.push_back(n);
  lengths.push_back(4099);
  return lengths;
}

// ---- Comparison ---------------------------------------------------------------

// Tolerance of a SIMD variant against the scalar reference: absolute for
// results of magnitude <= 1, relative above (see accuracy_test.cc for the
// measured maxima, which are well inside these).
constexpr double kSimdAbsTol = 2e-6;
constexpr double kSimdRelTol = 4e-6;

// Same class of value: NaN with NaN, inf with the same inf, zero with the same signed zero.
inline ::testing::AssertionResult SameSpecial(float actual, float expected) {
  if (std::isnan(expected) || std::isnan(actual)) {
    if (std::isnan(expected) && std::isnan(actual)) return ::testing::AssertionSuccess();
  } else if (std::isinf(expected) || std::isinf(actual) || expected == 0.0f) {
    if (actual == expected && std::signbit(actual) == std::signbit(expected)) {
      return ::testing::AssertionSuccess();
    }
  } else {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "got " << actual << " (signbit " << std::signbit(actual)
                                       << "), expected " << expected << " (signbit "
                                       << std::signbit(expected) << ")";
}

// |actual - expected| <= abs_tol + rel_tol |expected|; NaN and inf must match
// exactly. Signed zeros are checked by SameSpecial where the sign is specified.
inline ::testing::AssertionResult Near(float actual, double expected, double abs_tol, double rel_tol) {
  if (std::isnan(expected) || std::isinf(expected)) {
    return SameSpecial(actual, static_cast<float>(expected));
  }
  const double err = std::fabs(static_cast<double>(actual) - expected);
  if (err <= abs_tol + rel_tol * std::fabs(expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << actual << ", expected " << expected
                                       << " (error " << err << ")";
}

inline bool BitEqual(float a, float b) { return std::memcmp(&a, &b, sizeof(float)) == 0; }

// Guard words around an output, to catch writes past either end.
constexpr size_t kGuard = 5;
constexpr float kSentinel = -12345.678f;

// A buffer holding n floats at an offset of `misalign` floats from an aligned
// start, between guard words.
class GuardedBuffer {
 public:
  GuardedBuffer(size_t n, size_t misalign) : n_(n), offset_(kGuard + misalign) {
    storage_.assign(n + offset_ + kGuard, kSentinel);
  }
  GuardedBuffer(const std::vector<float>& values, size_t misalign)
      : GuardedBuffer(values.size(), misalign) {
    if (!values.empty()) std::memcpy(data(), values.data(), values.size() * sizeof(float));
  }
  float* data() { return storage_.data() + offset_; }
  float operator[](size_t i) const { return storage_[offset_ + i]; }
  bool GuardsIntact() const {
    for (size_t i = 0; i < offset_; ++i) {
      if (!BitEqual(storage_[i], kSentinel)) return false;
    }
    for (size_t i = offset_ + n_; i < storage_.size(); ++i) {
      if (!BitEqual(storage_[i], kSentinel)) return false;
    }
    return true;
  }

 private:
  size_t n_;
  size_t offset_;
  std::vector<float> storage_;
};

}  // namespace relu::kernels::testing
