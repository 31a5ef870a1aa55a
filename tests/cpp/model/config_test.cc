// ParseConfig, ValidateConfig and ConfigToJson: defaults, round trips, the
// range of every field at its boundaries, wrong types, malformed JSON. The
// expected messages are those web/shared/schema.js produces for the same input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/config/json_number.h"
#include "model/rng.h"

namespace relu {
namespace {

std::string ParseError(const std::string& json) {
  Config config;
  const Status status = ParseConfig(json, &config);
  return status.ok() ? "(accepted)" : status.message();
}

Config ParseOk(const std::string& json) {
  Config config;
  const Status status = ParseConfig(json, &config);
  EXPECT_TRUE(status.ok()) << json << ": " << status.message();
  return config;
}

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

void ExpectSameConfig(const Config& a, const Config& b) {
  EXPECT_EQ(ConfigToJson(a), ConfigToJson(b));
  EXPECT_FALSE(NeedsRebuild(a, b));
  EXPECT_EQ(a.learningRate, b.learningRate);
  EXPECT_EQ(a.activations, b.activations);
}

// --- Defaults and the canonical JSON ------------------------------------------

TEST(Config, EmptyObjectGivesEveryDefault) {
  const Config parsed = ParseOk("{}");
  const Config defaults;
  ExpectSameConfig(parsed, defaults);
  EXPECT_EQ(parsed.seed, 1u);
  EXPECT_EQ(parsed.dataset, Dataset::kCircle);
  EXPECT_EQ(parsed.hidden, (std::vector<int>{4, 2}));
  EXPECT_EQ(parsed.activations, (std::vector<Act>{Act::kRelu, Act::kRelu}));
  EXPECT_EQ(parsed.features, kFeatX1 | kFeatX2);
  EXPECT_FLOAT_EQ(parsed.learningRate, 0.03f);
  EXPECT_TRUE(ValidateConfig(defaults).ok());
}

TEST(Config, CanonicalJsonOfDefaults) {
  EXPECT_EQ(ConfigToJson(Config{}),
            "{\"seed\":1,\"dataset\":\"circle\",\"numSamples\":500,\"noise\":0,\"trainRatio\":0.5,"
            "\"features\":[\"x1\",\"x2\"],\"points\":[],\"problem\":\"binary\",\"binaryHead\":\"tanh-mse\","
            "\"hidden\":[4,2],\"activation\":\"relu\",\"leakySlope\":0.01,\"eluAlpha\":1,\"preluInit\":0.25,"
            "\"preluPerUnit\":false,\"init\":\"he-normal\",\"initScale\":1,\"biasInit\":0,\"optimizer\":\"sgd\","
            "\"learningRate\":0.03,\"batchSize\":10,\"momentum\":0.9,\"nesterov\":false,\"beta1\":0.9,"
            "\"beta2\":0.999,\"epsilon\":1e-8,\"rmsDecay\":0.9,\"l1\":0,\"l2\":0,\"clipNorm\":0,"
            "\"schedule\":\"constant\",\"decaySteps\":1000,\"decayRate\":0.5}");
}

Config EveryFieldChanged() {
  Config c;
  c.seed = 4294967295u;
  c.dataset = Dataset::kCustom;
  c.numSamples = 1234;
  c.noise = 12.5f;
  c.trainRatio = 0.7f;
  c.features = kFeatX1Squared | kFeatSinX2 | kFeatX1X2;
  c.points = {{-5.5f, 0.1f, 2}, {3.25f, -1e-7f, 0}, {0, 6, 1}};
  c.problem = Problem::kMulticlass;
  c.binaryHead = BinaryHead::kSigmoidBce;
  c.hidden = {3, 1024, 1};
  c.activations = {Act::kPrelu, Act::kGelu, Act::kLeakyRelu};
  c.leakySlope = 0.2f;
  c.eluAlpha = 0.1f;
  c.preluInit = 0.3f;
  c.preluPerUnit = true;
  c.init = Init::kOrthogonal;
  c.initScale = 1.7f;
  c.biasInit = -0.1f;
  c.optimizer = Optimizer::kAdam;
  c.learningRate = 1e-6f;
  c.batchSize = 20000;
  c.momentum = 0.999f;
  c.nesterov = true;
  c.beta1 = 0.9999f;
  c.beta2 = 0.99999f;
  c.epsilon = 1e-12f;
  c.rmsDecay = 0.95f;
  c.l1 = 1e-4f;
  c.l2 = 0.3f;
  c.clipNorm = 1e6f;
  c.schedule = Schedule::kCosine;
  c.decaySteps = 100000000;
  c.decayRate = 1.0f;
  return c;
}

TEST(Config, EveryFieldSurvivesTheRoundTrip) {
  const Config original = EveryFieldChanged();
  ASSERT_TRUE(ValidateConfig(original).ok()) << ValidateConfig(original).message();
  const std::string json = ConfigToJson(original);
  const Config back = ParseOk(json);
  ExpectSameConfig(original, back);
  EXPECT_EQ(back.points.size(), 3u);
  EXPECT_EQ(back.points[1].x2, -1e-7f);
  EXPECT_EQ(back.epsilon, 1e-12f);
  EXPECT_EQ(back.seed, 4294967295u);
  EXPECT_NE(json.find("\"activation\":[\"prelu\",\"gelu\",\"leaky-relu\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"features\":[\"x1sq\",\"x1x2\",\"sinx2\"]"), std::string::npos) << json;
}

// Random in-range floats: the written text must read back to the same float bits.
TEST(Config, RandomFloatsRoundTripExactly) {
  Rng rng(7);
  for (int trial = 0; trial < 500; ++trial) {
    Config c;
    c.noise = rng.Uniform(0, 50);
    c.trainRatio = rng.Uniform(0.1f, 0.9f);
    c.learningRate = std::exp(rng.Uniform(std::log(1e-6f), std::log(10.0f)));
    c.epsilon = std::exp(rng.Uniform(std::log(1e-12f), 0));
    c.biasInit = rng.Uniform(-10, 10);
    c.momentum = rng.Uniform(0, 0.999f);
    c.points = {{rng.Uniform(-6, 6) * 1e-30f, rng.Normal() * 1e30f, rng.Normal()}};
    if (!ValidateConfig(c).ok()) continue;  // the log/exp could round just past a bound
    const Config back = ParseOk(ConfigToJson(c));
    ASSERT_EQ(back.noise, c.noise);
    ASSERT_EQ(back.trainRatio, c.trainRatio);
    ASSERT_EQ(back.learningRate, c.learningRate);
    ASSERT_EQ(back.epsilon, c.epsilon);
    ASSERT_EQ(back.biasInit, c.biasInit);
    ASSERT_EQ(back.momentum, c.momentum);
    ASSERT_EQ(back.points[0].x1, c.points[0].x1);
    ASSERT_EQ(back.points[0].x2, c.points[0].x2);
    ASSERT_EQ(back.points[0].label, c.points[0].label);
  }
}

TEST(Config, ActivationIsOneNameWhenEveryLayerSharesIt) {
  Config c;
  c.hidden = {5, 5, 5};
  c.activations.assign(3, Act::kTanh);
  EXPECT_NE(ConfigToJson(c).find("\"activation\":\"tanh\""), std::string::npos);
  c.hidden = {};
  c.activations = {};
  const Config back = ParseOk(ConfigToJson(c));
  EXPECT_TRUE(back.hidden.empty());
  EXPECT_TRUE(back.activations.empty());
}

// --- Ranges ----------------------------------------------------------------------

struct RangeCase {
  const char* field;
  double min;
  double max;
  const char* range;  // as the message writes it (JavaScript number text)
  bool exclusive_min;
  bool integer;
};

const RangeCase kRanges[] = {
    {"seed", 0, 4294967295.0, "[0, 4294967295]", false, true},
    {"numSamples", 10, 20000, "[10, 20000]", false, true},
    {"noise", 0, 50, "[0, 50]", false, false},
    {"trainRatio", 0.1, 0.9, "[0.1, 0.9]", false, false},
    {"leakySlope", 0, 1, "[0, 1]", false, false},
    {"eluAlpha", 0, 10, "(0, 10]", true, false},
    {"preluInit", 0, 1, "[0, 1]", false, false},
    {"initScale", 0, 10, "(0, 10]", true, false},
    {"biasInit", -10, 10, "[-10, 10]", false, false},
    {"learningRate", 1e-6, 10, "[0.000001, 10]", false, false},
    {"batchSize", 1, 20000, "[1, 20000]", false, true},
    {"momentum", 0, 0.999, "[0, 0.999]", false, false},
    {"beta1", 0, 0.9999, "[0, 0.9999]", false, false},
    {"beta2", 0, 0.99999, "[0, 0.99999]", false, false},
    {"epsilon", 1e-12, 1, "[1e-12, 1]", false, false},
    {"rmsDecay", 0, 0.9999, "[0, 0.9999]", false, false},
    {"l1", 0, 1, "[0, 1]", false, false},
    {"l2", 0, 1, "[0, 1]", false, false},
    {"clipNorm", 0, 1e6, "[0, 1000000]", false, false},
    {"decaySteps", 1, 1e8, "[1, 100000000]", false, true},
    {"decayRate", 0, 1, "(0, 1]", true, false},
};

std::string Json1(const std::string& field, const std::string& value) {
  return "{\"" + field + "\":" + value + "}";
}

std::string Outside(const RangeCase& c, double value) {
  return std::string(c.field) + ": " + FormatNumber(value) + " is outside the allowed range " + c.range;
}

TEST(ConfigRanges, BoundsAreAcceptedAndJustOutsideRejected) {
  for (const RangeCase& c : kRanges) {
    SCOPED_TRACE(c.field);
    const double inf = std::numeric_limits<double>::infinity();
    // Integers step by one; reals by the smallest double step.
    const double below = c.integer ? c.min - 1 : std::nextafter(c.min, -inf);
    const double above = c.integer ? c.max + 1 : std::nextafter(c.max, inf);
    if (!c.exclusive_min) ParseOk(Json1(c.field, FormatNumber(c.min)));
    ParseOk(Json1(c.field, FormatNumber(c.max)));
    // Just above an exclusive 0 as far as single precision reaches (1e-50 is refused below).
    const double just_inside_min = c.integer ? c.min + 1 : c.exclusive_min ? 1e-45 : std::nextafter(c.min, inf);
    ParseOk(Json1(c.field, FormatNumber(just_inside_min)));
    EXPECT_EQ(ParseError(Json1(c.field, FormatNumber(above))), Outside(c, above));
    if (c.exclusive_min) {
      EXPECT_EQ(ParseError(Json1(c.field, FormatNumber(c.min))), Outside(c, c.min));
    } else {
      EXPECT_EQ(ParseError(Json1(c.field, FormatNumber(below))), Outside(c, below));
    }
  }
}

TEST(ConfigRanges, WrongTypesNameTheFieldAndTheValue) {
  for (const RangeCase& c : kRanges) {
    const std::string f = c.field;
    EXPECT_EQ(ParseError(Json1(f, "\"abc\"")), f + ": expected a number, got \"abc\"");
    EXPECT_EQ(ParseError(Json1(f, "true")), f + ": expected a number, got true");
    EXPECT_EQ(ParseError(Json1(f, "null")), f + ": expected a number, got null");
    EXPECT_EQ(ParseError(Json1(f, "[1,2.5]")), f + ": expected a number, got [1,2.5]");
    EXPECT_EQ(ParseError(Json1(f, "{\"a\":1}")), f + ": expected a number, got [object Object]");
    if (c.integer) {
      EXPECT_EQ(ParseError(Json1(f, "10.5")), f + ": 10.5 is not a whole number");
    }
  }
  EXPECT_EQ(ParseError(Json1("nesterov", "1")), "nesterov: expected true or false, got 1");
  EXPECT_EQ(ParseError(Json1("preluPerUnit", "\"yes\"")), "preluPerUnit: expected true or false, got \"yes\"");
}

TEST(ConfigRanges, HugeAndOddNumbers) {
  // 2^53 + 1 and beyond lose integer precision but stay out of range, never wrap.
  EXPECT_EQ(ParseError(Json1("seed", "9007199254740993")),
            "seed: 9007199254740992 is outside the allowed range [0, 4294967295]");
  EXPECT_EQ(ParseError(Json1("seed", "18446744073709551616")),
            "seed: 18446744073709552000 is outside the allowed range [0, 4294967295]");
  EXPECT_EQ(ParseError(Json1("numSamples", "-9223372036854775809")),
            "numSamples: -9223372036854776000 is outside the allowed range [10, 20000]");
  EXPECT_EQ(ParseError(Json1("noise", "1e308")), "noise: 1e+308 is outside the allowed range [0, 50]");
  // Beyond double: +-Infinity, as JSON.parse reads it, and refused in schema.js's words.
  EXPECT_EQ(ParseError(Json1("noise", "1e400")), "noise: Infinity is not a finite number");
  EXPECT_EQ(ParseError(Json1("learningRate", "-1.5e999")), "learningRate: -Infinity is not a finite number");
  EXPECT_EQ(ParseError(Json1("seed", "1E+400")), "seed: Infinity is not a finite number");
  EXPECT_EQ(ParseError(Json1("hidden", "[4, 1e400]")), "hidden[1]: Infinity is not a finite number");
  EXPECT_EQ(ParseError(R"({"dataset":"custom","points":[[1e400,0,1],[0,0,0]]})"),
            "points[0]: expected [x1, x2, label] of finite numbers");
  // Inside a string it is text; a malformed literal stays a syntax error.
  EXPECT_EQ(ParseError(Json1("dataset", "\"1e400\"")).rfind("dataset: \"1e400\" is not one of", 0), 0u);
  EXPECT_TRUE(StartsWith(ParseError(Json1("noise", "01e400")), "config: not valid JSON at byte"));
  // At most 64 are read as infinities; beyond, the document is refused as before.
  const auto overflowing_points = [](int count) {
    std::string points;
    for (int i = 0; i < count; ++i) points += std::string(i ? "," : "") + "[1e400,0,0]";
    return R"({"dataset":"custom","points":[)" + points + "]}";
  };
  EXPECT_EQ(ParseError(overflowing_points(64)), "points[0]: expected [x1, x2, label] of finite numbers");
  EXPECT_TRUE(StartsWith(ParseError(overflowing_points(65)), "config: not valid JSON at byte"));
  EXPECT_EQ(ParseOk(Json1("seed", "-0")).seed, 0u);
  EXPECT_FALSE(std::signbit(ParseOk(Json1("noise", "-0.0")).noise));
  EXPECT_EQ(ParseOk(Json1("numSamples", "100.0")).numSamples, 100);
  EXPECT_EQ(ParseOk(Json1("numSamples", "1e3")).numSamples, 1000);
  EXPECT_EQ(ParseOk(Json1("seed", "4294967295")).seed, 4294967295u);
  // Positive, but 0 once in single precision: (0, 10] must not let it through.
  EXPECT_TRUE(StartsWith(ParseError(Json1("eluAlpha", "1e-50")), "eluAlpha: 1e-50 is too small"));
}

// --- The structured fields ------------------------------------------------------

TEST(ConfigFields, EnumsTakeTheirKebabCaseNames) {
  for (int i = 0; i <= static_cast<int>(Dataset::kCustom); ++i) {
    const auto d = static_cast<Dataset>(i);
    std::string extra = d == Dataset::kCustom ? ",\"points\":[[0,0,0],[1,1,1]]" : "";
    if (d == Dataset::kRegPlane || d == Dataset::kRegGauss) extra += ",\"problem\":\"regression\"";
    if (d == Dataset::kSpiral3) extra += ",\"problem\":\"multiclass\"";
    EXPECT_EQ(ParseOk("{\"dataset\":\"" + std::string(DatasetName(d)) + "\"" + extra + "}").dataset, d);
  }
  for (int i = 0; i <= static_cast<int>(Init::kOrthogonal); ++i) {
    EXPECT_EQ(ParseOk(Json1("init", std::string("\"") + InitName(static_cast<Init>(i)) + "\"")).init,
              static_cast<Init>(i));
  }
  for (int i = 0; i <= static_cast<int>(Optimizer::kAdam); ++i) {
    const auto o = static_cast<Optimizer>(i);
    EXPECT_EQ(ParseOk(Json1("optimizer", std::string("\"") + OptimizerName(o) + "\"")).optimizer, o);
  }
  for (int i = 0; i <= static_cast<int>(Schedule::kCosine); ++i) {
    const auto s = static_cast<Schedule>(i);
    EXPECT_EQ(ParseOk(Json1("schedule", std::string("\"") + ScheduleName(s) + "\"")).schedule, s);
  }
  EXPECT_EQ(ParseOk(Json1("binaryHead", "\"sigmoid-bce\"")).binaryHead, BinaryHead::kSigmoidBce);
  EXPECT_EQ(ParseOk(Json1("problem", "\"multiclass\"")).problem, Problem::kMulticlass);
  EXPECT_EQ(ParseError(Json1("dataset", "\"foo\"")),
            "dataset: \"foo\" is not one of circle, xor, gauss, spiral, reg-plane, reg-gauss, moons, checkerboard, "
            "spiral3, custom, digits");
  EXPECT_EQ(ParseError(Json1("optimizer", "\"Adam\"")), "optimizer: \"Adam\" is not one of sgd, momentum, rmsprop, adam");
  EXPECT_EQ(ParseError(Json1("schedule", "3")), "schedule: 3 is not one of constant, step, exponential, cosine");
  // An embedded NUL must not pass for the name before it.
  EXPECT_TRUE(StartsWith(ParseError(Json1("init", "\"zeros\\u0000x\"")), "init: \"zeros\\u0000x\" is not one of"));
}

TEST(ConfigFields, Features) {
  EXPECT_EQ(ParseOk(Json1("features", "[\"sinx2\",\"x1\"]")).features, kFeatSinX2 | kFeatX1);
  EXPECT_EQ(ParseOk(Json1("features", "[\"x1\",\"x2\",\"x1sq\",\"x2sq\",\"x1x2\",\"sinx1\",\"sinx2\"]")).features,
            (1u << kFeatureCount) - 1);
  const std::string names = "x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2";
  EXPECT_EQ(ParseError(Json1("features", "[]")), "features: needs at least 1 of " + names);
  EXPECT_EQ(ParseError(Json1("features", "\"x1\"")), "features: expected a list of " + names);
  EXPECT_EQ(ParseError(Json1("features", "[\"x1\",\"cosx1\"]")), "features: \"cosx1\" is not one of " + names);
  EXPECT_EQ(ParseError(Json1("features", "[\"x2\",\"x2\"]")), "features: lists a value twice");
}

TEST(ConfigFields, HiddenLayers) {
  EXPECT_EQ(ParseOk(Json1("hidden", "[1,1024,7]")).hidden, (std::vector<int>{1, 1024, 7}));
  EXPECT_EQ(ParseOk(Json1("hidden", "[1,1024,7]")).activations.size(), 3u);  // the default name, per layer
  EXPECT_TRUE(ParseOk(Json1("hidden", "[]")).hidden.empty());
  EXPECT_EQ(ParseError(Json1("hidden", "[4,4,4,2000]")), "hidden[3]: 2000 is outside the allowed range [1, 1024]");
  EXPECT_EQ(ParseError(Json1("hidden", "[0]")), "hidden[0]: 0 is outside the allowed range [1, 1024]");
  EXPECT_EQ(ParseError(Json1("hidden", "[2.5]")), "hidden[0]: 2.5 is not a whole number");
  EXPECT_EQ(ParseError(Json1("hidden", "[\"8\"]")), "hidden[0]: expected a number, got \"8\"");
  EXPECT_EQ(ParseError(Json1("hidden", "8")), "hidden: expected a list of layer sizes");
  std::string layers64 = "[1";
  for (int i = 1; i < 64; ++i) layers64 += ",1";
  EXPECT_EQ(ParseOk(Json1("hidden", layers64 + "]")).hidden.size(), 64u);
  EXPECT_EQ(ParseError(Json1("hidden", layers64 + ",1]")), "hidden: 65 layers is outside the allowed range [0, 64]");
}

TEST(ConfigFields, ActivationNameOrList) {
  const Config shared = ParseOk("{\"hidden\":[3,3,3],\"activation\":\"elu\"}");
  EXPECT_EQ(shared.activations, (std::vector<Act>(3, Act::kElu)));
  // The order of keys does not matter: the name applies to the final `hidden`.
  EXPECT_EQ(ParseOk("{\"activation\":\"selu\",\"hidden\":[3]}").activations, (std::vector<Act>{Act::kSelu}));
  const Config listed = ParseOk("{\"hidden\":[3,3],\"activation\":[\"tanh\",\"softplus\"]}");
  EXPECT_EQ(listed.activations, (std::vector<Act>{Act::kTanh, Act::kSoftplus}));
  const std::string names = "linear, relu, leaky-relu, prelu, elu, selu, gelu, silu, softplus, sigmoid, tanh";
  EXPECT_EQ(ParseError("{\"hidden\":[3,3],\"activation\":[\"relu\",\"swish\"]}"),
            "activation[1]: \"swish\" is not one of " + names);
  EXPECT_EQ(ParseError(Json1("activation", "\"ReLU\"")), "activation: \"ReLU\" is not one of " + names);
  EXPECT_EQ(ParseError(Json1("activation", "null")), "activation: null is not one of " + names);
  EXPECT_EQ(ParseError("{\"hidden\":[3,3,3],\"activation\":[\"relu\",\"tanh\"]}"),
            "activation: 2 names for 3 hidden layers (give one name, or one per layer)");
  EXPECT_EQ(ParseOk("{\"hidden\":[],\"activation\":[]}").activations.size(), 0u);
}

TEST(ConfigFields, Points) {
  const Config c = ParseOk("{\"dataset\":\"custom\",\"points\":[[1.5,-2,1],[0,0,0]]}");
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[0].x1, 1.5f);
  EXPECT_EQ(c.points[0].x2, -2.0f);
  EXPECT_EQ(c.points[0].label, 1.0f);
  const std::string shape = ": expected [x1, x2, label] of finite numbers";
  EXPECT_EQ(ParseError(Json1("points", "[[1,2,0],[1,2]]")), "points[1]" + shape);
  EXPECT_EQ(ParseError(Json1("points", "[[1,2,\"a\"]]")), "points[0]" + shape);
  EXPECT_EQ(ParseError(Json1("points", "[[1,2,0,4]]")), "points[0]" + shape);
  EXPECT_EQ(ParseError(Json1("points", "[5]")), "points[0]" + shape);
  EXPECT_EQ(ParseError(Json1("points", "[[1e39,0,0]]")), "points[0]" + shape);  // beyond float
  EXPECT_EQ(ParseError(Json1("points", "{}")), "points: expected a list of [x1, x2, label]");
  std::string many = "[[0,0,0]";
  for (int i = 1; i <= kMaxSamples; ++i) many += ",[0,0,0]";
  EXPECT_EQ(ParseError(Json1("points", many + "]")), "points: 20001 points is outside the allowed range [0, 20000]");
}

// --- Cross-field rules (schema.js checkConsistency) -------------------------------

TEST(ConfigRules, ProblemMustFitTheDataset) {
  EXPECT_EQ(ParseError(Json1("dataset", "\"reg-plane\"")),
            "problem: \"binary\" needs a classification dataset, not \"reg-plane\"");
  EXPECT_EQ(ParseError("{\"dataset\":\"reg-gauss\",\"problem\":\"multiclass\"}"),
            "problem: \"multiclass\" needs a classification dataset, not \"reg-gauss\"");
  ParseOk("{\"dataset\":\"reg-gauss\",\"problem\":\"regression\"}");
  ParseOk("{\"dataset\":\"circle\",\"problem\":\"regression\"}");  // schema.js allows 0/1 targets
  EXPECT_EQ(ParseError(Json1("dataset", "\"spiral3\"")),
            "problem: \"binary\" cannot use the 3-class \"spiral3\"; choose \"multiclass\"");
  ParseOk("{\"dataset\":\"spiral3\",\"problem\":\"multiclass\"}");
}

TEST(ConfigRules, CustomPoints) {
  EXPECT_EQ(ParseError("{\"dataset\":\"custom\",\"points\":[[0,0,1]]}"),
            "points: the custom dataset needs at least 2 points");
  EXPECT_EQ(ParseError(Json1("dataset", "\"custom\"")), "points: the custom dataset needs at least 2 points");
  EXPECT_EQ(ParseError("{\"dataset\":\"custom\",\"points\":[[0,0,1],[1,1,0.5]]}"),
            "points[1]: a class label must be a whole number in [0, 9]");
  EXPECT_EQ(ParseError("{\"dataset\":\"custom\",\"problem\":\"multiclass\",\"points\":[[0,0,10],[1,1,0]]}"),
            "points[0]: a class label must be a whole number in [0, 9]");
  EXPECT_EQ(ParseError("{\"dataset\":\"custom\",\"points\":[[0,0,-1],[1,1,0]]}"),
            "points[0]: a class label must be a whole number in [0, 9]");
  EXPECT_EQ(ParseError("{\"dataset\":\"custom\",\"points\":[[0,0,2],[1,1,0]]}"),
            "points: a binary problem takes labels 0 and 1 only");
  ParseOk("{\"dataset\":\"custom\",\"problem\":\"multiclass\",\"points\":[[0,0,9],[1,1,0]]}");
  ParseOk("{\"dataset\":\"custom\",\"problem\":\"regression\",\"points\":[[0,0,-0.25],[1,1,3.5]]}");
  // Points of another dataset are kept but not checked as labels.
  ParseOk("{\"dataset\":\"xor\",\"points\":[[0,0,0.5]]}");
}

// --- Whole documents ---------------------------------------------------------------

TEST(ConfigDocument, UnknownKeysAreErrors) {
  EXPECT_TRUE(StartsWith(ParseError(Json1("fooBar", "1")), "fooBar: unknown config field (known: seed, dataset, "));
  EXPECT_TRUE(StartsWith(ParseError(Json1("epochs", "10")), "epochs: unknown config field"));  // a CLI flag
  EXPECT_TRUE(StartsWith(ParseError(Json1("activations", "\"relu\"")), "activations: unknown config field"));
}

// schema.js sees the object JSON.parse builds, which lists integer-like keys
// first: the core checks in the same order, so both name the same first error.
TEST(ConfigDocument, KeysAreCheckedInJavaScriptPropertyOrder) {
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":\"x\",\"0\":1}"), "0: unknown config field"));
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":\"x\",\"7\":1,\"1\":2}"), "1: unknown config field"));
  // Not array indices: a leading zero, a sign, 2^32 - 1 and beyond keep the text's order.
  for (const char* key : {"01", "-1", "4294967295", "99999999999"}) {
    EXPECT_EQ(ParseError(std::string("{\"seed\":\"x\",\"") + key + "\":1}"), "seed: expected a number, got \"x\"") << key;
  }
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":\"x\",\"4294967294\":1}"), "4294967294: unknown config field"));
}

