// The trainer's life cycle: creation and its limits, stepping and epochs,
// reproducibility, live configuration and the parameter block API.
// Divergence and recovery are in divergence_test.cc.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model_test_util.h"

namespace relu::testing {
namespace {

TEST(Trainer, CreateLaysOutTheParameterBlock) {
  Config config = SmallTrainerConfig();
  config.activations = {Act::kPrelu, Act::kRelu};
  config.preluPerUnit = true;
  auto trainer = MustCreate(config);
  ASSERT_EQ(trainer->layerCount(), 3);
  // 2 -> 6 (prelu per unit) -> 5 -> 1
  EXPECT_EQ(trainer->paramCount(), size_t{2 * 6 + 6 + 6 + 6 * 5 + 5 + 5 * 1 + 1});
  EXPECT_EQ(trainer->weightOffset(0), 0u);
  EXPECT_EQ(trainer->biasOffset(0), 12u);
  EXPECT_EQ(trainer->weightOffset(1), 24u);  // after W0, b0 and 6 slopes
  EXPECT_EQ(trainer->biasOffset(1), 54u);
  EXPECT_EQ(trainer->weightOffset(2), 59u);
  EXPECT_EQ(trainer->layerInputs(1), 6);
  EXPECT_EQ(trainer->layerOutputs(1), 5);
  EXPECT_EQ(trainer->layerOutputs(7), 0);  // out of range reads as empty
  for (int i = 0; i < 6; ++i) EXPECT_EQ(trainer->params()[18 + i], config.preluInit);
  EXPECT_EQ(trainer->metrics().layers[0].preluSlopes.size(), 6u);
  EXPECT_EQ(trainer->trainPoints().size() + trainer->testPoints().size(), 100u);
  EXPECT_TRUE(std::isnan(trainer->metrics().trainLoss));
}

// layerInfo() is the layout the bindings hand to JS: the layers tile the block.
TEST(Trainer, LayerInfoTilesTheParameterBlock) {
  Config config = SmallTrainerConfig();
  config.activations = {Act::kPrelu, Act::kRelu};
  config.preluPerUnit = true;
  auto trainer = MustCreate(config);
  size_t next = 0;
  for (int l = 0; l < trainer->layerCount(); ++l) {
    const LayerInfo info = trainer->layerInfo(l);
    EXPECT_EQ(info.inputs, trainer->layerInputs(l));
    EXPECT_EQ(info.outputs, trainer->layerOutputs(l));
    EXPECT_EQ(info.weightOffset, next);
    EXPECT_EQ(info.biasOffset, info.weightOffset + size_t(info.inputs) * size_t(info.outputs));
    EXPECT_EQ(info.slopeOffset, info.biasOffset + size_t(info.outputs));
    next = info.slopeOffset + size_t(info.slopeCount);
  }
  EXPECT_EQ(next, trainer->paramCount());
  EXPECT_EQ(trainer->layerInfo(0).slopeCount, 6);
  EXPECT_EQ(trainer->layerInfo(1).slopeCount, 0);
  EXPECT_EQ(trainer->layerInfo(0).activation, "prelu");
  for (int l = 0; l < 6; ++l) EXPECT_EQ(trainer->params()[trainer->layerInfo(0).slopeOffset + l], config.preluInit);
  const LayerInfo outside = trainer->layerInfo(3);  // out of range reads as empty
  EXPECT_EQ(outside.outputs, 0);
  EXPECT_EQ(outside.slopeCount, 0);
}

TEST(Trainer, InvalidConfigIsAnErrorNotACrash) {
  Config config = SmallTrainerConfig();
  config.learningRate = -1.0f;
  Status status;
  EXPECT_EQ(Trainer::Create(config, &status), nullptr);
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(Contains(status.message(), "learningRate")) << status.message();
}

TEST(Trainer, LearnsTheCircle) {
  Config config = SmallTrainerConfig();
  config.numSamples = 300;
  config.hidden = {8, 8};
  config.activations = {Act::kRelu, Act::kRelu};
  auto trainer = MustCreate(config);
  trainer->Evaluate();
  const double initial_loss = trainer->metrics().trainLoss;
  ASSERT_TRUE(trainer->StepEpochs(60).ok());
  trainer->Evaluate();
  EXPECT_LT(trainer->metrics().trainLoss, initial_loss * 0.5);
  EXPECT_GT(trainer->metrics().trainAccuracy, 0.9);
  EXPECT_GT(trainer->metrics().testAccuracy, 0.85);
}

TEST(Trainer, EpochsAndSteps) {
  Config config = SmallTrainerConfig();
  config.batchSize = 15;  // 50 training points: 3 full batches and one of 5
  auto trainer = MustCreate(config);
  ASSERT_TRUE(trainer->Step(2).ok());
  EXPECT_EQ(trainer->metrics().step, 2);
  EXPECT_DOUBLE_EQ(trainer->metrics().epoch, 30.0 / 50.0);
  ASSERT_TRUE(trainer->StepEpochs(1).ok());  // finishes the epoch under way
  EXPECT_EQ(trainer->metrics().step, 4);
  EXPECT_DOUBLE_EQ(trainer->metrics().epoch, 1.0);
  ASSERT_TRUE(trainer->StepEpochs(2).ok());
  EXPECT_EQ(trainer->metrics().step, 12);
  EXPECT_DOUBLE_EQ(trainer->metrics().epoch, 3.0);
  EXPECT_TRUE(trainer->Step(0).ok());
  EXPECT_FALSE(trainer->Step(-1).ok());
  EXPECT_FALSE(trainer->StepEpochs(-1).ok());
  EXPECT_EQ(trainer->metrics().step, 12);
}

TEST(Trainer, BatchLargerThanTheTrainingSetIsTheWholeSet) {
  Config config = SmallTrainerConfig();
  config.batchSize = 1000;
  auto trainer = MustCreate(config);
  ASSERT_TRUE(trainer->Step(1).ok());
  EXPECT_DOUBLE_EQ(trainer->metrics().epoch, 1.0);
}

// Same config, same seed: the same losses and weights, bit for bit.
TEST(Trainer, ReproducibleBitForBit) {
  Config config = SmallTrainerConfig();
  config.optimizer = Optimizer::kAdam;
  config.learningRate = 0.01f;
  auto first = MustCreate(config);
  auto second = MustCreate(config);
  for (int epoch = 0; epoch < 5; ++epoch) {
    ASSERT_TRUE(first->StepEpochs(1).ok());
    ASSERT_TRUE(second->StepEpochs(1).ok());
    first->Evaluate();
    second->Evaluate();
    EXPECT_EQ(first->metrics().batchLoss, second->metrics().batchLoss);
    EXPECT_EQ(first->metrics().trainLoss, second->metrics().trainLoss);
    EXPECT_EQ(first->metrics().testLoss, second->metrics().testLoss);
  }
  EXPECT_EQ(Params(*first), Params(*second));
}

TEST(Trainer, ResetStartsOverFromTheSeed) {
  auto trainer = MustCreate(SmallTrainerConfig());
  const std::vector<float> initial = Params(*trainer);
  ASSERT_TRUE(trainer->StepEpochs(2).ok());
  const double loss_after_two = trainer->metrics().batchLoss;
  EXPECT_NE(Params(*trainer), initial);
  trainer->Reset();
  EXPECT_EQ(Params(*trainer), initial);
  EXPECT_EQ(trainer->metrics().step, 0);
  ASSERT_TRUE(trainer->StepEpochs(2).ok());
  EXPECT_EQ(trainer->metrics().batchLoss, loss_after_two);  // the same shuffles again
}

TEST(Trainer, ReshufflesEveryEpoch) {
  // With the whole set as one batch the order does not matter, so compare
  // batch losses of batches of one: the first samples of two epochs differ.
  Config config = SmallTrainerConfig();
  config.batchSize = 1;
  config.learningRate = 1e-6f;  // nearly frozen weights: losses reflect the samples
  auto trainer = MustCreate(config);
  std::vector<double> first_epoch, second_epoch;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(trainer->Step(1).ok());
    first_epoch.push_back(trainer->metrics().batchLoss);
  }
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(trainer->Step(1).ok());
    second_epoch.push_back(trainer->metrics().batchLoss);
  }
  EXPECT_NE(first_epoch, second_epoch);
  // ... but each epoch visits every sample once: the same multiset of losses.
  std::sort(first_epoch.begin(), first_epoch.end());
  std::sort(second_epoch.begin(), second_epoch.end());
  for (size_t i = 0; i < first_epoch.size(); ++i) {
    EXPECT_NEAR(first_epoch[i], second_epoch[i], 1e-3 * first_epoch[i]);
  }
}

