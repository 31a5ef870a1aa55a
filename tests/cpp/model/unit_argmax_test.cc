// The most exciting sample per unit: the chunked update against one plain
// loop over every sample, its tie and NaN rules, and the trainer's pass on
// digits against the first layer computed by hand from its weights.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "model/data.h"
#include "model/rng.h"
#include "model/unit_argmax.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

TEST(UnitArgmax, ChunksAgreeWithOnePlainLoopOverEverySample) {
  constexpr int kUnits = 7, kSamples = 53;
  Rng rng(11, 0);
  std::vector<float> acts(static_cast<size_t>(kUnits) * kSamples);
  // Few distinct values, so ties happen and the earliest sample must win them.
  for (float& a : acts) a = static_cast<float>(rng.Below(6)) - 2.0f;
  std::vector<float> value(kUnits);
  std::vector<int32_t> sample(kUnits);
  ResetUnitArgmax(kUnits, value.data(), sample.data());
  for (int start = 0; start < kSamples; start += 10) {
    const int cols = std::min(10, kSamples - start);
    UpdateUnitArgmax(kUnits, cols, acts.data() + static_cast<size_t>(start) * kUnits, start, value.data(),
                     sample.data());
  }
  for (int u = 0; u < kUnits; ++u) {
    int best = 0;
    for (int j = 1; j < kSamples; ++j) {
      if (acts[static_cast<size_t>(j) * kUnits + u] > acts[static_cast<size_t>(best) * kUnits + u]) best = j;
    }
    EXPECT_EQ(sample[u], best) << "unit " << u;
    EXPECT_EQ(value[u], acts[static_cast<size_t>(best) * kUnits + u]) << "unit " << u;
  }
}

TEST(UnitArgmax, NoSampleLeavesMinusOneAndNanNeverWins) {
  std::vector<float> value(2);
  std::vector<int32_t> sample(2);
  ResetUnitArgmax(2, value.data(), sample.data());
  EXPECT_EQ(sample[0], -1);
  EXPECT_EQ(value[0], -std::numeric_limits<float>::infinity());
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> acts = {nan, 0.0f, -1.0f, nan};  // [2 units x 2 samples]
  UpdateUnitArgmax(2, 2, acts.data(), 4, value.data(), sample.data());
  EXPECT_EQ(sample[0], 5);  // unit 0: NaN then -1
  EXPECT_EQ(value[0], -1.0f);
  EXPECT_EQ(sample[1], 4);  // unit 1: 0 then NaN
  EXPECT_EQ(value[1], 0.0f);
}

TEST(UnitArgmax, TrainerPassFindsTheTestDigitThatExcitesEachFirstLayerUnitMost) {
  Config config;
  config.seed = 3;
  config.dataset = Dataset::kDigits;
  config.problem = Problem::kMulticlass;
  config.hidden = {12, 5};
  config.activations = {Act::kRelu, Act::kTanh};
  config.batchSize = 32;
  auto trainer = MustCreate(config);
  EXPECT_TRUE(trainer->testTopSamples().empty());
  ASSERT_TRUE(trainer->StepEpochs(1).ok());
  trainer->Evaluate();
  const std::vector<int32_t>& top = trainer->testTopSamples();
  const std::vector<float>& topValue = trainer->testTopActivations();
  ASSERT_EQ(top.size(), size_t{12 + 5 + 10});
  ASSERT_EQ(topValue.size(), top.size());
  const std::vector<Point>& test = trainer->testPoints();
  const LayerInfo first = trainer->layerInfo(0);
  const float* params = trainer->params();
  std::vector<float> pixels(kDigitPixels);
  // relu(W x + b) of every test digit, by hand in double.
  std::vector<std::vector<double>> acts(12, std::vector<double>(test.size()));
  for (size_t i = 0; i < test.size(); ++i) {
    DigitPixels(static_cast<int>(test[i].x1), pixels.data());
    for (int u = 0; u < 12; ++u) {
      double sum = params[first.biasOffset + u];
      for (int k = 0; k < kDigitPixels; ++k) sum += params[first.weightOffset + static_cast<size_t>(k) * 12 + u] * pixels[k];
      acts[u][i] = std::max(0.0, sum);
    }
  }
  for (int u = 0; u < 12; ++u) {
    const double best = *std::max_element(acts[u].begin(), acts[u].end());
    ASSERT_GE(top[u], 0);
    ASSERT_LT(static_cast<size_t>(top[u]), test.size());
    // Float and double may order near-ties differently: the chosen digit must reach the maximum.
    EXPECT_NEAR(acts[u][static_cast<size_t>(top[u])], best, 1e-4) << "unit " << u;
    EXPECT_NEAR(topValue[u], best, 1e-4) << "unit " << u;
  }
  for (size_t unit = 12; unit < top.size(); ++unit) {
    EXPECT_GE(top[unit], 0);
    EXPECT_LT(static_cast<size_t>(top[unit]), test.size());
  }
  // In pieces, the same answer as in one go.
  const std::vector<int32_t> whole = top;
  bool finished = false;
  while (!finished) ASSERT_TRUE(trainer->EvaluateWithin(5000, &finished).ok());
  EXPECT_EQ(trainer->testTopSamples(), whole);
  trainer->Reset();
  EXPECT_TRUE(trainer->testTopSamples().empty());
}

}  // namespace
}  // namespace relu::testing
