// The digits dataset in the core: the embedded images, the 64-input network
// built on them, the seeded split, the refusals and the test predictions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "model/data.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

Config DigitsConfig(uint32_t seed = 5) {
  Config config;
  config.seed = seed;
  config.dataset = Dataset::kDigits;
  config.problem = Problem::kMulticlass;
  config.hidden = {16};
  config.activations = {Act::kRelu};
  config.optimizer = Optimizer::kAdam;
  config.learningRate = 0.01f;
  config.batchSize = 32;
  return config;
}

std::vector<int> Indices(const std::vector<Point>& points) {
  std::vector<int> indices;
  for (const Point& p : points) indices.push_back(static_cast<int>(p.x1));
  return indices;
}

TEST(DigitsData, EmbeddedImagesHaveTheFilesShapeAndClassCounts) {
  std::vector<int> counts(kDigitClasses, 0);
  std::vector<float> image(kDigitPixels);
  for (int i = 0; i < kDigitCount; ++i) {
    const int label = DigitLabel(i);
    ASSERT_GE(label, 0);
    ASSERT_LT(label, kDigitClasses);
    ++counts[label];
    DigitPixels(i, image.data());
    for (float v : image) ASSERT_TRUE(v >= 0.0f && v <= 1.0f) << "image " << i;
  }
  EXPECT_EQ(counts, (std::vector<int>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}));
  // The file's first image (a 0): its third pixel is 5 of 16, its fourth 13.
  DigitPixels(0, image.data());
  EXPECT_EQ(image[2], 5.0f / 16);
  EXPECT_EQ(image[3], 13.0f / 16);
  EXPECT_EQ(DigitLabel(0), 0);
}

TEST(DigitsTrainer, TakesSixtyFourInputsAndTenClassesWhateverTheFeatures) {
  Config config = DigitsConfig();
  config.features = kFeatX1;  // ignored: the inputs are the pixels
  EXPECT_EQ(NumInputs(config), 64);
  EXPECT_EQ(NumOutputs(config), 10);
  auto trainer = MustCreate(config);
  EXPECT_EQ(trainer->layerInputs(0), 64);
  EXPECT_EQ(trainer->layerOutputs(1), 10);
  config.features = (1u << kFeatureCount) - 1;
  auto all_features = MustCreate(config);
  EXPECT_EQ(all_features->layerInputs(0), 64);
  trainer->Evaluate();
  all_features->Evaluate();
  EXPECT_EQ(trainer->metrics().trainLoss, all_features->metrics().trainLoss);
}

TEST(DigitsTrainer, SplitFollowsSeedAndTrainRatioAndUsesEveryImageOnce) {
  auto a = MustCreate(DigitsConfig(5));
  auto b = MustCreate(DigitsConfig(5));
  auto other = MustCreate(DigitsConfig(6));
  EXPECT_EQ(a->trainPoints().size(), 899u);  // round(1797 * 0.5)
  EXPECT_EQ(a->testPoints().size(), 898u);
  EXPECT_EQ(Indices(a->trainPoints()), Indices(b->trainPoints()));
  EXPECT_NE(Indices(a->trainPoints()), Indices(other->trainPoints()));
  std::vector<int> all = Indices(a->trainPoints());
  const std::vector<int> test = Indices(a->testPoints());
  all.insert(all.end(), test.begin(), test.end());
  EXPECT_EQ(std::set<int>(all.begin(), all.end()).size(), static_cast<size_t>(kDigitCount));
  for (const Point& p : a->testPoints()) EXPECT_EQ(p.label, static_cast<float>(DigitLabel(static_cast<int>(p.x1))));

  Config ratio = DigitsConfig(5);
  ratio.trainRatio = 0.8f;
  ratio.numSamples = 10;  // ignored
  ratio.noise = 50;       // ignored
  EXPECT_EQ(MustCreate(ratio)->trainPoints().size(), 1438u);  // round(1797 * 0.8)
}

TEST(DigitsTrainer, RefusesHeadsOtherThanMulticlassNamingProblem) {
  for (Problem problem : {Problem::kBinary, Problem::kRegression}) {
    Config config = DigitsConfig();
    config.problem = problem;
    Status status;
    EXPECT_EQ(Trainer::Create(config, &status), nullptr);
    EXPECT_EQ(status.message().rfind("problem: ", 0), 0u) << status.message();
    EXPECT_NE(status.message().find("multiclass"), std::string::npos) << status.message();
  }
}

TEST(DigitsTrainer, RefusesAGridNamingTheDataset) {
  auto trainer = MustCreate(DigitsConfig());
  std::vector<float> grid(trainer->gridNodeCount(true) * 16 * 16);
  const Status status = trainer->EvalGrid(16, true, grid.data(), grid.size());
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind("dataset: ", 0), 0u) << status.message();
}

TEST(DigitsTrainer, TestPredictionsAgreeWithTestAccuracy) {
  auto trainer = MustCreate(DigitsConfig());
  EXPECT_TRUE(trainer->testPredictions().empty());
  ASSERT_TRUE(trainer->StepEpochs(3).ok());
  trainer->Evaluate();
  const std::vector<int32_t>& predicted = trainer->testPredictions();
  const std::vector<Point>& test = trainer->testPoints();
  ASSERT_EQ(predicted.size(), test.size());
  int correct = 0;
  for (size_t i = 0; i < test.size(); ++i) {
    ASSERT_GE(predicted[i], 0);
    ASSERT_LT(predicted[i], 10);
    correct += predicted[i] == static_cast<int32_t>(test[i].label);
  }
  EXPECT_DOUBLE_EQ(static_cast<double>(correct) / static_cast<double>(test.size()), trainer->metrics().testAccuracy);
  EXPECT_GT(trainer->metrics().testAccuracy, 0.5);  // three epochs learn far past chance (0.1)
  trainer->Reset();
  EXPECT_TRUE(trainer->testPredictions().empty());
}

}  // namespace
}  // namespace relu::testing
