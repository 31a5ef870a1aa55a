// Gradient checks. The naive double-precision reference (reference.h) is
// checked against central differences of its own loss; the optimised float
// path (network.h + loss.h, with the scalar and the selected kernels) is then
// checked against the reference, and once directly against float central
// differences. Inputs are random: the chance that a pre-activation lands
// within the step of a kink is negligible at these sizes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "model/data.h"
#include "model/init.h"
#include "model/reference.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

constexpr int kInputs = 3;
constexpr int kCols = 5;

struct ActCase {
  Act act;
  bool preluPerUnit;
};

const ActCase kActCases[] = {
    {Act::kLinear, false}, {Act::kRelu, false},     {Act::kLeakyRelu, false}, {Act::kPrelu, false},
    {Act::kPrelu, true},   {Act::kElu, false},      {Act::kSelu, false},      {Act::kGelu, false},
    {Act::kSilu, false},   {Act::kSoftplus, false}, {Act::kSigmoid, false},   {Act::kTanh, false},
};

struct HeadCase {
  const char* name;
  Problem problem;
  BinaryHead binaryHead;
  int outputs;
};

const HeadCase kHeadCases[] = {
    {"regression", Problem::kRegression, BinaryHead::kTanhMse, 1},
    {"tanhMse", Problem::kBinary, BinaryHead::kTanhMse, 1},
    {"sigmoidBce", Problem::kBinary, BinaryHead::kSigmoidBce, 1},
    {"softmax", Problem::kMulticlass, BinaryHead::kTanhMse, 4},
};

// Central difference of the reference loss at every parameter.
std::vector<double> NumericGradient(const NetProblem& p, double step) {
  std::vector<double> params = p.params, numeric(p.params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const double saved = params[i];
    params[i] = saved + step;
    const double up = ReferenceLossAndGradient(p.layout, params.data(), p.inputs.data(),
                                               p.labels.data(), p.cols, nullptr);
    params[i] = saved - step;
    const double down = ReferenceLossAndGradient(p.layout, params.data(), p.inputs.data(),
                                                 p.labels.data(), p.cols, nullptr);
    params[i] = saved;
    numeric[i] = (up - down) / (2 * step);
  }
  return numeric;
}

std::vector<double> ReferenceGradient(const NetProblem& p, double* loss) {
  std::vector<double> grads(p.layout.paramCount);
  *loss = ReferenceLossAndGradient(p.layout, p.params.data(), p.inputs.data(), p.labels.data(),
                                   p.cols, grads.data());
  return grads;
}

void ExpectReferenceMatchesCentralDifferences(const NetProblem& p) {
  double loss = 0;
  const std::vector<double> analytic = ReferenceGradient(p, &loss);
  ASSERT_TRUE(std::isfinite(loss));
  const std::vector<double> numeric = NumericGradient(p, 1e-6);
  for (size_t i = 0; i < analytic.size(); ++i) {
    EXPECT_NEAR(analytic[i], numeric[i], 1e-6 * std::max(1.0, std::fabs(numeric[i])))
        << "parameter " << i << " of " << analytic.size();
  }
}

// Float against double: errors scale with the largest gradient coordinate.
void ExpectOptimisedMatchesReference(const NetProblem& p, const kernels::KernelSet& kernels) {
  double reference_loss = 0;
  const std::vector<double> reference = ReferenceGradient(p, &reference_loss);
  std::vector<float> optimised;
  const double loss = OptimisedLossAndGradient(p, kernels, &optimised);
  EXPECT_NEAR(loss, reference_loss, 1e-5 * (1.0 + std::fabs(reference_loss))) << kernels.isa;
  double largest = 0;
  for (double g : reference) largest = std::max(largest, std::fabs(g));
  const double tolerance = 2e-5 * (1.0 + largest);
  for (size_t i = 0; i < reference.size(); ++i) {
    EXPECT_NEAR(optimised[i], reference[i], tolerance) << "parameter " << i << ", " << kernels.isa;
  }
}

// --- Every activation with every head -------------------------------------------

class ActivationHeadGradient : public ::testing::TestWithParam<std::tuple<ActCase, HeadCase>> {
 protected:
  NetProblem Make(uint64_t seed) const {
    const auto& [act, head] = GetParam();
    Config config = NetConfig({4, 3}, act.act, head.problem, head.binaryHead);
    config.preluPerUnit = act.preluPerUnit;
    return MakeNetProblem(config, kInputs, head.outputs, kCols, seed);
  }
};

TEST_P(ActivationHeadGradient, ReferenceMatchesCentralDifferences) {
  for (uint64_t seed : {1u, 2u}) ExpectReferenceMatchesCentralDifferences(Make(seed));
}

