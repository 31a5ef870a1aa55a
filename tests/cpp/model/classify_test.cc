// Trainer::Classify: one input's forward pass agrees with the full pass's
// predictions, refuses what is not an input of the network, and leaves a
// pass in pieces undisturbed.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "model/data.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

Config ClassifierConfig() {
  Config config;
  config.seed = 3;
  config.dataset = Dataset::kDigits;
  config.problem = Problem::kMulticlass;
  config.hidden = {24, 12};
  config.activations = {Act::kRelu, Act::kRelu};
  config.optimizer = Optimizer::kAdam;
  config.learningRate = 0.01f;
  config.batchSize = 32;
  return config;
}

TEST(Classify, EachTestDigitGetsTheFullPassPrediction) {
  auto trainer = MustCreate(ClassifierConfig());
  ASSERT_TRUE(trainer->StepEpochs(3).ok());
  trainer->Evaluate();
  const std::vector<int32_t>& predicted = trainer->testPredictions();
  const std::vector<Point>& test = trainer->testPoints();
  ASSERT_EQ(predicted.size(), test.size());
  std::vector<float> pixels(kDigitPixels);
  Classification result;
  int right = 0;
  for (size_t i = 0; i < test.size(); ++i) {
    DigitPixels(static_cast<int>(test[i].x1), pixels.data());
    ASSERT_TRUE(trainer->Classify(pixels.data(), pixels.size(), &result).ok());
    ASSERT_EQ(result.predicted, predicted[i]) << "test digit " << i;
    ASSERT_EQ(result.outputs.size(), static_cast<size_t>(kDigitClasses));
    const double sum = std::accumulate(result.outputs.begin(), result.outputs.end(), 0.0);
    ASSERT_NEAR(sum, 1.0, 1e-5);
    right += result.predicted == static_cast<int>(test[i].label);
  }
  // Three epochs teach the network something: the agreement above is not of two constant answers.
  EXPECT_GT(right, static_cast<int>(test.size()) * 8 / 10);
  ASSERT_EQ(result.activations.size(), 2u);
  EXPECT_EQ(result.activations[0].size(), 24u);
  EXPECT_EQ(result.activations[1].size(), 12u);
  for (const auto& layer : result.activations) {
    for (float a : layer) EXPECT_GE(a, 0.0f);  // ReLU outputs
  }
}

TEST(Classify, TheActivationsAreTheLayersOwn) {
  // With the identity as the only weights a linear hidden layer repeats the input.
  Config config;
  config.dataset = Dataset::kCircle;
  config.problem = Problem::kBinary;
  config.features = kFeatX1 | kFeatX2;
  config.hidden = {2};
  config.activations = {Act::kLinear};
  auto trainer = MustCreate(config);
  std::vector<float> params(trainer->params(), trainer->params() + trainer->paramCount());
  std::fill(params.begin(), params.end(), 0.0f);
  const size_t w0 = trainer->weightOffset(0);
  params[w0] = 1.0f;      // W[0, 0]
  params[w0 + 3] = 1.0f;  // W[1, 1] (column-major 2 x 2)
  ASSERT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  const float input[2] = {0.25f, -1.5f};
  Classification result;
  ASSERT_TRUE(trainer->Classify(input, 2, &result).ok());
  ASSERT_EQ(result.activations.size(), 1u);
  EXPECT_EQ(result.activations[0], (std::vector<float>{0.25f, -1.5f}));
  ASSERT_EQ(result.outputs.size(), 1u);
}

TEST(Classify, RefusesAWrongLengthOrANonFiniteValueNamingTheInput) {
  auto trainer = MustCreate(ClassifierConfig());
  std::vector<float> pixels(kDigitPixels, 0.5f);
  Classification result;
  Status status = trainer->Classify(pixels.data(), 63, &result);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "input: 63 values given, the network takes 64");
  pixels[7] = std::numeric_limits<float>::quiet_NaN();
  status = trainer->Classify(pixels.data(), pixels.size(), &result);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind("input[7] is ", 0), 0u) << status.message();
  pixels[7] = std::numeric_limits<float>::infinity();
  EXPECT_FALSE(trainer->Classify(pixels.data(), pixels.size(), &result).ok());
}

TEST(Classify, LeavesAPassInPiecesAsItWas) {
  auto whole = MustCreate(ClassifierConfig());
  auto pieces = MustCreate(ClassifierConfig());
  ASSERT_TRUE(whole->StepEpochs(1).ok());
  ASSERT_TRUE(pieces->StepEpochs(1).ok());
  whole->Evaluate();
  bool finished = false;
  ASSERT_TRUE(pieces->EvaluateWithin(1e4, &finished).ok());
  ASSERT_FALSE(finished);
  std::vector<float> pixels(kDigitPixels);
  DigitPixels(0, pixels.data());
  Classification result;
  while (!finished) {
    ASSERT_TRUE(pieces->Classify(pixels.data(), pixels.size(), &result).ok());
    ASSERT_TRUE(pieces->EvaluateWithin(1e4, &finished).ok());
  }
  EXPECT_EQ(pieces->testPredictions(), whole->testPredictions());
  EXPECT_EQ(pieces->metrics().testLoss, whole->metrics().testLoss);
}

}  // namespace
}  // namespace relu::testing