// --- Live configuration ------------------------------------------------------------

TEST(TrainerConfigure, LiveChangesKeepTheWeights) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(trainer->Step(7).ok());
  const std::vector<float> weights = Params(*trainer);
  Config live = trainer->config();
  live.learningRate = 0.1f;
  live.batchSize = 25;
  live.l2 = 0.01f;
  live.optimizer = Optimizer::kRmsprop;
  live.schedule = Schedule::kCosine;
  bool rebuilt = true;
  ASSERT_TRUE(trainer->Configure(live, &rebuilt).ok());
  EXPECT_FALSE(rebuilt);
  EXPECT_EQ(Params(*trainer), weights);
  EXPECT_EQ(trainer->metrics().step, 7);
  EXPECT_EQ(trainer->config().learningRate, 0.1f);
  ASSERT_TRUE(trainer->Step(3).ok());
  EXPECT_EQ(trainer->metrics().step, 10);
  EXPECT_NE(Params(*trainer), weights);
}

TEST(TrainerConfigure, StructuralChangeRebuilds) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(trainer->Step(3).ok());
  Config wider = trainer->config();
  wider.hidden = {9};
  wider.activations = {Act::kTanh};
  bool rebuilt = false;
  ASSERT_TRUE(trainer->Configure(wider, &rebuilt).ok());
  EXPECT_TRUE(rebuilt);
  EXPECT_EQ(trainer->layerCount(), 2);
  EXPECT_EQ(trainer->paramCount(), size_t{2 * 9 + 9 + 9 + 1});
  EXPECT_EQ(trainer->metrics().step, 0);
}

