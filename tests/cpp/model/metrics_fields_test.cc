// The description of the metrics that the CLI, the probe and the bindings
// walk: each name reaches its own field, once, and the groups pick what they say.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/metrics_fields.h"

namespace relu::testing {
namespace {

// Every visited field as text, by name; a repeated name is recorded.
struct Recorder {
  std::map<std::string, std::string>* fields;
  std::vector<std::string>* order;
  template <typename T>
  void operator()(const char* name, const T& value) const {
    order->push_back(name);
    (*fields)[name] = Text(value);
  }
  static std::string Text(bool value) { return value ? "true" : "false"; }
  static std::string Text(std::string_view value) { return "'" + std::string(value) + "'"; }
  static std::string Text(const std::string& value) { return "'" + value + "'"; }
  static std::string Text(const std::vector<uint32_t>& values) {
    std::string text;
    for (uint32_t value : values) text += std::to_string(value) + ";";
    return text;
  }
  static std::string Text(const std::vector<float>& values) {
    std::string text;
    for (float value : values) text += std::to_string(value) + ";";
    return text;
  }
  template <typename Number>
  static std::string Text(Number value) { return std::to_string(value); }
};

TEST(MetricsFields, EachNameReachesItsOwnField) {
  Metrics m;
  m.step = 11;
  m.epoch = 2.5;
  m.learningRate = 0.125;
  m.batchLoss = 3;
  m.trainLoss = 4;
  m.testLoss = 5;
  m.trainAccuracy = 0.25;
  m.testAccuracy = 0.75;
  m.diverged = true;
  m.divergedAtStep = 9;
  m.divergedCause = "loss is NaN";
  std::map<std::string, std::string> fields;
  std::vector<std::string> order;
  VisitMetrics(m, ~0u, Recorder{&fields, &order});
  const std::map<std::string, std::string> expected = {
      {"step", "11"},           {"epoch", std::to_string(2.5)},       {"learningRate", std::to_string(0.125)},
      {"batchLoss", std::to_string(3.0)}, {"trainLoss", std::to_string(4.0)}, {"testLoss", std::to_string(5.0)},
      {"trainAccuracy", std::to_string(0.25)}, {"testAccuracy", std::to_string(0.75)}, {"diverged", "true"},
      {"divergedAtStep", "9"},  {"divergedCause", "'loss is NaN'"},
  };
  EXPECT_EQ(fields, expected);
  EXPECT_EQ(order.size(), expected.size());  // no name twice
}

TEST(MetricsFields, GroupsSelectTheirFieldsInOrder) {
  Metrics m;
  std::map<std::string, std::string> fields;
  std::vector<std::string> order;
  VisitMetrics(m, kMetricStep | kMetricPass | kMetricDiverged, Recorder{&fields, &order});
  EXPECT_EQ(order, (std::vector<std::string>{"step", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy",
                                             "diverged"}));
  order.clear();
  VisitMetrics(m, kMetricEpoch | kMetricLastStep | kMetricDivergence, Recorder{&fields, &order});
  EXPECT_EQ(order, (std::vector<std::string>{"epoch", "learningRate", "batchLoss", "divergedAtStep", "divergedCause"}));
}

TEST(MetricsFields, LayerDiagnosticsEachNameReachesItsOwnField) {
  LayerDiagnostics d;
  d.units = 7;
  d.activation = "prelu";
  d.preMean = 1;
  d.preStd = 2;
  d.actMean = 3;
  d.actStd = 4;
  d.sparsity = 0.5f;
  d.deadUnits = 2;
  d.saturatedUnits = 1;
  d.deadMask = {1, 0, 1};
  d.saturatedMask = {0, 1, 0};
  d.histogram = {1, 2, 3};
  d.weightNorm = 6;
  d.gradNorm = 7;
  d.updateRatio = 0.25f;
  d.preluSlopes = {0.5f};
  std::map<std::string, std::string> fields;
  std::vector<std::string> order;
  VisitLayerDiagnostics(d, Recorder{&fields, &order});
  const auto f = [](float value) { return std::to_string(value); };
  const std::map<std::string, std::string> expected = {
      {"units", "7"},        {"activation", "'prelu'"}, {"preMean", f(1)},       {"preStd", f(2)},
      {"actMean", f(3)},     {"actStd", f(4)},          {"sparsity", f(0.5f)},   {"deadUnits", "2"},
      {"saturatedUnits", "1"}, {"deadMask", "1;0;1;"},  {"saturatedMask", "0;1;0;"},
      {"histogram", "1;2;3;"}, {"weightNorm", f(6)},   {"gradNorm", f(7)},      {"updateRatio", f(0.25f)},
      {"preluSlopes", f(0.5f) + ";"},
  };
  EXPECT_EQ(fields, expected);
  EXPECT_EQ(order.size(), expected.size());
}

TEST(MetricsFields, LayerInfoEachNameReachesItsOwnField) {
  LayerInfo info;
  info.inputs = 2;
  info.outputs = 3;
  info.activation = "softmax";
  info.weightOffset = 10;
  info.biasOffset = 16;
  info.slopeOffset = 19;
  info.slopeCount = 1;
  std::map<std::string, std::string> fields;
  std::vector<std::string> order;
  VisitLayerInfo(info, Recorder{&fields, &order});
  const std::map<std::string, std::string> expected = {
      {"inputs", "2"},        {"outputs", "3"},      {"activation", "'softmax'"}, {"weightOffset", "10"},
      {"biasOffset", "16"},   {"slopeOffset", "19"}, {"slopeCount", "1"},
  };
  EXPECT_EQ(fields, expected);
  EXPECT_EQ(order.size(), expected.size());
}

}  // namespace
}  // namespace relu::testing
