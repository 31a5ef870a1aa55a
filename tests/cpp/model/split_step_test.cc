// Trainer::StepWithin: a long step split into pieces gives the step Step(1)
// gives, each call stays near its FLOP budget, and what happens between
// pieces (evaluation, Step, Reset, a new config) is well defined.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "model/cost.h"
#include "model/data.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

Config MidSizeConfig() {
  Config config = SmallTrainerConfig();
  config.dataset = Dataset::kSpiral3;
  config.problem = Problem::kMulticlass;
  config.numSamples = 600;
  config.hidden = {48, 40, 32};
  config.activations = {Act::kRelu, Act::kPrelu, Act::kTanh};
  config.preluPerUnit = true;
  config.batchSize = 100;
  return config;
}

double StepCost(const Config& config) {
  CostEstimate cost;
  EXPECT_TRUE(EstimateCost(config, &cost).ok());
  return cost.stepFlops;
}

// Runs one step through StepWithin(budget); returns the number of calls.
int SplitStep(Trainer* trainer, double budget) {
  int calls = 0;
  bool finished = false;
  while (!finished) {
    EXPECT_TRUE(trainer->StepWithin(budget, &finished).ok());
    ++calls;
    if (calls > 100000) break;
  }
  return calls;
}

TEST(SplitStep, WithinBudgetIsBitIdenticalToStep) {
  const Config config = MidSizeConfig();
  auto whole = MustCreate(config);
  auto within = MustCreate(config);
  for (int i = 0; i < 25; ++i) {  // past an epoch boundary (300 train points, batch 100)
    ASSERT_TRUE(whole->Step(1).ok());
    EXPECT_EQ(SplitStep(within.get(), StepCost(config)), 1);
  }
  EXPECT_EQ(Params(*whole), Params(*within));
  EXPECT_EQ(whole->metrics().batchLoss, within->metrics().batchLoss);
  EXPECT_EQ(whole->metrics().step, within->metrics().step);
}

TEST(SplitStep, SplitByLayersOnlyIsBitIdentical) {
  // A budget below the step's cost but above its forward and backward
  // passes: the step goes through the pieces (one sub-batch, layer by layer,
  // within one call), and the sums are grouped as Step groups them.
  const Config config = MidSizeConfig();
  auto whole = MustCreate(config);
  auto split = MustCreate(config);
  CostEstimate cost;
  ASSERT_TRUE(EstimateCost(config, &cost).ok());
  const double budget = cost.stepFlops - 1;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(whole->Step(1).ok());
    EXPECT_EQ(SplitStep(split.get(), budget), 1);
  }
  EXPECT_EQ(Params(*whole), Params(*split));
  EXPECT_EQ(whole->metrics().batchLoss, split->metrics().batchLoss);
}

TEST(SplitStep, SubBatchesGiveTheSameStepWithinFloatRounding) {
  const Config config = MidSizeConfig();
  auto whole = MustCreate(config);
  auto split = MustCreate(config);
  const double budget = StepCost(config) / 30;  // about 3 samples a sub-batch, a few layers a call
  int calls = 0;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(whole->Step(1).ok());
    calls += SplitStep(split.get(), budget);
  }
  EXPECT_GE(calls, 10 * 20);
  const std::vector<float> a = Params(*whole), b = Params(*split);
  ASSERT_EQ(a.size(), b.size());
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    worst = std::max(worst, std::fabs(static_cast<double>(a[i]) - b[i]) / (1e-3 + std::fabs(a[i])));
  }
  EXPECT_LT(worst, 1e-4);
  EXPECT_NEAR(whole->metrics().batchLoss, split->metrics().batchLoss,
              1e-5 * std::fabs(whole->metrics().batchLoss));
  EXPECT_EQ(whole->metrics().step, split->metrics().step);
  EXPECT_EQ(whole->metrics().epoch, split->metrics().epoch);
}

TEST(SplitStep, EachCallStaysNearItsBudget) {
  // A call stops at the first piece that reaches the budget: it runs at most
  // the budget plus one piece, and a piece is one layer over a sub-batch.
  Config config = MidSizeConfig();
  config.hidden = {256, 256};
  config.activations = {Act::kRelu, Act::kRelu};
  const double budget = 2e6;
  auto trainer = MustCreate(config);
  CostEstimate cost;
  ASSERT_TRUE(EstimateCost(config, &cost).ok());
  ASSERT_GT(cost.stepFlops, 10 * budget);
  const int calls = SplitStep(trainer.get(), budget);
  // The step's FLOPs over calls of at least the budget each (the last may be short).
  EXPECT_GE(calls, static_cast<int>(cost.stepFlops / (2 * budget + 1e6)));
  EXPECT_LE(calls, static_cast<int>(cost.stepFlops / budget * 3) + 3);
  EXPECT_EQ(trainer->metrics().step, 1);
}

