// ValidateConfig on Config values (as the bindings and the trainer get them),
// NeedsRebuild, the small queries, and the JavaScript number text the
// messages and the canonical JSON are written with.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "model/config/config.h"
#include "model/config/json_number.h"

namespace relu {
namespace {

std::string ValidationError(const Config& config) {
  const Status status = ValidateConfig(config);
  return status.ok() ? "(valid)" : status.message();
}

TEST(ValidateConfig, NumbersOutOfRangeOrNotFinite) {
  Config c;
  c.learningRate = 50;
  EXPECT_EQ(ValidationError(c), "learningRate: 50 is outside the allowed range [0.000001, 10]");
  c.learningRate = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(ValidationError(c), "learningRate: NaN is not a finite number");
  c.learningRate = 1e-6f;  // the bound, as a float, is inside
  EXPECT_EQ(ValidationError(c), "(valid)");
  c.eluAlpha = 0;
  EXPECT_EQ(ValidationError(c), "eluAlpha: 0 is outside the allowed range (0, 10]");
  c.eluAlpha = 1;
  c.noise = -std::numeric_limits<float>::infinity();
  EXPECT_EQ(ValidationError(c), "noise: -Infinity is not a finite number");
  c.noise = 0;
  c.numSamples = 9;
  EXPECT_EQ(ValidationError(c), "numSamples: 9 is outside the allowed range [10, 20000]");
  c.numSamples = 10;
  c.trainRatio = 0.1f;
  EXPECT_EQ(ValidationError(c), "(valid)");
  c.trainRatio = 0.95f;
  EXPECT_EQ(ValidationError(c), "trainRatio: 0.95 is outside the allowed range [0.1, 0.9]");
}

TEST(ValidateConfig, ListsAndEnums) {
  Config c;
  c.hidden = {4, 2000};
  c.activations = {Act::kRelu, Act::kRelu};
  EXPECT_EQ(ValidationError(c), "hidden[1]: 2000 is outside the allowed range [1, 1024]");
  c.hidden.assign(65, 1);
  c.activations.assign(65, Act::kRelu);
  EXPECT_EQ(ValidationError(c), "hidden: 65 layers is outside the allowed range [0, 64]");
  c = Config{};
  c.activations = {Act::kRelu};
  EXPECT_EQ(ValidationError(c), "activation: 1 names for 2 hidden layers (give one name, or one per layer)");
  c = Config{};
  c.activations[1] = static_cast<Act>(kernels::kActCount);
  EXPECT_TRUE(ValidationError(c).rfind("activation[1]: 11 is not one of linear, relu,", 0) == 0);
  c = Config{};
  c.dataset = static_cast<Dataset>(42);
  EXPECT_TRUE(ValidationError(c).rfind("dataset: 42 is not one of circle,", 0) == 0);
  EXPECT_STREQ(DatasetName(c.dataset), "unknown");
  c = Config{};
  c.features = 0;
  EXPECT_EQ(ValidationError(c), "features: needs at least 1 of x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2");
  c.features = kFeatX1 | 1u << 9;
  EXPECT_TRUE(ValidationError(c).rfind("features: bits above the 7 features", 0) == 0);
  c = Config{};
  c.points = {{0, std::numeric_limits<float>::infinity(), 0}};
  EXPECT_EQ(ValidationError(c), "points[0]: expected [x1, x2, label] of finite numbers");
}

TEST(ValidateConfig, CrossFieldRules) {
  Config c;
  c.dataset = Dataset::kRegPlane;
  EXPECT_EQ(ValidationError(c), "problem: \"binary\" needs a classification dataset, not \"reg-plane\"");
  c.problem = Problem::kRegression;
  EXPECT_EQ(ValidationError(c), "(valid)");
  c.dataset = Dataset::kCustom;
  c.points = {{0, 0, 1}, {1, 1, 0}};
  c.problem = Problem::kBinary;
  EXPECT_EQ(ValidationError(c), "(valid)");
  c.points[0].label = 3;
  EXPECT_EQ(ValidationError(c), "points: a binary problem takes labels 0 and 1 only");
}

TEST(NeedsRebuild, OnlyLiveFieldsKeepTheNetwork) {
  const Config base;
  Config live = base;
  live.optimizer = Optimizer::kAdam;
  live.learningRate = 0.1f;
  live.batchSize = 32;
  live.momentum = 0.5f;
  live.nesterov = true;
  live.beta1 = 0.8f;
  live.beta2 = 0.99f;
  live.epsilon = 1e-6f;
  live.rmsDecay = 0.5f;
  live.l1 = 0.1f;
  live.l2 = 0.1f;
  live.clipNorm = 5;
  live.schedule = Schedule::kStep;
  live.decaySteps = 10;
  live.decayRate = 0.9f;
  live.leakySlope = 0.2f;
  live.eluAlpha = 2;
  EXPECT_FALSE(NeedsRebuild(base, live));
  EXPECT_FALSE(NeedsRebuild(base, base));

  const auto expect_rebuild = [&](const char* what, void (*change)(Config*)) {
    Config changed = base;
    change(&changed);
    EXPECT_TRUE(NeedsRebuild(base, changed)) << what;
    EXPECT_TRUE(NeedsRebuild(live, [&] { Config c = live; change(&c); return c; }())) << what;
  };
  expect_rebuild("seed", [](Config* c) { c->seed = 2; });
  expect_rebuild("dataset", [](Config* c) { c->dataset = Dataset::kXor; });
  expect_rebuild("numSamples", [](Config* c) { c->numSamples = 100; });
  expect_rebuild("noise", [](Config* c) { c->noise = 5; });
  expect_rebuild("trainRatio", [](Config* c) { c->trainRatio = 0.6f; });
  expect_rebuild("features", [](Config* c) { c->features = kFeatX1; });
  expect_rebuild("points", [](Config* c) { c->points = {{1, 1, 1}}; });
  expect_rebuild("problem", [](Config* c) { c->problem = Problem::kMulticlass; });
  expect_rebuild("binaryHead", [](Config* c) { c->binaryHead = BinaryHead::kSigmoidBce; });
  expect_rebuild("hidden", [](Config* c) { c->hidden = {4, 3}; });
  expect_rebuild("activation", [](Config* c) { c->activations = {Act::kRelu, Act::kTanh}; });
  expect_rebuild("preluInit", [](Config* c) { c->preluInit = 0.5f; });
  expect_rebuild("preluPerUnit", [](Config* c) { c->preluPerUnit = true; });
  expect_rebuild("init", [](Config* c) { c->init = Init::kZeros; });
  expect_rebuild("initScale", [](Config* c) { c->initScale = 2; });
  expect_rebuild("biasInit", [](Config* c) { c->biasInit = 0.1f; });
}

TEST(ConfigQueries, InputsOutputsAndNames) {
  Config c;
  EXPECT_EQ(NumInputs(c), 2);
  c.features = (1u << kFeatureCount) - 1;
  EXPECT_EQ(NumInputs(c), 7);
  c.features = kFeatSinX1;
  EXPECT_EQ(NumInputs(c), 1);
  EXPECT_EQ(NumOutputs(c), 1);  // binary: one output
  c.problem = Problem::kMulticlass;
  EXPECT_EQ(NumOutputs(c), 2);
  c.dataset = Dataset::kSpiral3;
  EXPECT_EQ(NumOutputs(c), 3);
  c.dataset = Dataset::kCustom;
  c.points = {{0, 0, 0}, {1, 1, 4}, {2, 2, 1}};
  EXPECT_EQ(NumOutputs(c), 5);
  c.problem = Problem::kRegression;
  EXPECT_EQ(NumOutputs(c), 1);
  EXPECT_STREQ(DatasetName(Dataset::kRegGauss), "reg-gauss");
  EXPECT_STREQ(InitName(Init::kXavierUniform), "xavier-uniform");
  EXPECT_STREQ(OptimizerName(Optimizer::kRmsprop), "rmsprop");
  EXPECT_STREQ(ScheduleName(Schedule::kExponential), "exponential");
  EXPECT_STREQ(ProblemName(Problem::kMulticlass), "multiclass");
}

// The outputs below are what JavaScript's String(x) gives for the same double.
TEST(JsonNumber, WritesNumbersAsJavaScriptDoes) {
  EXPECT_EQ(FormatNumber(0.03), "0.03");
  EXPECT_EQ(FormatNumber(1e-6), "0.000001");
  EXPECT_EQ(FormatNumber(1e-7), "1e-7");
  EXPECT_EQ(FormatNumber(1.5e-10), "1.5e-10");
  EXPECT_EQ(FormatNumber(100), "100");
  EXPECT_EQ(FormatNumber(1e8), "100000000");
  EXPECT_EQ(FormatNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatNumber(1e21), "1e+21");
  EXPECT_EQ(FormatNumber(1.25e25), "1.25e+25");
  EXPECT_EQ(FormatNumber(123456789012345678901.0), "123456789012345680000");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatNumber(-2.5), "-2.5");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(5e-324), "5e-324");
  EXPECT_EQ(FormatNumber(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JsonNumber, FloatsGetTheirShortestText) {
  EXPECT_EQ(FormatFloat(0.1f), "0.1");
  EXPECT_EQ(FormatFloat(0.03f), "0.03");
  EXPECT_EQ(FormatFloat(1e-6f), "0.000001");
  EXPECT_EQ(FormatFloat(1e-12f), "1e-12");
  EXPECT_EQ(FormatFloat(16777217.0f), "16777216");
  EXPECT_EQ(FormatFloat(3.4028235e38f), "3.4028235e+38");
  EXPECT_EQ(FormatFloat(1.4e-45f), "1e-45");  // the smallest subnormal reads back from one digit
  // Every text reads back to the same float.
  for (float f = 1e-7f; f < 1e7f; f *= 1.37f) {
    const std::string text = FormatFloat(f);
    EXPECT_EQ(static_cast<float>(std::strtod(text.c_str(), nullptr)), f) << text;
  }
}

}  // namespace
}  // namespace relu
