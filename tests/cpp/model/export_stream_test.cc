// The streamed model export (Trainer::ExportJson) writes, byte for byte, the
// text the document tree of earlier versions wrote, and reads back exactly.
// The tree is kept here only as the reference.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model_test_util.h"

namespace relu::testing {
namespace {

using FloatJson = nlohmann::basic_json<nlohmann::ordered_map, std::vector, std::string, bool,
                                       std::int64_t, std::uint64_t, float>;

// The export as it was written before it was streamed: a whole document tree.
std::string TreeExport(const Trainer& trainer) {
  FloatJson doc = FloatJson::object();
  doc["format"] = "relu-playground-model";
  doc["version"] = 1;
  doc["config"] = FloatJson::parse(ConfigToJson(trainer.config()), nullptr, false);
  doc["step"] = trainer.metrics().step;
  FloatJson params = FloatJson::array();
  for (size_t i = 0; i < trainer.paramCount(); ++i) params.push_back(trainer.params()[i]);
  doc["params"] = std::move(params);
  return doc.dump();
}

void ExpectRoundTrip(const Trainer& source, const std::string& text) {
  auto copy = MustCreate(SmallTrainerConfig());
  const Status status = copy->ImportJson(text);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ConfigToJson(copy->config()), ConfigToJson(source.config()));
  EXPECT_EQ(copy->metrics().step, source.metrics().step);
  ASSERT_EQ(copy->paramCount(), source.paramCount());
  // Bitwise: -0 and 0 are different parameters.
  EXPECT_EQ(std::memcmp(copy->params(), source.params(), source.paramCount() * sizeof(float)), 0);
}

std::vector<Config> Networks() {
  std::vector<Config> out;
  out.push_back(SmallTrainerConfig());
  Config prelu = SmallTrainerConfig();
  prelu.activations = {Act::kPrelu, Act::kElu};
  prelu.preluPerUnit = true;
  prelu.optimizer = Optimizer::kAdam;
  prelu.learningRate = 0.0123f;
  out.push_back(prelu);
  Config wide = SmallTrainerConfig();
  wide.dataset = Dataset::kSpiral3;
  wide.problem = Problem::kMulticlass;
  wide.hidden = {64, 48, 32};
  wide.activations = {Act::kRelu, Act::kTanh, Act::kLeakyRelu};
  out.push_back(wide);
  Config custom = SmallTrainerConfig();
  custom.dataset = Dataset::kCustom;
  custom.points = {{0.5f, -1.25f, 1.0f}, {-3.0f, 2.0f, 0.0f}, {1e-3f, 4.0f, 1.0f}, {2.0f, 2.0f, 0.0f}, {-1.0f, -1.0f, 1.0f}, {3.0f, -2.0f, 0.0f}, {0.25f, 0.75f, 1.0f}, {-2.5f, 1.5f, 0.0f}, {1.5f, -3.5f, 1.0f}, {-0.5f, 0.5f, 0.0f}};
  out.push_back(custom);
  return out;
}

TEST(StreamedExport, IsByteIdenticalToTheDocumentTree) {
  for (const Config& config : Networks()) {
    auto trainer = MustCreate(config);
    EXPECT_EQ(Exported(*trainer), TreeExport(*trainer)) << ConfigToJson(config);
    ASSERT_TRUE(trainer->Step(7).ok());
    const std::string text = Exported(*trainer);
    EXPECT_EQ(text, TreeExport(*trainer)) << ConfigToJson(config);
    ExpectRoundTrip(*trainer, text);
  }
}

TEST(StreamedExport, WritesEdgeValuesAsTheTreeDid) {
  auto trainer = MustCreate(SmallTrainerConfig());
  std::vector<float> params(trainer->paramCount(), 0.0f);
  const float edges[] = {-0.0f, 1.0f, -1.0f, FLT_MAX, -FLT_MAX, FLT_MIN, 1e-45f, 1e21f, 1e-7f,
                         0.1f, 123456789.0f, 3.0e-5f, 1e15f, 1e16f, -2.5e-38f};
  for (size_t i = 0; i < params.size(); ++i) params[i] = edges[i % (sizeof edges / sizeof *edges)];
  ASSERT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  const std::string text = Exported(*trainer);
  EXPECT_EQ(text, TreeExport(*trainer));
  ExpectRoundTrip(*trainer, text);
}

TEST(StreamedExport, ReplacesWhatTheStringHeld) {
  auto trainer = MustCreate(SmallTrainerConfig());
  std::string text = "left over";
  ASSERT_TRUE(trainer->ExportJson(&text).ok());
  EXPECT_EQ(text, TreeExport(*trainer));
}

}  // namespace
}  // namespace relu::testing
