// The config table, validation of a Config value, its canonical JSON and the
// small queries on it. Parsing JSON text lives in config_parse.cc.
#include "model/config.h"

#include <cmath>
#include <string>
#include <vector>

#include "model/config_fields.h"
#include "model/data.h"
#include "model/json_number.h"

namespace relu {
namespace config_internal {
namespace {

const std::vector<std::string> kDatasetNames = {
    "circle", "xor", "gauss", "spiral", "reg-plane", "reg-gauss",
    "moons", "checkerboard", "spiral3", "custom",
};
const std::vector<std::string> kProblemNames = {"regression", "binary", "multiclass"};
const std::vector<std::string> kBinaryHeadNames = {"tanh-mse", "sigmoid-bce"};
const std::vector<std::string> kInitNames = {
    "zeros", "uniform", "normal", "playground", "xavier-uniform", "xavier-normal",
    "he-uniform", "he-normal", "lecun-normal", "orthogonal",
};
const std::vector<std::string> kOptimizerNames = {"sgd", "momentum", "rmsprop", "adam"};
const std::vector<std::string> kScheduleNames = {"constant", "step", "exponential", "cosine"};
const std::vector<std::string> kFeatureNames = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};

template <typename E, E Config::*Member>
int GetEnum(const Config& config) {
  return static_cast<int>(config.*Member);
}
template <typename E, E Config::*Member>
void SetEnum(Config* config, int index) {
  config->*Member = static_cast<E>(index);
}

FieldSpec Number(const char* name, float Config::*member, double min, double max, bool live,
                 bool exclusive_min = false) {
  FieldSpec field{name, Kind::kNumber, live};
  field.min = min;
  field.max = max;
  field.exclusive_min = exclusive_min;
  field.float_member = member;
  return field;
}

FieldSpec Int(const char* name, int Config::*member, double min, double max, bool live) {
  FieldSpec field{name, Kind::kInt, live};
  field.min = min;
  field.max = max;
  field.int_member = member;
  return field;
}

FieldSpec Bool(const char* name, bool Config::*member, bool live) {
  FieldSpec field{name, Kind::kBool, live};
  field.bool_member = member;
  return field;
}

template <typename E, E Config::*Member>
FieldSpec Enum(const char* name, const std::vector<std::string>& names, bool live) {
  FieldSpec field{name, Kind::kEnum, live};
  field.names = &names;
  field.get_enum = &GetEnum<E, Member>;
  field.set_enum = &SetEnum<E, Member>;
  return field;
}

FieldSpec Special(const char* name, Kind kind, double min = 0, double max = 0) {
  FieldSpec field{name, kind, false};
  field.min = min;
  field.max = max;
  return field;
}

std::vector<FieldSpec> MakeFields() {
  constexpr bool kLive = true;
  constexpr bool kRebuild = false;
  return {
      // Data
      Special("seed", Kind::kSeed, 0, 4294967295.0),
      Enum<Dataset, &Config::dataset>("dataset", kDatasetNames, kRebuild),
      Int("numSamples", &Config::numSamples, 10, kMaxSamples, kRebuild),
      Number("noise", &Config::noise, 0, 50, kRebuild),
      Number("trainRatio", &Config::trainRatio, 0.1, 0.9, kRebuild),
      Special("features", Kind::kFeatures),
      Special("points", Kind::kPoints, 0, kMaxSamples),
      // Network
      Enum<Problem, &Config::problem>("problem", kProblemNames, kRebuild),
      Enum<BinaryHead, &Config::binaryHead>("binaryHead", kBinaryHeadNames, kRebuild),
      Special("hidden", Kind::kHidden, 1, kMaxUnits),
      Special("activation", Kind::kActivation),
      Number("leakySlope", &Config::leakySlope, 0, 1, kLive),
      Number("eluAlpha", &Config::eluAlpha, 0, 10, kLive, /*exclusive_min=*/true),
      Number("preluInit", &Config::preluInit, 0, 1, kRebuild),
      Bool("preluPerUnit", &Config::preluPerUnit, kRebuild),
      // Initialisation
      Enum<Init, &Config::init>("init", kInitNames, kRebuild),
      Number("initScale", &Config::initScale, 0, 10, kRebuild, /*exclusive_min=*/true),
      Number("biasInit", &Config::biasInit, -10, 10, kRebuild),
      // Optimisation
      Enum<Optimizer, &Config::optimizer>("optimizer", kOptimizerNames, kLive),
      Number("learningRate", &Config::learningRate, 1e-6, 10, kLive),
      Int("batchSize", &Config::batchSize, 1, kMaxSamples, kLive),
      Number("momentum", &Config::momentum, 0, 0.999, kLive),
      Bool("nesterov", &Config::nesterov, kLive),
      Number("beta1", &Config::beta1, 0, 0.9999, kLive),
      Number("beta2", &Config::beta2, 0, 0.99999, kLive),
      Number("epsilon", &Config::epsilon, 1e-12, 1, kLive),
      Number("rmsDecay", &Config::rmsDecay, 0, 0.9999, kLive),
      Number("l1", &Config::l1, 0, 1, kLive),
      Number("l2", &Config::l2, 0, 1, kLive),
      Number("clipNorm", &Config::clipNorm, 0, 1e6, kLive),
      Enum<Schedule, &Config::schedule>("schedule", kScheduleNames, kLive),
      Int("decaySteps", &Config::decaySteps, 1, 1e8, kLive),
      Number("decayRate", &Config::decayRate, 0, 1, kLive, /*exclusive_min=*/true),
  };
}

const char* NameAt(const std::vector<std::string>& names, int index) {
  return index >= 0 && index < static_cast<int>(names.size()) ? names[index].c_str() : "unknown";
}

bool IsWhole(float value) { return std::isfinite(value) && std::floor(value) == value; }

// --- Validation of a Config value (no JSON involved) --------------------------

std::string OutsideRange(const std::string& name, const std::string& value, const FieldSpec& field) {
  return name + ": " + value + " is outside the allowed range " + FormatRange(field);
}

std::string CheckFloatField(const FieldSpec& field, float value) {
  if (!std::isfinite(value)) return std::string(field.name) + ": " + FormatFloat(value) + " is not a finite number";
  // Compare in float: a value parsed from the bound's text rounds to the bound.
  const auto min = static_cast<float>(field.min);
  const bool below = field.exclusive_min ? value <= min : value < min;
  if (below || value > static_cast<float>(field.max)) return OutsideRange(field.name, FormatFloat(value), field);
  return "";
}

std::string CheckIntValue(const std::string& name, const FieldSpec& field, double value) {
  if (value < field.min || value > field.max) return OutsideRange(name, FormatNumber(value), field);
  return "";
}

std::string CheckFieldValue(const FieldSpec& field, const Config& config) {
  const std::string name = field.name;
  switch (field.kind) {
    case Kind::kSeed:
    case Kind::kBool:
      return "";  // every value of the C++ type is allowed
    case Kind::kInt:
      return CheckIntValue(name, field, config.*field.int_member);
    case Kind::kNumber:
      return CheckFloatField(field, config.*field.float_member);
    case Kind::kEnum: {
      const int index = field.get_enum(config);
      if (index >= static_cast<int>(field.names->size())) {
        return name + ": " + std::to_string(index) + " is not one of " + JoinNames(*field.names);
      }
      return "";
    }
    case Kind::kFeatures:
      if ((config.features & ((1u << kFeatureCount) - 1)) == 0) {
        return name + ": needs at least 1 of " + JoinNames(kFeatureNames);
      }
      if (config.features >> kFeatureCount != 0) {
        return name + ": bits above the " + std::to_string(kFeatureCount) + " features of " +
               JoinNames(kFeatureNames) + " are set";
      }
      return "";
    case Kind::kPoints: {
      if (config.points.size() > static_cast<size_t>(field.max)) {
        return name + ": " + std::to_string(config.points.size()) + " points is outside the allowed range [0, " +
               FormatNumber(field.max) + "]";
      }
      for (size_t i = 0; i < config.points.size(); ++i) {
        const Point& p = config.points[i];
        if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || !std::isfinite(p.label)) {
          return name + "[" + std::to_string(i) + "]: expected [x1, x2, label] of finite numbers";
        }
      }
      return "";
    }
    case Kind::kHidden: {
      if (config.hidden.size() > static_cast<size_t>(kMaxHiddenLayers)) {
        return name + ": " + std::to_string(config.hidden.size()) + " layers is outside the allowed range [0, " +
               std::to_string(kMaxHiddenLayers) + "]";
      }
      for (size_t i = 0; i < config.hidden.size(); ++i) {
        std::string error = CheckIntValue(name + "[" + std::to_string(i) + "]", field, config.hidden[i]);
        if (!error.empty()) return error;
      }
      return "";
    }
    case Kind::kActivation:
      for (size_t i = 0; i < config.activations.size(); ++i) {
        const int index = static_cast<int>(config.activations[i]);
        if (index >= kernels::kActCount) {
          return name + "[" + std::to_string(i) + "]: " + std::to_string(index) + " is not one of " +
                 JoinNames(ActivationNames());
        }
      }
      return "";
  }
  return "";
}

// --- JSON output ----------------------------------------------------------------

std::string Quote(const std::string& text) { return "\"" + text + "\""; }  // names need no escaping

std::string JsonFloat(float value) { return std::isfinite(value) ? FormatFloat(value) : "null"; }

std::string FieldJson(const FieldSpec& field, const Config& config) {
  switch (field.kind) {
    case Kind::kSeed:
      return std::to_string(config.seed);
    case Kind::kInt:
      return std::to_string(config.*field.int_member);
    case Kind::kNumber:
      return JsonFloat(config.*field.float_member);
    case Kind::kBool:
      return config.*field.bool_member ? "true" : "false";
    case Kind::kEnum:
      return Quote(NameAt(*field.names, field.get_enum(config)));
    case Kind::kFeatures: {
      std::string text = "[";
      for (int bit = 0; bit < kFeatureCount; ++bit) {
        if ((config.features & (1u << bit)) == 0) continue;
        if (text.size() > 1) text += ",";
        text += Quote(kFeatureNames[bit]);
      }
      return text + "]";
    }
    case Kind::kPoints: {
      std::string text = "[";
      for (const Point& p : config.points) {
        if (text.size() > 1) text += ",";
        text += "[" + JsonFloat(p.x1) + "," + JsonFloat(p.x2) + "," + JsonFloat(p.label) + "]";
      }
      return text + "]";
    }
    case Kind::kHidden: {
      std::string text = "[";
      for (int units : config.hidden) {
        if (text.size() > 1) text += ",";
        text += std::to_string(units);
      }
      return text + "]";
    }
    case Kind::kActivation: {
      const std::vector<Act>& acts = config.activations;
      bool shared = true;
      for (Act a : acts) shared = shared && a == acts.front();
      // One name when every layer shares it (also for no hidden layer at all).
      if (shared) return Quote(kernels::ActName(acts.empty() ? Act::kRelu : acts.front()));
      std::string text = "[";
      for (Act a : acts) {
        if (text.size() > 1) text += ",";
        text += Quote(kernels::ActName(a));
      }
      return text + "]";
    }
  }
  return "null";
}

bool SameValue(const FieldSpec& field, const Config& a, const Config& b) {
  switch (field.kind) {
    case Kind::kSeed:
      return a.seed == b.seed;
    case Kind::kInt:
      return a.*field.int_member == b.*field.int_member;
    case Kind::kNumber:
      return a.*field.float_member == b.*field.float_member;
    case Kind::kBool:
      return a.*field.bool_member == b.*field.bool_member;
    case Kind::kEnum:
      return field.get_enum(a) == field.get_enum(b);
    case Kind::kFeatures:
      return a.features == b.features;
    case Kind::kPoints:
      if (a.points.size() != b.points.size()) return false;
      for (size_t i = 0; i < a.points.size(); ++i) {
        const Point& p = a.points[i];
        const Point& q = b.points[i];
        if (p.x1 != q.x1 || p.x2 != q.x2 || p.label != q.label) return false;
      }
      return true;
    case Kind::kHidden:
      return a.hidden == b.hidden;
    case Kind::kActivation:
      return a.activations == b.activations;
  }
  return false;
}

}  // namespace

