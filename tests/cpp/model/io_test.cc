// Model export and import: the document's shape, an exact round trip, and
// every malformed document refused with the previous state kept.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/config/json_guard.h"
#include "model/network.h"
#include "model/trainer_impl.h"
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
  const std::string text = Exported(*trainer);
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
  const Status status = target->ImportJson(Exported(*source));
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
  const std::string good = Exported(*source);
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

// The document of `source` with `params` (JSON text) in place of its parameters.
std::string WithParamsText(const std::string& good, const std::string& params_text) {
  auto doc = nlohmann::ordered_json::parse(good, nullptr, false);
  doc["params"] = "PARAMS";
  std::string text = doc.dump();
  text.replace(text.find("\"PARAMS\""), 8, params_text);
  return text;
}

// Imports `text` into a trained trainer and checks it is refused, nothing
// changes, and the message is short; returns the message.
std::string Refused(const std::string& text) {
  auto target = MustCreate(SmallTrainerConfig());
  EXPECT_TRUE(target->Step(2).ok());
  const std::vector<float> before = Params(*target);
  const std::string before_config = ConfigToJson(target->config());
  const Status status = target->ImportJson(text);
  EXPECT_FALSE(status.ok()) << text.substr(0, 120);
  EXPECT_EQ(Params(*target), before);
  EXPECT_EQ(ConfigToJson(target->config()), before_config);
  EXPECT_EQ(target->metrics().step, 2);
  EXPECT_LE(status.message().size(), 200u) << status.message().substr(0, 400);
  return status.message();
}

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

TEST(ModelJsonGuards, DeepNestingInParamsIsRefusedBeforeAnyWalk) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  // The case: ~200 KB of nested arrays, which overflowed the WASM stack in dump().
  // params is level 2 (the document is level 1): its 63rd bracket is level 65.
  const std::string deep = WithParamsText(good, std::string(100000, '[') + std::string(100000, ']'));
  const std::string message = Refused(deep);
  EXPECT_TRUE(StartsWith(message, "model JSON: JSON nested deeper than 64 levels at byte ")) << message;
  EXPECT_EQ(message, "model JSON: JSON nested deeper than 64 levels at byte " +
                         std::to_string(deep.find(std::string(100, '[')) + 63));
}

TEST(ModelJsonGuards, DeepNestingInConfigIsRefused) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  auto doc = nlohmann::ordered_json::parse(good, nullptr, false);
  doc["config"]["points"] = "DEEP";
  std::string text = doc.dump();
  text.replace(text.find("\"DEEP\""), 6, std::string(5000, '[') + std::string(5000, ']'));
  EXPECT_TRUE(StartsWith(Refused(text), "model JSON: JSON nested deeper than 64 levels at byte "));
}

TEST(ModelJsonGuards, TheConfigIsHeldToTheConfigLimits) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  auto doc = nlohmann::ordered_json::parse(good, nullptr, false);
  doc["config"]["points"] = "MANY";
  std::string text = doc.dump();
  std::string many = "[0";
  for (int i = 0; i < 1000000; ++i) many += ",0";
  text.replace(text.find("\"MANY\""), 6, many + "]");
  // Within the model's own value limit, but a config tree that large is never built.
  EXPECT_EQ(Refused(text), "model JSON: config: more than 1000000 JSON values");
  // A long string in another member is compared by its start only.
  doc = nlohmann::ordered_json::parse(good, nullptr, false);
  doc["format"] = std::string(1 << 20, 'f');
  EXPECT_EQ(Refused(doc.dump()), "model JSON: format must be \"relu-playground-model\"");
}

TEST(ModelJsonGuards, NestedValuesInParamsAreNamedNotDumped) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  const std::string nested = "[0.5, 0.25, 1, " + std::string(60, '[') + std::string(60, ']') + "]";
  EXPECT_EQ(Refused(WithParamsText(good, nested)),
            "model JSON: params[3] is an array: every parameter must be a finite float");
  EXPECT_EQ(Refused(WithParamsText(good, "[0, {\"a\": [1, 2, 3]}]")),
            "model JSON: params[1] is an object: every parameter must be a finite float");
}