TEST(SplitStep, NothingMovesUntilTheLastPiece) {
  const Config config = MidSizeConfig();
  auto trainer = MustCreate(config);
  const std::vector<float> before = Params(*trainer);
  bool finished = true;
  ASSERT_TRUE(trainer->StepWithin(StepCost(config) / 10, &finished).ok());
  EXPECT_FALSE(finished);
  EXPECT_TRUE(trainer->stepInProgress());
  EXPECT_EQ(trainer->metrics().step, 0);
  EXPECT_EQ(Params(*trainer), before);
  // Evaluate and the grid between pieces read the unchanged weights and
  // leave the step's buffers alone.
  trainer->Evaluate();
  std::vector<float> grid(trainer->gridNodeCount(true) * 16 * 16);
  ASSERT_TRUE(trainer->EvalGrid(16, true, grid.data(), grid.size()).ok());
  SplitStep(trainer.get(), StepCost(config) / 10);
  auto whole = MustCreate(config);
  ASSERT_TRUE(whole->Step(1).ok());
  const std::vector<float> a = Params(*whole), b = Params(*trainer);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_NEAR(a[i], b[i], 1e-5 + 1e-4 * std::fabs(a[i]));
}

TEST(SplitStep, StepFinishesAPartStepAndResetDropsIt) {
  const Config config = MidSizeConfig();
  auto trainer = MustCreate(config);
  bool finished = true;
  ASSERT_TRUE(trainer->StepWithin(StepCost(config) / 10, &finished).ok());
  ASSERT_TRUE(trainer->stepInProgress());
  ASSERT_TRUE(trainer->Step(2).ok());  // the part step is the first of the two
  EXPECT_FALSE(trainer->stepInProgress());
  EXPECT_EQ(trainer->metrics().step, 2);

  ASSERT_TRUE(trainer->StepWithin(StepCost(config) / 10, &finished).ok());
  ASSERT_TRUE(trainer->stepInProgress());
  trainer->Reset();
  EXPECT_FALSE(trainer->stepInProgress());
  EXPECT_EQ(trainer->metrics().step, 0);
  auto fresh = MustCreate(config);
  EXPECT_EQ(Params(*trainer), Params(*fresh));

  ASSERT_TRUE(trainer->StepWithin(StepCost(config) / 10, &finished).ok());
  Config live = config;
  live.learningRate = 0.01f;  // a live change drops the step too
  ASSERT_TRUE(trainer->Configure(live).ok());
  EXPECT_FALSE(trainer->stepInProgress());
  EXPECT_EQ(Params(*trainer), Params(*fresh));
}

TEST(SplitStep, DivergenceInASplitStepIsReportedAsByStep) {
  Config config = MidSizeConfig();
  config.problem = Problem::kRegression;
  config.dataset = Dataset::kRegPlane;
  config.learningRate = 10;
  config.activations = {Act::kRelu, Act::kRelu, Act::kRelu};
  auto trainer = MustCreate(config);
  Status status;
  for (int i = 0; i < 200 && status.ok(); ++i) {
    bool finished = false;
    status = trainer->StepWithin(StepCost(config) / 7, &finished);
  }
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("training diverged"), std::string::npos) << status.message();
  EXPECT_TRUE(trainer->metrics().diverged);
  EXPECT_FALSE(trainer->stepInProgress());
  EXPECT_FALSE(trainer->StepWithin(1e9).ok());  // refused until Configure or Reset, as Step
}

TEST(SplitStep, BudgetMustBePositive) {
  auto trainer = MustCreate(MidSizeConfig());
  EXPECT_FALSE(trainer->StepWithin(0).ok());
  EXPECT_FALSE(trainer->StepWithin(std::nan("")).ok());
  EXPECT_EQ(trainer->metrics().step, 0);
}

TEST(Rebuild, AConfigTooBigToHoldBesideTheOldOneStillBuilds) {
  // Each network alone is under the limit, both together are over it: the
  // old one is freed first, and the new one is built.
  Config config = SmallTrainerConfig();
  config.init = Init::kZeros;
  config.hidden.assign(40, 1024);
  config.activations.assign(40, Act::kRelu);
  config.batchSize = 2;
  CostEstimate cost;
  ASSERT_TRUE(EstimateCost(config, &cost).ok());
  ASSERT_GT(2 * cost.bytes, kMaxModelBytes);
  ASSERT_LT(cost.bytes, kMaxModelBytes);
  auto trainer = MustCreate(config);
  Config next = config;
  next.hidden.assign(41, 1024);
  next.activations.assign(41, Act::kRelu);
  bool rebuilt = false;
  ASSERT_TRUE(trainer->Configure(next, &rebuilt).ok());
  EXPECT_TRUE(rebuilt);
  EXPECT_EQ(trainer->layerCount(), 42);
}

}  // namespace
}  // namespace relu::testing