TEST(TrainerConfigure, ErrorKeepsThePreviousState) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(trainer->Step(3).ok());
  const std::vector<float> weights = Params(*trainer);
  Config bad = trainer->config();
  bad.momentum = 2.0f;
  EXPECT_FALSE(trainer->Configure(bad).ok());
  bad = trainer->config();
  bad.hidden = {4, 0};
  EXPECT_FALSE(trainer->Configure(bad).ok());
  EXPECT_EQ(Params(*trainer), weights);
  EXPECT_EQ(trainer->config().hidden, (std::vector<int>{6, 5}));
  EXPECT_EQ(trainer->metrics().step, 3);
}

// Switching optimiser zeroes its state: the first momentum step after a
// switch is a plain SGD step (the velocity starts at the gradient).
TEST(TrainerConfigure, ChangingOptimizerResetsItsState) {
  Config config = SmallTrainerConfig();
  config.optimizer = Optimizer::kMomentum;
  auto switched = MustCreate(config);
  auto sgd = MustCreate(config);
  auto kept = MustCreate(config);
  for (auto* t : {switched.get(), sgd.get(), kept.get()}) ASSERT_TRUE(t->Step(5).ok());
  Config plain = config;
  plain.optimizer = Optimizer::kSgd;
  ASSERT_TRUE(switched->Configure(plain).ok());
  ASSERT_TRUE(switched->Configure(config).ok());  // back to momentum, from zero
  ASSERT_TRUE(sgd->Configure(plain).ok());
  for (auto* t : {switched.get(), sgd.get(), kept.get()}) ASSERT_TRUE(t->Step(1).ok());
  EXPECT_EQ(Params(*switched), Params(*sgd));
  EXPECT_NE(Params(*switched), Params(*kept));
}

TEST(TrainerConfigure, LiveActivationParametersApply) {
  Config config = SmallTrainerConfig();
  config.activations = {Act::kLeakyRelu, Act::kLeakyRelu};
  auto trainer = MustCreate(config);
  trainer->Evaluate();
  const double before = trainer->metrics().trainLoss;
  Config steeper = config;
  steeper.leakySlope = 0.9f;
  bool rebuilt = true;
  ASSERT_TRUE(trainer->Configure(steeper, &rebuilt).ok());
  ASSERT_FALSE(rebuilt);
  trainer->Evaluate();
  EXPECT_NE(trainer->metrics().trainLoss, before);
}

// --- Parameters ---------------------------------------------------------------------