TEST(ModelJsonGuards, StringsInParamsAreQuotedShort) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  EXPECT_EQ(Refused(WithParamsText(good, "[1, \"1\"]")),
            "model JSON: params[1] is \"1\": every parameter must be a finite float");
  EXPECT_EQ(Refused(WithParamsText(good, "[null]")),
            "model JSON: params[0] is null: every parameter must be a finite float");
  EXPECT_EQ(Refused(WithParamsText(good, "[true]")),
            "model JSON: params[0] is true: every parameter must be a finite float");
  const std::string long_string = "[\"" + std::string(100000, 'x') + "\"]";
  const std::string message = Refused(WithParamsText(good, long_string));
  EXPECT_EQ(message, "model JSON: params[0] is \"" + std::string(40, 'x') +
                         "...\": every parameter must be a finite float");
}

TEST(ModelJsonGuards, NumbersBeyondFloatOrDoubleAreRefused) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  EXPECT_EQ(Refused(WithParamsText(good, "[0, 3.5e38]")),
            "model JSON: params[1] is 3.5e38: every parameter must be a finite float");
  const std::string overflow = WithParamsText(good, "[0, 1e400]");
  EXPECT_EQ(Refused(overflow), "model JSON: not valid JSON at byte " +
                                   std::to_string(overflow.find("1e400") + 4) +
                                   ": number overflow parsing '1e400'");
  // A number of a million digits is quoted by its start only.
  const std::string digits = WithParamsText(good, "[1" + std::string(1000000, '0') + "]");
  EXPECT_TRUE(StartsWith(Refused(digits), "model JSON: not valid JSON at byte "));
}

// Found by model_fuzz: FLT_MAX exports as 3.4028235e+38, above FLT_MAX as a
// double, and the import refused its own export.
TEST(ModelJson, ExtremeFloatsRoundTrip) {
  auto source = MustCreate(SmallTrainerConfig());
  std::vector<float> values = Params(*source);
  const float kMax = std::numeric_limits<float>::max();
  const float kTiny = std::numeric_limits<float>::denorm_min();
  const std::vector<float> extremes = {kMax, -kMax, kTiny, -kTiny, -0.0f, 1e-38f};
  std::copy(extremes.begin(), extremes.end(), values.begin());
  ASSERT_TRUE(source->SetParams(values.data(), values.size()).ok());
  auto target = MustCreate(SmallTrainerConfig());
  const Status status = target->ImportJson(Exported(*source));
  ASSERT_TRUE(status.ok()) << status.message();
  const std::vector<float> imported = Params(*target);
  ASSERT_EQ(imported.size(), values.size());
  EXPECT_EQ(std::memcmp(imported.data(), values.data(), values.size() * sizeof(float)), 0);
  // Half an ulp above FLT_MAX still rounds to it; from there on, to infinity.
  const std::string good = Exported(*source);
  auto edge = MustCreate(SmallTrainerConfig());
  const std::string params = nlohmann::json::parse(good, nullptr, false)["params"].dump();
  const Status below = edge->ImportJson(
      WithParamsText(good, "[3.4028235677973362e38" + params.substr(params.find(','))));
  ASSERT_TRUE(below.ok()) << below.message();
  EXPECT_EQ(Params(*edge)[0], kMax);
  EXPECT_EQ(Refused(WithParamsText(good, "[3.4028235677973366e38]")),
            "model JSON: params[0] is 3.4028235677973366e38: every parameter must be a finite float");
}

TEST(ModelJsonGuards, SyntaxErrorsQuoteAShortExcerpt) {
  const std::string good = Exported(*MustCreate(SmallTrainerConfig()));
  // An unterminated string of 1 MB: nlohmann's message would quote all of it.
  const std::string text = good.substr(0, good.size() - 1) + ", \"x\": \"" + std::string(1 << 20, 'a');
  const std::string message = Refused(text);
  EXPECT_TRUE(StartsWith(message, "model JSON: not valid JSON at byte ")) << message;
  EXPECT_NE(message.find("aaa...'"), std::string::npos) << message;
}