const std::vector<FieldSpec>& Fields() {
  static const std::vector<FieldSpec> fields = MakeFields();
  return fields;
}

const std::vector<std::string>& FeatureNames() { return kFeatureNames; }

const std::vector<std::string>& ActivationNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (int i = 0; i < kernels::kActCount; ++i) list.emplace_back(kernels::ActName(static_cast<Act>(i)));
    return list;
  }();
  return names;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

std::string FormatRange(const FieldSpec& field) {
  return std::string(field.exclusive_min ? "(" : "[") + FormatNumber(field.min) + ", " + FormatNumber(field.max) +
         "]";
}

std::string CheckConsistency(const Config& config) {
  if (config.activations.size() != config.hidden.size()) {
    return "activation: " + std::to_string(config.activations.size()) + " names for " +
           std::to_string(config.hidden.size()) + " hidden layers (give one name, or one per layer)";
  }
  const bool regression_data = config.dataset == Dataset::kRegPlane || config.dataset == Dataset::kRegGauss;
  if (config.problem != Problem::kRegression && regression_data) {
    return std::string("problem: \"") + ProblemName(config.problem) + "\" needs a classification dataset, not \"" +
           DatasetName(config.dataset) + "\"";
  }
  if (config.problem == Problem::kBinary && config.dataset == Dataset::kSpiral3) {
    return "problem: \"binary\" cannot use the 3-class \"spiral3\"; choose \"multiclass\"";
  }
  if (config.dataset == Dataset::kCustom) {
    if (config.points.size() < 2) return "points: the custom dataset needs at least 2 points";
    if (config.problem != Problem::kRegression) {
      for (size_t i = 0; i < config.points.size(); ++i) {
        const float label = config.points[i].label;
        if (!IsWhole(label) || label < 0 || label >= static_cast<float>(kMaxClasses)) {
          return "points[" + std::to_string(i) + "]: a class label must be a whole number in [0, " +
                 std::to_string(kMaxClasses - 1) + "]";
        }
      }
      if (config.problem == Problem::kBinary) {
        for (const Point& p : config.points) {
          if (p.label > 1) return "points: a binary problem takes labels 0 and 1 only";
        }
      }
    }
  }
  return "";
}

}  // namespace config_internal