TEST_P(ActivationHeadGradient, OptimisedMatchesReference) {
  for (uint64_t seed : {1u, 2u}) {
    const NetProblem p = Make(seed);
    ExpectOptimisedMatchesReference(p, kernels::ScalarKernels());
    ExpectOptimisedMatchesReference(p, kernels::SelectKernels());
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::tuple<ActCase, HeadCase>>& info) {
  const auto& [act, head] = info.param;
  std::string name = kernels::ActName(act.act);
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  return name + (act.preluPerUnit ? "PerUnit" : "") + "_" + head.name;
}

INSTANTIATE_TEST_SUITE_P(AllActivationsAndHeads, ActivationHeadGradient,
                         ::testing::Combine(::testing::ValuesIn(kActCases),
                                            ::testing::ValuesIn(kHeadCases)),
                         CaseName);

// --- Whole networks, initialised by every scheme ---------------------------------

class InitGradient : public ::testing::TestWithParam<Init> {};

TEST_P(InitGradient, WholeNetworkGradientsAreRight) {
  for (uint32_t seed : {1u, 7u, 42u}) {
    const HeadCase& head = kHeadCases[seed % 4];
    Config config = NetConfig({6, 5, 4}, Act::kRelu, head.problem, head.binaryHead);
    config.activations = {Act::kRelu, Act::kPrelu, Act::kTanh};
    config.preluPerUnit = seed % 2 == 1;
    config.init = GetParam();
    config.initScale = 0.8f;
    config.biasInit = 0.1f;  // zero weights and biases would put every ReLU on its kink
    config.seed = seed;
    NetProblem p = MakeNetProblem(config, kInputs, head.outputs, kCols, seed);
    std::vector<float> initial(p.layout.paramCount);
    InitializeParams(p.layout, config, initial.data());
    p.params.assign(initial.begin(), initial.end());
    SCOPED_TRACE("seed " + std::to_string(seed) + ", head " + head.name);
    ExpectReferenceMatchesCentralDifferences(p);
    ExpectOptimisedMatchesReference(p, kernels::SelectKernels());
  }
}

std::string InitCaseName(const ::testing::TestParamInfo<Init>& param_info) {
  std::string name = InitName(param_info.param);
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryInit, InitGradient,
                         ::testing::Values(Init::kZeros, Init::kUniform, Init::kNormal,
                                           Init::kPlayground, Init::kXavierUniform,
                                           Init::kXavierNormal, Init::kHeUniform, Init::kHeNormal,
                                           Init::kLecunNormal, Init::kOrthogonal),
                         InitCaseName);

// Layers past the small-product limit (64 x 64 weights, or 24^3 multiply-adds)
// go through Eigen's products: held to the same reference.
TEST(LargeLayerGradient, EigenPathMatchesReference) {
  for (const HeadCase& head : kHeadCases) {
    Config config = NetConfig({80, 70}, Act::kTanh, head.problem, head.binaryHead);
    config.activations = {Act::kRelu, Act::kPrelu};
    config.preluPerUnit = true;
    const NetProblem p = MakeNetProblem(config, kInputs, head.outputs, 7, 5, 0.15f);
    SCOPED_TRACE(head.name);
    ExpectOptimisedMatchesReference(p, kernels::SelectKernels());
  }
}

// --- 64 inputs: the digits' images ---------------------------------------------

// A network as wide at its input as the digits (64 pixels) on real images, so
// that nothing in the gradient assumes the plane's few features.
TEST(DigitsGradient, SixtyFourInputsMatchCentralDifferences) {
  for (Act act : {Act::kRelu, Act::kPrelu, Act::kTanh}) {
    Config config = NetConfig({12, 8}, act, Problem::kMulticlass);
    config.preluPerUnit = true;
    NetProblem p = MakeNetProblem(config, kDigitPixels, kDigitClasses, kCols, 17, 0.3f);
    ASSERT_EQ(p.layout.inputs, 64);
    std::vector<float> image(kDigitPixels);
    for (int j = 0; j < kCols; ++j) {
      const int index = 100 * j + 3;  // spread over the file
      DigitPixels(index, image.data());
      for (int q = 0; q < kDigitPixels; ++q) p.inputs[static_cast<size_t>(j) * kDigitPixels + q] = image[q];
      p.labels[j] = static_cast<float>(DigitLabel(index));
    }
    SCOPED_TRACE(kernels::ActName(act));
    ExpectReferenceMatchesCentralDifferences(p);
    ExpectOptimisedMatchesReference(p, kernels::ScalarKernels());
    ExpectOptimisedMatchesReference(p, kernels::SelectKernels());
  }
}

// --- The optimised path on its own, against float central differences ------------

TEST(OptimisedGradient, AgreesWithFloatCentralDifferences) {
  for (const HeadCase& head : kHeadCases) {
    Config config = NetConfig({5, 4}, Act::kTanh, head.problem, head.binaryHead);
    config.activations = {Act::kPrelu, Act::kTanh};
    config.preluPerUnit = true;
    const NetProblem p = MakeNetProblem(config, kInputs, head.outputs, kCols, 11);
    std::vector<float> analytic, unused;
    OptimisedLossAndGradient(p, kernels::SelectKernels(), &analytic);
    NetProblem shifted = p;
    const double step = 1e-3;
    for (size_t i = 0; i < p.params.size(); ++i) {
      shifted.params[i] = p.params[i] + step;
      const double up = OptimisedLossAndGradient(shifted, kernels::SelectKernels(), &unused);
      shifted.params[i] = p.params[i] - step;
      const double down = OptimisedLossAndGradient(shifted, kernels::SelectKernels(), &unused);
      shifted.params[i] = p.params[i];
      const double numeric = (up - down) / (2 * step);
      EXPECT_NEAR(analytic[i], numeric, 2e-3 + 1e-2 * std::fabs(numeric))
          << head.name << ", parameter " << i;
    }
  }
}

// The heads' losses are stable where the naive formulas overflow.
TEST(HeadLoss, StableForLargeLogits) {
  const float logits[] = {100.0f, -100.0f};
  const float labels[] = {0.0f, 1.0f};
  float y[2], dz[2];
  const double bce = ApplyHead(Head::kSigmoidBce, 1, 2, logits, labels, y, dz);
  EXPECT_NEAR(bce, 200.0, 1e-9);  // each sample: |z| with the wrong label
  EXPECT_FLOAT_EQ(dz[0], 0.5f);   // (1 - 0) / 2
  EXPECT_FLOAT_EQ(dz[1], -0.5f);  // (0 - 1) / 2
  const float softmax_logits[] = {1000.0f, 0.0f, -1000.0f};
  const float softmax_label[] = {1.0f};
  float probabilities[3];
  EXPECT_NEAR(
      ApplyHead(Head::kSoftmaxCe, 3, 1, softmax_logits, softmax_label, probabilities, nullptr),
      1000.0, 1e-9);
  EXPECT_FLOAT_EQ(probabilities[0], 1.0f);
  EXPECT_EQ(probabilities[2], 0.0f);
}

TEST(HeadLoss, NaNLogitGivesNaNLoss) {
  const float nan = std::nanf("");
  const float label[] = {1.0f};
  float y[3];
  for (Head head : {Head::kLinearMse, Head::kTanhMse, Head::kSigmoidBce}) {
    EXPECT_TRUE(std::isnan(ApplyHead(head, 1, 1, &nan, label, y, nullptr)));
  }
  const float logits[] = {0.0f, nan, 1.0f};
  EXPECT_TRUE(std::isnan(ApplyHead(Head::kSoftmaxCe, 3, 1, logits, label, y, nullptr)));
}

TEST(HeadLoss, MseIsHalfTheMeanSquaredError) {
  const float z[] = {1.0f, -2.0f};
  const float t[] = {0.0f, 2.0f};
  float y[2];
  EXPECT_DOUBLE_EQ(ApplyHead(Head::kLinearMse, 1, 2, z, t, y, nullptr) / 2,
                   (0.5 * 1 + 0.5 * 16) / 2);
}

TEST(HeadAccuracy, CountsCorrectPredictions) {
  const float tanh_y[] = {0.3f, -0.2f, 0.9f};
  const float binary_labels[] = {1.0f, 1.0f, 0.0f};
  EXPECT_EQ(CountCorrect(Head::kTanhMse, 1, 3, tanh_y, binary_labels), 1);
  const float probabilities[] = {0.7f, 0.4f, 0.2f};
  EXPECT_EQ(CountCorrect(Head::kSigmoidBce, 1, 3, probabilities, binary_labels), 2);
  const float softmax[] = {0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.3f, 0.2f};
  const float classes[] = {1.0f, 2.0f};
  EXPECT_EQ(CountCorrect(Head::kSoftmaxCe, 3, 2, softmax, classes), 1);
}

TEST(HeadAccuracy, PredictedClassesAreWhatCountCorrectJudges) {
  int32_t predicted[3];
  const float tanh_y[] = {0.3f, -0.2f, 0.9f};
  PredictClasses(Head::kTanhMse, 1, 3, tanh_y, predicted);
  EXPECT_EQ(std::vector<int32_t>(predicted, predicted + 3), (std::vector<int32_t>{1, 0, 1}));
  const float softmax[] = {0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.3f, 0.2f};
  PredictClasses(Head::kSoftmaxCe, 3, 2, softmax, predicted);
  EXPECT_EQ(std::vector<int32_t>(predicted, predicted + 2), (std::vector<int32_t>{1, 0}));
  PredictClasses(Head::kLinearMse, 1, 1, tanh_y, predicted);
  EXPECT_EQ(predicted[0], -1);
}

}  // namespace
}  // namespace relu::testing