TEST(ModelJsonGuards, StepMustBeInItsDocumentedRange) {
  auto source = MustCreate(SmallTrainerConfig());
  const std::string good = Exported(*source);
  const auto with_step = [&good](const std::string& step_text) {
    auto doc = nlohmann::ordered_json::parse(good, nullptr, false);
    doc["step"] = "STEP";
    std::string text = doc.dump();
    text.replace(text.find("\"STEP\""), 6, step_text);
    return text;
  };
  const std::string range = "model JSON: step must be a whole number in [0, 100000000000]";
  for (const char* bad : {"-1", "100000000001", "9223372036854775807", "9223372036854775808",
                          "18446744073709551615", "1.5", "1e11", "\"5\"", "null", "[]", "{}"}) {
    EXPECT_EQ(Refused(with_step(bad)), range) << bad;
  }
  // The top of the range trains on, with a finite epoch and schedule.
  auto target = MustCreate(SmallTrainerConfig());
  const Status status = target->ImportJson(with_step("100000000000"));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(target->metrics().step, kMaxImportedStep);
  ASSERT_TRUE(target->Step(3).ok());
  EXPECT_EQ(target->metrics().step, kMaxImportedStep + 3);
  EXPECT_TRUE(std::isfinite(target->metrics().epoch));
  EXPECT_GT(target->metrics().epoch, 1e9);
  EXPECT_TRUE(std::isfinite(target->metrics().learningRate));
}

TEST(ModelJsonGuards, MembersInAnyOrderAndTheLastRepeatWins) {
  auto source = MustCreate(SmallTrainerConfig());
  ASSERT_TRUE(source->Step(3).ok());
  const auto doc = nlohmann::ordered_json::parse(Exported(*source), nullptr, false);
  // params first, then config: the reader cannot rely on the export's order.
  const std::string reordered = "{\"params\": " + doc["params"].dump() + ", \"step\": 3, \"config\": " +
                                doc["config"].dump() + ", \"version\": 1, \"format\": \"relu-playground-model\"}";
  auto target = MustCreate(SmallTrainerConfig());
  Status status = target->ImportJson(reordered);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Params(*target), Params(*source));
  // As JSON.parse: an earlier "params" (even a bad one) is replaced by the last.
  const std::string repeated = "{\"params\": [\"bad\", [[]]], " + reordered.substr(1);
  auto again = MustCreate(SmallTrainerConfig());
  status = again->ImportJson(repeated);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Params(*again), Params(*source));
  const std::string last_bad = reordered.substr(0, reordered.size() - 1) + ", \"params\": [1]}";
  EXPECT_TRUE(StartsWith(Refused(last_bad), "model JSON: params has 1 values"));
}

TEST(ModelJsonGuards, LimitsCoverTheLargestModelTheCoreBuilds) {
  // The widest, deepest network with every feature and the most classes.
  Config config;
  config.problem = Problem::kMulticlass;
  config.dataset = Dataset::kSpiral3;
  config.hidden.assign(kMaxHiddenLayers, kMaxUnits);
  config.activations.assign(kMaxHiddenLayers, Act::kPrelu);
  config.preluPerUnit = true;
  const NetworkLayout layout = MakeLayout(config, kFeatureCount, kMaxClasses);
  EXPECT_LE(layout.paramCount, kMaxModelParams);
  // And kMaxModelParams is no looser than the memory limit the trainer checks.
  EXPECT_GT(EstimateModelBytes(layout, 1, 1) +
                kFloatsPerParam * sizeof(float) * double(kMaxModelParams - layout.paramCount + 1),
            kMaxModelBytes);
  // Every parameter and a config at its own limits fit the model file limits.
  EXPECT_GE(kModelJsonLimits.maxValues, kMaxModelParams + kConfigJsonLimits.maxValues);
  EXPECT_GE(kModelJsonLimits.maxBytes, kMaxModelParams * 16 + kConfigJsonLimits.maxBytes);
  EXPECT_EQ(kModelJsonLimits.maxDepth, kConfigJsonLimits.maxDepth);
  EXPECT_STREQ(kModelJsonLimits.subject, "model JSON");
}

}  // namespace
}  // namespace relu::testing
