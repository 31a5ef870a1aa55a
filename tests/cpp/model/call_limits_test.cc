// The checks on a call from outside the core (model/call_limits.h), the grid
// buffer the bindings show JS (model/grid_output.h) and the cost's one list of
// names (VisitCost): what the WASM bindings now only call.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "model/call_limits.h"
#include "model/cost.h"
#include "model/grid_output.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

TEST(CallLimits, WholeNumbersInRangePassAndAreConverted) {
  int out = -1;
  EXPECT_TRUE(CheckWholeNumber("steps", 0, 0, kMaxStepsPerCall, &out).ok());
  EXPECT_EQ(out, 0);
  EXPECT_TRUE(CheckWholeNumber("steps", kMaxStepsPerCall, 0, kMaxStepsPerCall, &out).ok());
  EXPECT_EQ(out, 1000000);
}

TEST(CallLimits, EverythingElseIsRefusedByNameAndRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double bad : {-1.0, 1.5, kMaxEpochsPerCall + 1, nan, inf, -inf}) {
    int out = 7;
    const Status status = CheckWholeNumber("epochs", bad, 0, kMaxEpochsPerCall, &out);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.message().rfind("epochs: ", 0), 0u) << status.message();
    EXPECT_NE(status.message().find("is not a whole number in [0, 10000]"), std::string::npos) << status.message();
    EXPECT_EQ(out, 7) << "a refused value leaves the output alone";
  }
}

TEST(CallLimits, FlopBudgetMustBePositive) {
  EXPECT_TRUE(CheckFlopBudget(1).ok());
  EXPECT_TRUE(CheckFlopBudget(std::numeric_limits<double>::infinity()).ok());
  for (double bad : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN()}) {
    const Status status = CheckFlopBudget(bad);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_NE(status.message().find("flopBudget: "), std::string::npos);
    EXPECT_NE(status.message().find("is not a number > 0"), std::string::npos);
  }
}

TEST(CallLimits, FloatValuesBeyondFloatRangeAreRefused) {
  float out = 0;
  const double largest = std::numeric_limits<float>::max();
  EXPECT_TRUE(CheckFiniteFloat("value", -largest, &out).ok());
  EXPECT_EQ(out, -std::numeric_limits<float>::max());
  for (double bad : {largest * 2, -largest * 2, std::numeric_limits<double>::quiet_NaN()}) {
    const Status status = CheckFiniteFloat("value", bad, &out);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.message().rfind("value: ", 0), 0u);
    EXPECT_NE(status.message().find("is not a finite float"), std::string::npos);
  }
}

TEST(GridOutput, HoldsTheSameGridTheTrainerWritesIntoItsOwnBuffer) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_NE(trainer, nullptr);
  const int n = 8;
  std::vector<float> expected(trainer->gridNodeCount(true) * n * n);
  ASSERT_TRUE(trainer->EvalGrid(n, true, expected.data(), expected.size()).ok());
  GridOutput grid;
  const Status status = grid.EvalWithin(*trainer, n, true, std::numeric_limits<double>::infinity());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(grid.finished());
  ASSERT_EQ(grid.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(grid.data()[i], expected[i]) << i;
}

TEST(GridOutput, RefusesASizeOutOfRangeAndFreesItsBuffer) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_NE(trainer, nullptr);
  GridOutput grid;
  ASSERT_TRUE(grid.EvalWithin(*trainer, 4, false, 1e12).ok());
  ASSERT_GT(grid.size(), 0u);
  for (double bad : {1.0, kMaxGridSize + 1.0, 2.5}) {
    const Status status = grid.EvalWithin(*trainer, bad, false, 1e12);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.message().rfind("gridSize: ", 0), 0u) << status.message();
    EXPECT_FALSE(grid.finished());
  }
  EXPECT_FALSE(grid.EvalWithin(*trainer, 4, false, 0).ok()) << "a zero budget";
}

TEST(GridOutput, TheTrainerItselfRefusesGridSizesOutsideTheLimits) {
  auto trainer = MustCreate(SmallTrainerConfig());
  ASSERT_NE(trainer, nullptr);
  std::vector<float> out(trainer->gridNodeCount(false) * (kMaxGridSize + 1) * (kMaxGridSize + 1));
  for (int n : {kMinGridSize - 1, kMaxGridSize + 1}) {
    const Status status = trainer->EvalGrid(n, false, out.data(), out.size());
    ASSERT_FALSE(status.ok()) << n;
    EXPECT_EQ(status.message(), "gridSize: " + std::to_string(n) + " is out of range [" +
                                    std::to_string(kMinGridSize) + ", " + std::to_string(kMaxGridSize) + "]");
  }
  EXPECT_TRUE(trainer->EvalGrid(kMinGridSize, false, out.data(), out.size()).ok());
}

TEST(GridOutput, RefusesMoreFloatsThanItsCap) {
  // 2 inputs -> 256 -> 256 -> 1: 513 nodes, so a 512 x 512 grid of them all is over 1 << 25 floats.
  Config config = SmallTrainerConfig();
  config.hidden = {256, 256};
  config.activations = {Act::kRelu, Act::kRelu};
  auto trainer = MustCreate(config);
  ASSERT_NE(trainer, nullptr);
  GridOutput grid;
  const Status status = grid.EvalWithin(*trainer, kMaxGridSize, true, 1);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("more than the limit of " + std::to_string(kMaxGridFloats)), std::string::npos)
      << status.message();
  EXPECT_EQ(grid.size(), 0u);
}

TEST(Cost, VisitCostNamesEveryFigureOnceInOrder) {
  CostEstimate cost;
  ASSERT_TRUE(EstimateCost(SmallTrainerConfig(), &cost).ok());
  std::vector<std::pair<std::string, double>> seen;
  VisitCost(cost, [&](const char* name, auto value) { seen.emplace_back(name, static_cast<double>(value)); });
  const std::vector<std::pair<std::string, double>> expected = {
      {"paramCount", cost.paramCount},
      {"bytes", cost.bytes},
      {"maxBytes", cost.maxBytes},
      {"trainCount", cost.trainCount},
      {"testCount", cost.testCount},
      {"batchSize", cost.batchSize},
      {"stepFlops", cost.stepFlops},
      {"evaluateFlops", cost.evaluateFlops},
      {"forwardFlopsPerSample", cost.forwardFlopsPerSample},
  };
  EXPECT_EQ(seen, expected);
}

}  // namespace
}  // namespace relu::testing
