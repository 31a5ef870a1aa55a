// The activation-pattern hash (PatternHashFn) of every instruction set:
// against a pattern spelled out bit by bit, at every tail length, with a
// leading dimension wider than the run, and with the values at the edge of
// "on" (+-0, NaN, denormals, inf).
#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

class PatternHashTest : public ::testing::TestWithParam<MiscVariant> {
 protected:
  const MiscVariant& variant() const { return GetParam(); }
};

std::vector<uint64_t> Keys(size_t units, uint64_t seed) {
  TestRng rng(seed);
  std::vector<uint64_t> keys(units);
  for (uint64_t& key : keys) key = rng.NextU64();
  return keys;
}

// The hash spelled out: the on units' keys XORed, from the given start.
uint64_t Expected(uint64_t start, const std::vector<bool>& on, const std::vector<uint64_t>& keys) {
  uint64_t h = start;
  for (size_t u = 0; u < on.size(); ++u) {
    if (on[u]) h ^= keys[u];
  }
  return h;
}

TEST_P(PatternHashTest, XorsTheKeysOfThePositiveUnitsAtEveryLength) {
  for (size_t units : {size_t{0}, size_t{1}, size_t{3}, size_t{8}}) {
    for (size_t pixels : TestLengths()) {
      const size_t ld = pixels + 5;  // runs need not be packed
      std::vector<float> act = RandomInputs(ld * units, 100 + pixels * 7 + units);
      const std::vector<uint64_t> keys = Keys(units, 200 + units);
      std::vector<uint64_t> hash(pixels + 2, 0x5555);  // one guard at the end
      const std::vector<uint64_t> before = hash;
      variant().pattern_hash(pixels, units, act.data(), ld, keys.data(), hash.data());
      for (size_t j = 0; j < pixels; ++j) {
        std::vector<bool> on(units);
        for (size_t u = 0; u < units; ++u) on[u] = act[u * ld + j] > 0.0f;
        ASSERT_EQ(hash[j], Expected(before[j], on, keys))
            << "pixels=" << pixels << " units=" << units << " j=" << j;
      }
      EXPECT_EQ(hash[pixels], before[pixels]) << "wrote past the end, pixels=" << pixels;
      EXPECT_EQ(hash[pixels + 1], before[pixels + 1]);
    }
  }
}

TEST_P(PatternHashTest, OnlyStrictlyPositiveValuesAreOn) {
  const std::vector<float> values = {0.0f,  -0.0f, kNan,      -kNan,       kDenormMin, -kDenormMin,
                                     kInf,  -kInf, kFloatMax, -kFloatMax, 1.0f,       -1.0f};
  const std::vector<bool> on = {false, false, false, false, true,  false,
                                true,  false, true,  false, true,  false};
  const uint64_t key = 0x8000000000000001ull;  // both ends of the word
  for (size_t copies : {size_t{1}, size_t{3}}) {  // also through the 8-wide body
    std::vector<float> act;
    for (size_t c = 0; c < copies; ++c) act.insert(act.end(), values.begin(), values.end());
    std::vector<uint64_t> hash(act.size(), 0);
    variant().pattern_hash(act.size(), 1, act.data(), act.size(), &key, hash.data());
    for (size_t j = 0; j < act.size(); ++j) {
      EXPECT_EQ(hash[j], on[j % values.size()] ? key : 0u) << "value " << act[j];
    }
  }
}

TEST_P(PatternHashTest, AgreesWithTheScalarReferenceBitForBit) {
  const size_t pixels = 4099, units = 13;
  const std::vector<float> act = RandomInputs(pixels * units, 77);
  const std::vector<uint64_t> keys = Keys(units, 78);
  std::vector<uint64_t> reference(pixels, 0), tested(pixels, 0);
  pattern_hash_f32__scalar(pixels, units, act.data(), pixels, keys.data(), reference.data());
  variant().pattern_hash(pixels, units, act.data(), pixels, keys.data(), tested.data());
  EXPECT_EQ(tested, reference);
}

INSTANTIATE_TEST_SUITE_P(AllIsas, PatternHashTest, ::testing::ValuesIn(AllMiscVariants()), IsaName());

}  // namespace
}  // namespace relu::kernels::testing
