// The config table (generated: config_fields.inc), validation of a Config
// value, its canonical JSON and the small queries on it. What each field kind does lives in config_kinds.cc,
// parsing JSON text in config_parse.cc.
#include "model/config/config.h"

#include <cmath>
#include <string>
#include <vector>

#include "model/config/config_fields.h"
#include "model/config/json_number.h"
#include "model/data.h"

namespace relu {
namespace config_internal {
namespace {

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

FieldSpec Special(const char* name, Kind kind, bool live, double min = 0, double max = 0) {
  FieldSpec field{name, kind, live};
  field.min = min;
  field.max = max;
  return field;
}

// The name lists and MakeFields(), written from web/shared/config-fields.js.
#include "model/config/config_fields.inc"

bool IsWhole(float value) { return std::isfinite(value) && std::floor(value) == value; }

}  // namespace

const std::vector<FieldSpec>& Fields() {
  static const std::vector<FieldSpec> fields = MakeFields();
  return fields;
}

const std::vector<std::string>& FeatureNames() { return kFeaturesNames; }

const char* NameAt(const std::vector<std::string>& names, int index) {
  return index >= 0 && index < static_cast<int>(names.size()) ? names[index].c_str() : "unknown";
}

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
  if (config.dataset == Dataset::kDigits && config.problem != Problem::kMulticlass) {
    return std::string("problem: \"") + ProblemName(config.problem) +
           "\" cannot learn the 10 classes of \"digits\"; choose \"multiclass\"";
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
    std::string error = config_internal::OpsOf(field.kind).check(field, config);
    if (!error.empty()) return Status::Error(std::move(error));
  }
  std::string error = config_internal::CheckConsistency(config);
  return error.empty() ? Status::Ok() : Status::Error(std::move(error));
}

std::string ConfigToJson(const Config& config) {
  std::string json = "{";
  for (const FieldSpec& field : Fields()) {
    if (json.size() > 1) json += ",";
    json += "\"" + std::string(field.name) + "\":" + config_internal::OpsOf(field.kind).to_json(field, config);
  }
  return json + "}";
}

bool NeedsRebuild(const Config& from, const Config& to) {
  for (const FieldSpec& field : Fields()) {
    if (!field.live && !config_internal::OpsOf(field.kind).same_value(field, from, to)) return true;
  }
  return false;
}

int NumOutputs(const Config& config) {
  return config.problem == Problem::kMulticlass ? NumClasses(config) : 1;
}

int NumInputs(const Config& config) {
  if (config.dataset == Dataset::kDigits) return kDigitPixels;  // the image, whatever `features` says
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
