// The matrix-product variants against a double-precision product: every size
// around the 8 x 4 tile and the 256-deep k slice, transposed operands through
// the element steps, padded leading dimensions, unaligned pointers, NaN; and
// the fused bias + activation epilogue against separate passes.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kernel_test_util.h"

namespace relu::kernels::testing {
namespace {

struct GemmVariant {
  std::string name;
  std::string isa;
  bool inSet;  // the set of its ISA uses it (else a reference only)
  GemmFn gemm;
};

std::vector<GemmVariant> AllGemmVariants() {
  std::vector<GemmVariant> all;
#define RELU_TEST_GEMM_VARIANT(isa_name, suffix, gemm_suffix, gemm_in_set) \
  all.push_back({"gemm_f32__" #gemm_suffix, isa_name, gemm_in_set, gemm_f32__##gemm_suffix});
  RELU_FOR_EACH_ISA(RELU_TEST_GEMM_VARIANT)
#undef RELU_TEST_GEMM_VARIANT
  return all;
}

void PrintTo(const GemmVariant& v, std::ostream* os) { *os << v.name; }

// select.cc builds each set from the list: its `gemm` is the listed product
// exactly when the list puts it in the set.
TEST(GemmVariantsTest, EachSetHoldsItsGemmExactlyWhenTheListSaysSo) {
  for (const GemmVariant& v : AllGemmVariants()) {
    const KernelSet& set = v.isa == "scalar" ? ScalarKernels() : SelectKernels();
    ASSERT_STREQ(set.isa, v.isa.c_str()) << v.name;
    EXPECT_EQ(set.gemm, v.inSet ? v.gemm : nullptr) << v.name;
  }
}

// Operands stored with the given steps inside buffers that start `offset`
// floats past an aligned allocation, C inside a column-major block of ldc rows
// whose padding must stay untouched.
struct Shape {
  size_t m, n, k;
  bool transpose_a = false, transpose_b = false;
  size_t pad = 0;     // extra rows in every leading dimension
  size_t offset = 0;  // floats before the first element of every operand
};

constexpr float kSentinel = 12345.0f;

class GemmTest : public ::testing::TestWithParam<GemmVariant> {
 protected:
  // Runs the variant on random operands and checks every entry of C against
  // the double product, and C's padding.
  void Check(const Shape& s) {
    std::mt19937 rng(static_cast<unsigned>(s.m * 131 + s.n * 17 + s.k));
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    // A: [m x k] stored as [m x k] (ld = m + pad) or, transposed, as [k x m] (ld = k + pad).
    const size_t lda = (s.transpose_a ? s.k : s.m) + s.pad;
    const size_t ldb = (s.transpose_b ? s.n : s.k) + s.pad;
    const size_t ldc = s.m + s.pad;
    std::vector<float> a(s.offset + lda * (s.transpose_a ? s.m : s.k) + 1);
    std::vector<float> b(s.offset + ldb * (s.transpose_b ? s.k : s.n) + 1);
    std::vector<float> c(s.offset + ldc * s.n + 1, kSentinel);
    for (float& v : a) v = uniform(rng);
    for (float& v : b) v = uniform(rng);
    const size_t a_row = s.transpose_a ? lda : 1, a_col = s.transpose_a ? 1 : lda;
    const size_t b_row = s.transpose_b ? ldb : 1, b_col = s.transpose_b ? 1 : ldb;
    const float* a0 = a.data() + s.offset;
    const float* b0 = b.data() + s.offset;
    GetParam().gemm(s.m, s.n, s.k, a0, a_row, a_col, b0, b_row, b_col, c.data() + s.offset, ldc, nullptr);

    const std::string where = GetParam().name + " m=" + std::to_string(s.m) + " n=" + std::to_string(s.n) +
                              " k=" + std::to_string(s.k) + " ta=" + std::to_string(s.transpose_a) +
                              " tb=" + std::to_string(s.transpose_b) + " pad=" + std::to_string(s.pad) +
                              " offset=" + std::to_string(s.offset);
    for (size_t i = 0; i < s.offset; ++i) ASSERT_EQ(c[i], kSentinel) << where << " before C";
    for (size_t j = 0; j < s.n; ++j) {
      for (size_t i = 0; i < ldc; ++i) {
        const float got = c[s.offset + j * ldc + i];
        if (i >= s.m) {
          ASSERT_EQ(got, kSentinel) << where << " padding row " << i << " col " << j;
          continue;
        }
        double exact = 0.0, magnitude = 0.0;
        for (size_t p = 0; p < s.k; ++p) {
          const double term = static_cast<double>(a0[i * a_row + p * a_col]) * b0[p * b_row + j * b_col];
          exact += term;
          magnitude += std::fabs(term);
        }
        // Float summation error grows with k: k rounding steps of at most eps/2.
        const double bound = static_cast<double>(s.k) * 6e-8 * magnitude + 1e-30;
        ASSERT_NEAR(got, exact, bound) << where << " at (" << i << ", " << j << ")";
      }
    }
    ASSERT_EQ(c.back(), kSentinel) << where << " after C";
  }
};

// Below, at and just past the tile (8 rows, 4 columns), and odd sizes.
const size_t kSizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 33};

TEST_P(GemmTest, MatchesDoubleProductAtEverySizeAroundTheTile) {
  for (size_t m : kSizes) {
    for (size_t n : kSizes) {
      for (size_t k : {1, 3, 8, 9, 33}) Check({m, n, k});
    }
  }
}

TEST_P(GemmTest, DepthsAroundTheKSlice) {
  for (size_t k : {255, 256, 257, 511, 513}) {
    for (size_t m : {3, 8, 13}) Check({m, 5, k});
  }
}

TEST_P(GemmTest, TransposedOperandsPaddedLeadingDimensionsAndUnalignedPointers) {
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      for (size_t pad : {0, 1, 3}) {
        for (size_t offset : {0, 1, 2, 3}) {
          for (size_t m : {1, 5, 8, 11, 16, 21}) Check({m, 6, 10, ta, tb, pad, offset});
          Check({9, 4, 260, ta, tb, pad, offset});
        }
      }
    }
  }
}

TEST_P(GemmTest, ZeroDepthGivesZerosAndEmptyShapesWriteNothing) {
  std::vector<float> c(3 * 5, kSentinel);
  const float unused = 1.0f;
  GetParam().gemm(3, 5, 0, &unused, 1, 3, &unused, 1, 0, c.data(), 3, nullptr);
  for (float v : c) EXPECT_EQ(v, 0.0f);
  std::fill(c.begin(), c.end(), kSentinel);
  GetParam().gemm(0, 5, 4, &unused, 1, 0, &unused, 1, 4, c.data(), 1, nullptr);
  GetParam().gemm(3, 0, 4, &unused, 1, 3, &unused, 1, 4, c.data(), 3, nullptr);
  for (float v : c) EXPECT_EQ(v, kSentinel);
}

// A NaN in row r of A makes row r of C NaN and nothing else, at every row
// position of the tile (the padded rows of a partial panel must not leak).
TEST_P(GemmTest, NanInARowOfAReachesExactlyThatRowOfC) {
  const size_t n = 5, k = 7;
  for (size_t m : {3, 8, 11}) {
    for (size_t r = 0; r < m; ++r) {
      std::vector<float> a(m * k, 0.5f), b(k * n, 0.25f), c(m * n);
      a[r + 2 * m] = std::numeric_limits<float>::quiet_NaN();
      GetParam().gemm(m, n, k, a.data(), 1, m, b.data(), 1, k, c.data(), m, nullptr);
      for (size_t j = 0; j < n; ++j) {
        for (size_t i = 0; i < m; ++i) {
          if (i == r) EXPECT_TRUE(std::isnan(c[i + j * m])) << GetParam().name << " m=" << m << " row " << r;
          else EXPECT_EQ(c[i + j * m], 0.5f * 0.25f * k) << GetParam().name << " m=" << m << " row " << i;
        }
      }
    }
  }
}

bool SameOrBothNan(float a, float b) {
  return std::isnan(a) ? std::isnan(b) : std::memcmp(&a, &b, sizeof(float)) == 0;
}

// The fused epilogue gives exactly what separate passes give: the plain
// product, then the bias additions in the same order, then the scalar
// reference of ReLU / Leaky ReLU (exact in every set), for every shape
// around the tile and the k slice, y apart from C or in place.
TEST_P(GemmTest, EpilogueEqualsProductThenBiasThenActivation) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  const GemmAct acts[] = {GemmAct::kNone, GemmAct::kRelu, GemmAct::kLeakyRelu};
  for (size_t m : {1, 3, 8, 9, 13}) {
    for (size_t n : {1, 4, 6}) {
      for (size_t k : {0, 1, 7, 257}) {
        std::vector<float> a(m * k + 1), b(k * n + 1), row_bias(m), col_bias(n);
        for (float& v : a) v = uniform(rng);
        for (float& v : b) v = uniform(rng);
        for (float& v : row_bias) v = uniform(rng);
        for (float& v : col_bias) v = uniform(rng);
        if (k == 7) a[m - 1] = std::numeric_limits<float>::quiet_NaN();  // row m-1 of C is NaN
        const size_t ldc = m + 1;
        std::vector<float> plain(ldc * n, kSentinel);
        GetParam().gemm(m, n, k, a.data(), 1, m, b.data(), 1, k, plain.data(), ldc, nullptr);
        for (int biases = 1; biases <= 3; ++biases) {  // row, column, both
          for (GemmAct act : acts) {
            for (bool in_place : {false, true}) {
              GemmEpilogue epilogue;
              epilogue.rowBias = biases & 1 ? row_bias.data() : nullptr;
              epilogue.colBias = biases & 2 ? col_bias.data() : nullptr;
              epilogue.act = act;
              epilogue.alpha = 0.125f;
              std::vector<float> c(ldc * n, kSentinel), y(ldc * n, kSentinel);
              if (act != GemmAct::kNone) epilogue.y = in_place ? c.data() : y.data();
              GetParam().gemm(m, n, k, a.data(), 1, m, b.data(), 1, k, c.data(), ldc, &epilogue);
              const std::string where = GetParam().name + " m=" + std::to_string(m) + " n=" +
                                        std::to_string(n) + " k=" + std::to_string(k) + " biases=" +
                                        std::to_string(biases) + " act=" + std::to_string(static_cast<int>(act)) +
                                        " in_place=" + std::to_string(in_place);
              const ActParams params{epilogue.alpha};
              for (size_t j = 0; j < n; ++j) {
                for (size_t i = 0; i < ldc; ++i) {
                  const size_t at = i + j * ldc;
                  if (i == m) {  // padding
                    ASSERT_EQ(c[at], kSentinel) << where;
                    ASSERT_EQ(y[at], kSentinel) << where;
                    continue;
                  }
                  float z = plain[at];
                  if (epilogue.rowBias) z += row_bias[i];
                  if (epilogue.colBias) z += col_bias[j];
                  float activated = z;
                  if (act == GemmAct::kRelu) relu_f32__scalar(1, &z, &activated, &params);
                  if (act == GemmAct::kLeakyRelu) leaky_relu_f32__scalar(1, &z, &activated, &params);
                  const float want_c = in_place && act != GemmAct::kNone ? activated : z;
                  ASSERT_TRUE(SameOrBothNan(c[at], want_c)) << where << " C(" << i << ", " << j << ") = " << c[at] << ", want " << want_c;
                  if (act != GemmAct::kNone && !in_place) {
                    ASSERT_TRUE(SameOrBothNan(y[at], activated)) << where << " y(" << i << ", " << j << ")";
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

// A leaky slope of exactly 0 in the epilogue: C = -inf gives y = 0, not NaN,
// as the forward kernels give it (forward_test.cc, ZeroSlopeTest).
TEST_P(GemmTest, ZeroSlopeEpilogueGivesZeroAtNegativeInfinity) {
  const size_t m = 9, n = 5, k = 3;  // a full tile, a ragged row and a ragged column
  std::vector<float> a(m * k, 1.0f), b(k * n, 1.0f), c(m * n), y(m * n, 7.0f);
  b[0] = -kInf;  // column 0 of C is -inf
  GemmEpilogue epilogue;
  epilogue.act = GemmAct::kLeakyRelu;
  epilogue.alpha = 0.0f;
  epilogue.y = y.data();
  GetParam().gemm(m, n, k, a.data(), 1, m, b.data(), 1, k, c.data(), m, &epilogue);
  for (size_t i = 0; i < m; ++i) {
    ASSERT_EQ(c[i], -kInf) << i;
    ASSERT_TRUE(SameSpecial(y[i], -0.0f)) << "row " << i;
    ASSERT_EQ(y[m + i], 3.0f) << "row " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(AllVariants, GemmTest, ::testing::ValuesIn(AllGemmVariants()),
                         [](const ::testing::TestParamInfo<GemmVariant>& param_info) { return param_info.param.name; });

TEST(GemmSelectTest, SimdBuildUsesItsKernelAndScalarSetLeavesProductsToEigen) {
  EXPECT_EQ(ScalarKernels().gemm, nullptr);
#if defined(__wasm_simd128__)
  EXPECT_EQ(SelectKernels().gemm, &gemm_f32__wasmsimd_8x4);
#else
  EXPECT_EQ(SelectKernels().gemm, nullptr);
#endif
}

}  // namespace
}  // namespace relu::kernels::testing
