// Model export and import: the document's shape, an exact round trip, and
// every malformed document refused with the previous state kept.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model_test_util.h"

namespace relu::testing {
namespace {

Config ExportedConfig() {
  Config config = SmallTrainerConfig();
  config.activations = {Act::kPrelu, Act::kElu};
  config.preluPerUnit = true;
  config.optimizer = Optimizer::kAdam;
  config.learningRate = 0.0123f;
  return config;
}

TEST(ModelJson, DocumentShape) {
  auto trainer = MustCreate(ExportedConfig());
  ASSERT_TRUE(trainer->Step(4).ok());
  const std::string text = trainer->ExportJson();
  const auto doc = nlohmann::ordered_json::parse(text, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << text;
  std::vector<std::string> keys;
  for (const auto& item : doc.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"format", "version", "config", "step", "params"}));
  EXPECT_EQ(doc["format"], "relu-playground-model");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["step"], 4);
  EXPECT_EQ(doc["params"].size(), trainer->paramCount());
  EXPECT_EQ(doc["config"]["learningRate"].get<double>(), 0.0123);  // floats print shortest
  EXPECT_EQ(doc["config"],
            nlohmann::ordered_json::parse(ConfigToJson(trainer->config()), nullptr, false));
}

TEST(ModelJson, RoundTripIsExact) {
  auto source = MustCreate(ExportedConfig());
  ASSERT_TRUE(source->StepEpochs(2).ok());
  auto target = MustCreate(SmallTrainerConfig());
  const Status status = target->ImportJson(source->ExportJson());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Params(*target), Params(*source));
  EXPECT_EQ(ConfigToJson(target->config()), ConfigToJson(source->config()));
  EXPECT_EQ(target->metrics().step, source->metrics().step);
  EXPECT_EQ(target->metrics().layers[0].preluSlopes, source->metrics().layers[0].preluSlopes);
  source->Evaluate();
  target->Evaluate();
  EXPECT_EQ(target->metrics().trainLoss, source->metrics().trainLoss);
  EXPECT_EQ(target->metrics().testAccuracy, source->metrics().testAccuracy);
  EXPECT_TRUE(target->Step(5).ok());
}

TEST(ModelJson, BadDocumentsKeepThePreviousState) {
  auto source = MustCreate(ExportedConfig());
  const std::string good = source->ExportJson();
  auto target = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(target->Step(2).ok());
  const std::vector<float> before = Params(*target);
  const std::string before_config = ConfigToJson(target->config());

  const auto with = [&good](const std::string& key, const nlohmann::json& value) {
    auto doc = nlohmann::json::parse(good, nullptr, false);
    doc[key] = value;
    return doc.dump();
  };
  auto params = nlohmann::json::parse(good, nullptr, false)["params"];
  auto too_few = params;
  too_few.erase(too_few.size() - 1);
  auto too_big = params;
  too_big[3] = 1e39;
  auto not_number = params;
  not_number[3] = "1";
  auto bad_config = nlohmann::json::parse(good, nullptr, false)["config"];
  bad_config["learningRate"] = 100;

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "not valid JSON"},
      {"[]", "object"},
      {with("format", "something-else"), "format"},
      {with("version", 2), "version"},
      {with("step", -1), "step"},
      {with("config", "adam"), "config"},
      {with("config", bad_config), "learningRate"},
      {with("params", "none"), "params"},
      {with("params", too_few), "params has"},
      {with("params", too_big), "params[3]"},
      {with("params", not_number), "params[3]"},
  };
  for (const auto& [text, expected] : cases) {
    const Status status = target->ImportJson(text);
    EXPECT_FALSE(status.ok()) << text.substr(0, 80);
    EXPECT_NE(status.message().find(expected), std::string::npos) << status.message();
    EXPECT_EQ(Params(*target), before);
    EXPECT_EQ(ConfigToJson(target->config()), before_config);
    EXPECT_EQ(target->metrics().step, 2);
  }
}

}  // namespace
}  // namespace relu::testing