using config_internal::FieldSpec;
using config_internal::Fields;

Status ValidateConfig(const Config& config) {
  for (const FieldSpec& field : Fields()) {
    std::string error = config_internal::CheckFieldValue(field, config);
    if (!error.empty()) return Status::Error(std::move(error));
  }
  std::string error = config_internal::CheckConsistency(config);
  return error.empty() ? Status::Ok() : Status::Error(std::move(error));
}

std::string ConfigToJson(const Config& config) {
  std::string json = "{";
  for (const FieldSpec& field : Fields()) {
    if (json.size() > 1) json += ",";
    json += "\"" + std::string(field.name) + "\":" + config_internal::FieldJson(field, config);
  }
  return json + "}";
}

bool NeedsRebuild(const Config& from, const Config& to) {
  for (const FieldSpec& field : Fields()) {
    if (!field.live && !config_internal::SameValue(field, from, to)) return true;
  }
  return false;
}

int NumOutputs(const Config& config) {
  return config.problem == Problem::kMulticlass ? NumClasses(config) : 1;
}

int NumInputs(const Config& config) {
  int count = 0;
  for (int bit = 0; bit < kFeatureCount; ++bit) count += (config.features >> bit) & 1u;
  return count;
}

const char* DatasetName(Dataset d) { return config_internal::NameAt(config_internal::kDatasetNames, static_cast<int>(d)); }
const char* InitName(Init i) { return config_internal::NameAt(config_internal::kInitNames, static_cast<int>(i)); }
const char* OptimizerName(Optimizer o) {
  return config_internal::NameAt(config_internal::kOptimizerNames, static_cast<int>(o));
}
const char* ScheduleName(Schedule s) {
  return config_internal::NameAt(config_internal::kScheduleNames, static_cast<int>(s));
}
const char* ProblemName(Problem p) { return config_internal::NameAt(config_internal::kProblemNames, static_cast<int>(p)); }

}  // namespace relu