TEST(TrainerParams, SetParamsChecksCountAndFiniteness) {
  auto trainer = MustCreate(SmallTrainerConfig());
  const std::vector<float> before = Params(*trainer);
  std::vector<float> values(trainer->paramCount(), 0.25f);
  const Status short_status = trainer->SetParams(values.data(), values.size() - 1);
  EXPECT_FALSE(short_status.ok());
  EXPECT_TRUE(Contains(short_status.message(), std::to_string(values.size())))
      << short_status.message();
  values[3] = std::numeric_limits<float>::infinity();
  const Status inf_status = trainer->SetParams(values.data(), values.size());
  EXPECT_FALSE(inf_status.ok());
  EXPECT_TRUE(Contains(inf_status.message(), "params[3]")) << inf_status.message();
  EXPECT_EQ(Params(*trainer), before);
  values[3] = 0.5f;
  ASSERT_TRUE(trainer->SetParams(values.data(), values.size()).ok());
  EXPECT_EQ(Params(*trainer), values);
  // The weight norm follows: W0 is 6 x 2, all 0.25 except one 0.5.
  EXPECT_NEAR(trainer->metrics().layers[0].weightNorm, std::sqrt(11 * 0.0625 + 0.25), 1e-6);
}

TEST(TrainerParams, SetWeightEditsOneColumnMajorEntry) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(trainer->SetWeight(1, 4, 2, 1.5f).ok());  // W1 is 5 x 6
  EXPECT_EQ(trainer->params()[trainer->weightOffset(1) + 2 * 5 + 4], 1.5f);
  EXPECT_FALSE(trainer->SetWeight(3, 0, 0, 1.0f).ok());
  EXPECT_FALSE(trainer->SetWeight(1, 5, 0, 1.0f).ok());
  EXPECT_FALSE(trainer->SetWeight(1, 0, 6, 1.0f).ok());
  EXPECT_FALSE(trainer->SetWeight(1, -1, 0, 1.0f).ok());
  EXPECT_FALSE(trainer->SetWeight(0, 0, 0, std::nanf("")).ok());
}

// --- Limits --------------------------------------------------------------------------

TEST(TrainerLimits, SixtyFourLayersOfTheWidestAreAccepted) {
  Config config = SmallTrainerConfig();
  config.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  config.activations.assign(kMaxHiddenLayers, Act::kRelu);
  config.init = Init::kZeros;  // the weights do not matter here; zeros are quick
  config.biasInit = 0.1f;
  config.batchSize = 2;
  auto trainer = MustCreate(config);
  ASSERT_NE(trainer, nullptr);
  EXPECT_EQ(trainer->layerCount(), kMaxHiddenLayers + 1);
  EXPECT_TRUE(trainer->Step(1).ok());
}

TEST(TrainerLimits, BeyondTheLimitsIsAClearError) {
  Config config = SmallTrainerConfig();
  config.hidden.assign(kMaxHiddenLayers + 1, 2);
  config.activations.assign(kMaxHiddenLayers + 1, Act::kRelu);
  Status status;
  EXPECT_EQ(Trainer::Create(config, &status), nullptr);
  EXPECT_TRUE(Contains(status.message(), "hidden")) << status.message();
  config = SmallTrainerConfig();
  config.hidden = {kMaxUnits + 1};
  config.activations = {Act::kRelu};
  EXPECT_EQ(Trainer::Create(config, &status), nullptr);
  EXPECT_TRUE(Contains(status.message(), "1025")) << status.message();
}

TEST(TrainerLimits, NetworksTooLargeForMemoryAreRefused) {
  Config config = SmallTrainerConfig();
  config.numSamples = kMaxSamples;
  config.trainRatio = 0.9f;
  config.batchSize = kMaxSamples;
  config.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  config.activations.assign(kMaxHiddenLayers, Act::kRelu);
  Status status;
  EXPECT_EQ(Trainer::Create(config, &status), nullptr);
  EXPECT_TRUE(Contains(status.message(), "MB")) << status.message();
  EXPECT_TRUE(Contains(status.message(), "batchSize")) << status.message();

  // A live batch-size change that would cross the limit is refused too.
  config.hidden.assign(16, kMaxUnits);
  config.activations.assign(16, Act::kRelu);
  config.init = Init::kZeros;
  config.batchSize = 10;
  auto trainer = MustCreate(config);
  Config bigger = config;
  bigger.batchSize = kMaxSamples;
  EXPECT_FALSE(trainer->Configure(bigger).ok());
  EXPECT_EQ(trainer->config().batchSize, 10);
}

}  // namespace
}  // namespace relu::testing