TEST(ConfigDocument, MalformedJsonGivesTheByteOffset) {
  EXPECT_EQ(ParseError("{\"seed\": 1,}"),
            "config: not valid JSON at byte 11: syntax error while parsing object key - unexpected '}'; expected "
            "string literal");
  EXPECT_TRUE(StartsWith(ParseError(""), "config: not valid JSON at byte 0: "));
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\" 1}"), "config: not valid JSON at byte 8: "));
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":1}x"), "config: not valid JSON at byte 10: "));
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":1 // comment\n}"), "config: not valid JSON at byte 10: "));
  EXPECT_TRUE(StartsWith(ParseError("{\"dataset\":\"\xff\"}"), "config: not valid JSON at byte 12: "));
  EXPECT_TRUE(StartsWith(ParseError(std::string("{\"seed\":\0}", 10)), "config: not valid JSON at byte 8: "));
  // nlohmann-json reads a NUL byte as the end of the text: found by the differential test.
  EXPECT_EQ(ParseError(std::string("{}\0", 3)), "config: not valid JSON at byte 2: a NUL byte is not allowed");
  EXPECT_EQ(ParseError(std::string("0\0{}", 4)), "config: not valid JSON at byte 1: a NUL byte is not allowed");
  EXPECT_EQ(ParseError("[]"), "config: expected an object");
  EXPECT_EQ(ParseError("null"), "config: expected an object");
  EXPECT_EQ(ParseError(" 42 "), "config: expected an object");
}

