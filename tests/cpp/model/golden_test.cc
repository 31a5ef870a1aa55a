// The one golden test: a fixed config's per-epoch training loss, pinned in
// tests/cpp/data/golden_loss_curve.json. It holds natively and in WASM (to a
// relative 1e-4: float rounding differs slightly between x86 and wasm), so a
// change anywhere in data, initialisation, shuffling or training shows up.
//
// Regenerate (natively, after an intended change) with:
//   RELU_UPDATE_GOLDEN=1 build/native/tests/cpp/model_test --gtest_filter='Golden.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "model_test_util.h"

namespace relu::testing {
namespace {

constexpr int kEpochs = 20;
const char* const kGoldenFile = RELU_TEST_DATA_DIR "/golden_loss_curve.json";

Config GoldenConfig() {
  Config config;
  config.seed = 7;
  config.dataset = Dataset::kSpiral;
  config.numSamples = 500;
  config.hidden = {8, 8};
  config.activations = {Act::kRelu, Act::kRelu};
  config.init = Init::kHeNormal;
  config.optimizer = Optimizer::kSgd;
  config.learningRate = 0.03f;
  config.batchSize = 10;
  return config;
}

std::vector<double> TrainLossCurve() {
  auto trainer = MustCreate(GoldenConfig());
  std::vector<double> curve;
  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    EXPECT_TRUE(trainer->StepEpochs(1).ok());
    trainer->Evaluate();
    curve.push_back(trainer->metrics().trainLoss);
  }
  return curve;
}

TEST(Golden, LossCurveMatchesThePinnedOne) {
  const std::vector<double> curve = TrainLossCurve();
  const char* update = std::getenv("RELU_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    nlohmann::ordered_json doc;
    doc["regenerate"] =
        "RELU_UPDATE_GOLDEN=1 build/native/tests/cpp/model_test --gtest_filter='Golden.*'";
    doc["config"] = nlohmann::ordered_json::parse(ConfigToJson(GoldenConfig()), nullptr, false);
    doc["trainLoss"] = curve;
    std::ofstream(kGoldenFile) << doc.dump(2) << "\n";
    GTEST_SKIP() << "wrote " << kGoldenFile;
  }
  std::ifstream file(kGoldenFile);
  ASSERT_TRUE(file.good()) << "missing " << kGoldenFile;
  std::stringstream text;
  text << file.rdbuf();
  const auto doc = nlohmann::ordered_json::parse(text.str(), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  // The pinned curve belongs to this config: a config change must regenerate it.
  EXPECT_EQ(doc["config"],
            nlohmann::ordered_json::parse(ConfigToJson(GoldenConfig()), nullptr, false));
  const auto& pinned = doc["trainLoss"];
  ASSERT_TRUE(pinned.is_array());
  ASSERT_EQ(pinned.size(), curve.size());
  double largest_difference = 0;
  for (size_t epoch = 0; epoch < curve.size(); ++epoch) {
    const double expected = pinned[epoch].get<double>();
    EXPECT_NEAR(curve[epoch], expected, 1e-4 * std::fabs(expected)) << "epoch " << epoch + 1;
    largest_difference = std::max(largest_difference, std::fabs(curve[epoch] / expected - 1));
  }
  RecordProperty("largestRelativeDifference", std::to_string(largest_difference));
  std::printf("largest relative difference from the pinned curve: %g\n", largest_difference);
  // The pinned run learns (slowly: the spiral is hard for [8, 8]), so the
  // curve is not a constant by accident.
  EXPECT_LT(pinned[kEpochs - 1].get<double>(), 0.95 * pinned[0].get<double>());
}

}  // namespace
}  // namespace relu::testing
