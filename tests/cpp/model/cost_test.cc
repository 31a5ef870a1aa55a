// The cost model (model/cost.h): its counts agree with what the trainer
// builds, its FLOPs with the formulas worked out by hand, and its bytes with
// the limit the trainer enforces.
#include <gtest/gtest.h>

#include <string>

#include "model/cost.h"
#include "model/data.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

TEST(Cost, CountsMatchTheBuiltTrainer) {
  struct Case {
    Dataset dataset;
    Problem problem;
    int samples;
    float trainRatio;
    int batch;
  };
  const Case cases[] = {
      {Dataset::kCircle, Problem::kBinary, 100, 0.5f, 10},
      {Dataset::kSpiral, Problem::kBinary, 333, 0.7f, 1000},  // batch clamps to the train set
      {Dataset::kSpiral3, Problem::kMulticlass, 301, 0.1f, 7},
      {Dataset::kRegGauss, Problem::kRegression, 17, 0.9f, 3},
      {Dataset::kMoons, Problem::kBinary, 10, 0.9f, 5},
  };
  for (const Case& c : cases) {
    Config config = SmallTrainerConfig();
    config.dataset = c.dataset;
    config.problem = c.problem;
    config.numSamples = c.samples;
    config.trainRatio = c.trainRatio;
    config.batchSize = c.batch;
    config.activations = {Act::kPrelu, Act::kRelu};
    config.preluPerUnit = true;
    CostEstimate cost;
    const Status estimated = EstimateCost(config, &cost);
    ASSERT_TRUE(estimated.ok()) << estimated.message();
    auto trainer = MustCreate(config);
    ASSERT_NE(trainer, nullptr);
    const std::string where = DatasetName(c.dataset) + std::string(" ") + std::to_string(c.samples);
    EXPECT_EQ(cost.trainCount, static_cast<int>(trainer->trainPoints().size())) << where;
    EXPECT_EQ(cost.testCount, static_cast<int>(trainer->testPoints().size())) << where;
    EXPECT_EQ(cost.paramCount, static_cast<double>(trainer->paramCount())) << where;
    EXPECT_EQ(cost.batchSize, std::min(c.batch, cost.trainCount)) << where;
    EXPECT_EQ(cost.maxBytes, kMaxModelBytes);
  }
}

TEST(Cost, FlopsOfATinyNetworkByHand) {
  Config config = SmallTrainerConfig();
  config.features = kFeatX1 | kFeatX2;
  config.hidden = {3};
  config.activations = {Act::kRelu};
  config.batchSize = 4;
  CostEstimate cost;
  ASSERT_TRUE(EstimateCost(config, &cost).ok());
  // 2 -> 3 -> 1: 6 + 3 weights, 3 + 1 biases.
  EXPECT_EQ(cost.paramCount, 13);
  // Forward: (2*6 + 2*3) + (2*3 + 2*1) = 26 a sample.
  EXPECT_EQ(cost.forwardFlopsPerSample, 26);
  // Backward: first layer 2*6 + 3*3 = 21, output layer 4*3 + 3*1 = 15.
  // A step of 4 samples: 4 * (26 + 36) + 10 per parameter for the update.
  EXPECT_EQ(cost.stepFlops, 4 * 62 + 10 * 13);
  EXPECT_EQ(cost.evaluateFlops, 26.0 * (cost.trainCount + cost.testCount));
}

TEST(Cost, TheTrainerRefusesExactlyWhatPassesTheLimit) {
  // Widen 16 layers until the estimate passes the limit: the trainer refuses
  // the first config over it, with the memory message (the estimate is the
  // trainer's own check; building the last one under it would take 1.5 GiB).
  Config config = SmallTrainerConfig();
  config.numSamples = kMaxSamples;
  config.trainRatio = 0.9f;
  config.batchSize = kMaxSamples;
  config.init = Init::kZeros;  // quick to build
  config.activations.assign(16, Act::kRelu);
  config.hidden.assign(16, 64);
  int units = 64;
  CostEstimate cost;
  for (; units <= kMaxUnits; units += 64) {
    config.hidden.assign(16, units);
    ASSERT_TRUE(EstimateCost(config, &cost).ok());
    if (cost.bytes > kMaxModelBytes) break;
  }
  ASSERT_LE(units, kMaxUnits) << "no width of 16 layers passes the limit at the largest batch";
  Status status;
  EXPECT_EQ(Trainer::Create(config, &status), nullptr);
  EXPECT_NE(status.message().find("MB"), std::string::npos) << status.message();
}

TEST(Cost, InvalidConfigIsTheValidationError) {
  Config config = SmallTrainerConfig();
  config.learningRate = -1;
  CostEstimate cost;
  const Status status = EstimateCost(config, &cost);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), ValidateConfig(config).message());
}

TEST(Cost, TrainCountIsTheSplitGenerateDataMakes) {
  for (int total : {1, 2, 3, 10, 11, 999}) {
    for (float ratio : {0.1f, 0.33f, 0.5f, 0.9f}) {
      const int train = TrainCount(total, ratio);
      EXPECT_GE(train, 1);
      if (total >= 2) {
        EXPECT_LE(train, total - 1);
      }
    }
  }
  EXPECT_EQ(TrainCount(10, 0.5f), 5);
  EXPECT_EQ(TrainCount(3, 0.5f), 2);  // 1.5 rounds away from zero
}

}  // namespace
}  // namespace relu::testing
