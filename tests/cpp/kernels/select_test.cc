// The kernel table: which set SelectKernels() picks in this build, that every
// entry is filled from the variant list, and the activation names.
#include <cstring>

#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

// Fails if the WASM SIMD build silently ran the scalar kernels.
TEST(SelectKernelsTest, PicksSimd128ExactlyWhenCompiledWithIt) {
#if defined(__wasm_simd128__)
  EXPECT_STREQ(SelectKernels().isa, "wasmsimd");
  EXPECT_EQ(SelectKernels()[Act::kRelu].forward, &relu_f32__wasmsimd_u8);
  EXPECT_EQ(SelectKernels().count_zeros, &count_zeros_f32__wasmsimd_u8);
  EXPECT_EQ(SelectKernels().pattern_hash, &pattern_hash_f32__wasmsimd_u8);
#else
  EXPECT_STREQ(SelectKernels().isa, "scalar");
  EXPECT_EQ(&SelectKernels(), &ScalarKernels());
#endif
  EXPECT_STREQ(ScalarKernels().isa, "scalar");
  EXPECT_EQ(ScalarKernels()[Act::kRelu].forward, &relu_f32__scalar);
}

TEST(SelectKernelsTest, EveryVariantInTheListIsInItsSet) {
  const std::vector<ActVariant> variants = AllActVariants();
  EXPECT_EQ(variants.size(), (kActCount - 1) * AllMiscVariants().size());  // kPrelu shares leaky's
  for (const ActVariant& v : variants) {
    const KernelSet& set = v.isa == "scalar" ? ScalarKernels() : SelectKernels();
    ASSERT_STREQ(set.isa, v.isa.c_str()) << v.name;
    EXPECT_EQ(set[v.act].forward, v.forward) << v.name;
    EXPECT_EQ(set[v.act].backward, v.backward) << v.name;
    EXPECT_EQ(set[v.act].bias_forward, v.bias_forward) << v.name;
  }
}

TEST(SelectKernelsTest, EveryEntryIsFilledAndSharedPreluIsLeakyRelu) {
  for (const KernelSet* set : {&ScalarKernels(), &SelectKernels()}) {
    for (int a = 0; a < kActCount; ++a) {
      EXPECT_NE(set->act[a].forward, nullptr) << set->isa << " " << a;
      EXPECT_NE(set->act[a].backward, nullptr) << set->isa << " " << a;
      EXPECT_NE(set->act[a].bias_forward, nullptr) << set->isa << " " << a;
    }
    EXPECT_EQ((*set)[Act::kPrelu].forward, (*set)[Act::kLeakyRelu].forward);
    EXPECT_NE(set->prelu_forward, nullptr);
    EXPECT_NE(set->prelu_backward, nullptr);
    EXPECT_NE(set->count_zeros, nullptr);
    EXPECT_NE(set->pattern_hash, nullptr);
  }
}

TEST(ActNameTest, NamesRoundTripInEnumOrder) {
  const char* expected[kActCount] = {"linear", "relu", "leaky-relu", "prelu",   "elu", "selu",
                                     "gelu",   "silu", "softplus",   "sigmoid", "tanh"};
  for (int a = 0; a < kActCount; ++a) {
    EXPECT_STREQ(ActName(static_cast<Act>(a)), expected[a]);
    Act parsed = Act::kLinear;
    ASSERT_TRUE(ParseActName(expected[a], &parsed)) << expected[a];
    EXPECT_EQ(static_cast<int>(parsed), a);
  }
}

TEST(ActNameTest, UnknownNamesAreRejectedAndLeaveTheOutputAlone) {
  for (const char* bad : {"", "ReLU", "leaky_relu", "relu ", "swish", "tanhh"}) {
    Act parsed = Act::kSelu;
    EXPECT_FALSE(ParseActName(bad, &parsed)) << '"' << bad << '"';
    EXPECT_EQ(parsed, Act::kSelu);
  }
  Act parsed = Act::kSelu;
  EXPECT_FALSE(ParseActName(nullptr, &parsed));
  EXPECT_FALSE(ParseActName("relu", nullptr));
  EXPECT_STREQ(ActName(static_cast<Act>(kActCount)), "unknown");
}

}  // namespace
}  // namespace relu::kernels::testing