TEST(ConfigDocument, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep = "{\"points\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(ParseError(deep), "config: JSON nested deeper than 64 levels at byte 73");
  // Brackets inside strings are not nesting.
  EXPECT_EQ(ParseError(Json1("dataset", "\"" + std::string(1000, '[') + "\"")).substr(0, 10), "dataset: \"");
  // 64 levels is allowed by the scan, and then judged as a value.
  const std::string ok_depth = "{\"seed\":" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_TRUE(StartsWith(ParseError(ok_depth), "seed: expected a number, got [[[["));
}

TEST(ConfigDocument, HugeDocumentsAreRefusedBeforeTheyAreBuilt) {
  std::string many = "[0";
  for (int i = 0; i < 1000000; ++i) many += ",0";
  EXPECT_EQ(ParseError(Json1("hidden", many + "]")), "config: more than 1000000 JSON values");
  EXPECT_EQ(ParseError(std::string((64u << 20) + 1, ' ')), "config: 67108865 bytes is more than the 67108864 allowed");
}

TEST(ConfigDocument, LastDuplicateKeyWinsAsInJavaScript) {
  EXPECT_EQ(ParseOk("{\"seed\":3,\"seed\":5}").seed, 5u);
}

TEST(ConfigDocument, OutputIsUntouchedOnError) {
  Config out;
  out.seed = 99;
  out.hidden = {7};
  out.activations = {Act::kTanh};
  EXPECT_FALSE(ParseConfig("{\"seed\":5,\"noise\":99}", &out).ok());
  EXPECT_FALSE(ParseConfig("{\"seed\":5,", &out).ok());
  EXPECT_FALSE(ParseConfig("{\"seed\":5,\"hidden\":[3,3],\"activation\":[\"relu\"]}", &out).ok());
  EXPECT_EQ(out.seed, 99u);
  EXPECT_EQ(out.hidden, std::vector<int>{7});
  EXPECT_EQ(out.activations, std::vector<Act>{Act::kTanh});
  EXPECT_FALSE(ParseConfig("{}", nullptr).ok());
}

TEST(ConfigDocument, FirstErrorInDocumentOrder) {
  EXPECT_TRUE(StartsWith(ParseError("{\"noise\":99,\"seed\":-1}"), "noise: "));
  EXPECT_TRUE(StartsWith(ParseError("{\"seed\":-1,\"noise\":99}"), "seed: "));
  // Field errors come before cross-field ones.
  EXPECT_TRUE(StartsWith(ParseError("{\"dataset\":\"spiral3\",\"noise\":99}"), "noise: "));
}

}  // namespace
}  // namespace relu
