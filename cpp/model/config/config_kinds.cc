// What each kind of config field does: check a Config value, write it as
// JSON, compare it, and read it from JSON. One section per kind and one row
// per kind in the table at the end, so a new kind is added here alone.
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/config/config.h"
#include "model/config/config_fields.h"
#include "model/config/config_json.h"
#include "model/config/json_number.h"

namespace relu::config_internal {
namespace {

// --- Shared by several kinds ----------------------------------------------------

std::string OutsideRange(const std::string& name, const std::string& value, const FieldSpec& field) {
  return name + ": " + value + " is outside the allowed range " + FormatRange(field);
}

std::string CheckIntValue(const std::string& name, const FieldSpec& field, double value) {
  if (value < field.min || value > field.max) return OutsideRange(name, FormatNumber(value), field);
  return "";
}

std::string Quote(const std::string& text) { return "\"" + text + "\""; }  // names need no escaping

std::string JsonFloat(float value) { return std::isfinite(value) ? FormatFloat(value) : "null"; }

std::string NoCheck(const FieldSpec&, const Config&) { return ""; }  // every value of the C++ type is allowed

// --- kSeed ------------------------------------------------------------------------

std::string SeedJson(const FieldSpec&, const Config& config) { return std::to_string(config.seed); }

bool SameSeed(const FieldSpec&, const Config& a, const Config& b) { return a.seed == b.seed; }

std::string ParseSeed(const FieldSpec& field, const Json& value, ParseTarget* target) {
  double number = 0;
  std::string error = CheckNumber(field.name, field, value, true, &number);
  if (error.empty()) target->config->seed = static_cast<uint32_t>(number);
  return error;
}

// --- kInt -------------------------------------------------------------------------

std::string CheckInt(const FieldSpec& field, const Config& config) {
  return CheckIntValue(field.name, field, config.*field.int_member);
}

std::string IntJson(const FieldSpec& field, const Config& config) {
  return std::to_string(config.*field.int_member);
}

bool SameInt(const FieldSpec& field, const Config& a, const Config& b) {
  return a.*field.int_member == b.*field.int_member;
}

std::string ParseInt(const FieldSpec& field, const Json& value, ParseTarget* target) {
  double number = 0;
  std::string error = CheckNumber(field.name, field, value, true, &number);
  if (error.empty()) target->config->*field.int_member = static_cast<int>(number);
  return error;
}

// --- kNumber ----------------------------------------------------------------------

std::string CheckNumberValue(const FieldSpec& field, const Config& config) {
  const float value = config.*field.float_member;
  if (!std::isfinite(value)) return std::string(field.name) + ": " + FormatFloat(value) + " is not a finite number";
  // Compare in float: a value parsed from the bound's text rounds to the bound.
  const auto min = static_cast<float>(field.min);
  const bool below = field.exclusive_min ? value <= min : value < min;
  if (below || value > static_cast<float>(field.max)) return OutsideRange(field.name, FormatFloat(value), field);
  return "";
}

std::string NumberJson(const FieldSpec& field, const Config& config) {
  return JsonFloat(config.*field.float_member);
}

bool SameNumber(const FieldSpec& field, const Config& a, const Config& b) {
  return a.*field.float_member == b.*field.float_member;
}

std::string ParseNumber(const FieldSpec& field, const Json& value, ParseTarget* target) {
  double number = 0;
  std::string error = CheckNumber(field.name, field, value, false, &number);
  if (!error.empty()) return error;
  const auto narrowed = static_cast<float>(number);
  // A positive value below float's smallest subnormal would become 0, which (0, max] excludes.
  if (field.exclusive_min && narrowed <= static_cast<float>(field.min)) {
    return std::string(field.name) + ": " + FormatNumber(number) + " is too small for single precision; allowed range " +
           FormatRange(field);
  }
  target->config->*field.float_member = narrowed;
  return "";
}

// --- kBool ------------------------------------------------------------------------

std::string BoolJson(const FieldSpec& field, const Config& config) {
  return config.*field.bool_member ? "true" : "false";
}

bool SameBool(const FieldSpec& field, const Config& a, const Config& b) {
  return a.*field.bool_member == b.*field.bool_member;
}

std::string ParseBool(const FieldSpec& field, const Json& value, ParseTarget* target) {
  if (!value.is_boolean()) return std::string(field.name) + ": expected true or false, got " + Describe(value);
  target->config->*field.bool_member = *value.get_ptr<const Json::boolean_t*>();
  return "";
}

// --- kEnum ------------------------------------------------------------------------

std::string CheckEnum(const FieldSpec& field, const Config& config) {
  const int index = field.get_enum(config);
  if (index >= static_cast<int>(field.names->size())) {
    return std::string(field.name) + ": " + std::to_string(index) + " is not one of " + JoinNames(*field.names);
  }
  return "";
}

std::string EnumJson(const FieldSpec& field, const Config& config) {
  return Quote(NameAt(*field.names, field.get_enum(config)));
}

bool SameEnum(const FieldSpec& field, const Config& a, const Config& b) {
  return field.get_enum(a) == field.get_enum(b);
}

std::string ParseEnum(const FieldSpec& field, const Json& value, ParseTarget* target) {
  const int index = IndexOf(*field.names, value);
  if (index < 0) return NotOneOf(field.name, value, *field.names);
  field.set_enum(target->config, index);
  return "";
}

// --- kFeatures --------------------------------------------------------------------

std::string CheckFeatures(const FieldSpec& field, const Config& config) {
  const std::string name = field.name;
  if ((config.features & ((1u << kFeatureCount) - 1)) == 0) {
    return name + ": needs at least 1 of " + JoinNames(FeatureNames());
  }
  if (config.features >> kFeatureCount != 0) {
    return name + ": bits above the " + std::to_string(kFeatureCount) + " features of " +
           JoinNames(FeatureNames()) + " are set";
  }
  return "";
}

std::string FeaturesJson(const FieldSpec&, const Config& config) {
  std::string text = "[";
  for (int bit = 0; bit < kFeatureCount; ++bit) {
    if ((config.features & (1u << bit)) == 0) continue;
    if (text.size() > 1) text += ",";
    text += Quote(FeatureNames()[bit]);
  }
  return text + "]";
}

bool SameFeatures(const FieldSpec&, const Config& a, const Config& b) { return a.features == b.features; }

std::string ParseFeatures(const FieldSpec& field, const Json& value, ParseTarget* target) {
  const std::string name = field.name;
  const std::vector<std::string>& names = FeatureNames();
  if (!value.is_array()) return name + ": expected a list of " + JoinNames(names);
  if (value.empty()) return name + ": needs at least 1 of " + JoinNames(names);
  uint32_t bits = 0;
  for (const Json& item : value) {
    if (IndexOf(names, item) < 0) return NotOneOf(name, item, names);
  }
  for (const Json& item : value) {
    const uint32_t bit = 1u << IndexOf(names, item);
    if (bits & bit) return name + ": lists a value twice";
    bits |= bit;
  }
  target->config->features = bits;
  return "";
}

// --- kPoints ----------------------------------------------------------------------

std::string TooManyPoints(const std::string& name, size_t count, const FieldSpec& field) {
  return name + ": " + std::to_string(count) + " points is outside the allowed range [0, " +
         FormatNumber(field.max) + "]";
}

std::string BadPoint(const std::string& name, size_t i) {
  return name + "[" + std::to_string(i) + "]: expected [x1, x2, label] of finite numbers";
}

std::string CheckPoints(const FieldSpec& field, const Config& config) {
  if (config.points.size() > static_cast<size_t>(field.max)) {
    return TooManyPoints(field.name, config.points.size(), field);
  }
  for (size_t i = 0; i < config.points.size(); ++i) {
    const Point& p = config.points[i];
    if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || !std::isfinite(p.label)) return BadPoint(field.name, i);
  }
  return "";
}

std::string PointsJson(const FieldSpec&, const Config& config) {
  std::string text = "[";
  for (const Point& p : config.points) {
    if (text.size() > 1) text += ",";
    text += "[" + JsonFloat(p.x1) + "," + JsonFloat(p.x2) + "," + JsonFloat(p.label) + "]";
  }
  return text + "]";
}

bool SamePoints(const FieldSpec&, const Config& a, const Config& b) {
  if (a.points.size() != b.points.size()) return false;
  for (size_t i = 0; i < a.points.size(); ++i) {
    const Point& p = a.points[i];
    const Point& q = b.points[i];
    if (p.x1 != q.x1 || p.x2 != q.x2 || p.label != q.label) return false;
  }
  return true;
}

std::string ParsePoints(const FieldSpec& field, const Json& value, ParseTarget* target) {
  const std::string name = field.name;
  if (!value.is_array()) return name + ": expected a list of [x1, x2, label]";
  if (value.size() > static_cast<size_t>(field.max)) return TooManyPoints(name, value.size(), field);
  std::vector<Point> parsed;
  parsed.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& triple = value[i];
    float coords[3] = {0, 0, 0};
    bool ok = triple.is_array() && triple.size() == 3;
    for (size_t k = 0; ok && k < 3; ++k) {
      ok = triple[k].is_number() && std::isfinite(NumberValue(triple[k]));
      // Beyond float's range the value would become infinite in the core.
      if (ok) coords[k] = static_cast<float>(NumberValue(triple[k]) + 0.0);
      ok = ok && std::isfinite(coords[k]);
    }
    if (!ok) return BadPoint(name, i);
    parsed.push_back(Point{coords[0], coords[1], coords[2]});
  }
  target->config->points = std::move(parsed);
  return "";
}

// --- kHidden ----------------------------------------------------------------------

std::string TooManyLayers(const std::string& name, size_t count) {
  return name + ": " + std::to_string(count) + " layers is outside the allowed range [0, " +
         std::to_string(kMaxHiddenLayers) + "]";
}

std::string ItemName(const std::string& name, size_t i) { return name + "[" + std::to_string(i) + "]"; }

std::string CheckHidden(const FieldSpec& field, const Config& config) {
  if (config.hidden.size() > static_cast<size_t>(kMaxHiddenLayers)) {
    return TooManyLayers(field.name, config.hidden.size());
  }
  for (size_t i = 0; i < config.hidden.size(); ++i) {
    std::string error = CheckIntValue(ItemName(field.name, i), field, config.hidden[i]);
    if (!error.empty()) return error;
  }
  return "";
}

std::string HiddenJson(const FieldSpec&, const Config& config) {
  std::string text = "[";
  for (int units : config.hidden) {
    if (text.size() > 1) text += ",";
    text += std::to_string(units);
  }
  return text + "]";
}

bool SameHidden(const FieldSpec&, const Config& a, const Config& b) { return a.hidden == b.hidden; }

std::string ParseHidden(const FieldSpec& field, const Json& value, ParseTarget* target) {
  const std::string name = field.name;
  if (!value.is_array()) return name + ": expected a list of layer sizes";
  if (value.size() > static_cast<size_t>(kMaxHiddenLayers)) return TooManyLayers(name, value.size());
  std::vector<int> sizes;
  for (size_t i = 0; i < value.size(); ++i) {
    double units = 0;
    std::string error = CheckNumber(ItemName(name, i), field, value[i], true, &units);
    if (!error.empty()) return error;
    sizes.push_back(static_cast<int>(units));
  }
  target->config->hidden = std::move(sizes);
  return "";
}

// --- kActivation ------------------------------------------------------------------

std::string CheckActivation(const FieldSpec& field, const Config& config) {
  for (size_t i = 0; i < config.activations.size(); ++i) {
    const int index = static_cast<int>(config.activations[i]);
    if (index >= kernels::kActCount) {
      return ItemName(field.name, i) + ": " + std::to_string(index) + " is not one of " +
             JoinNames(ActivationNames());
    }
  }
  return "";
}

std::string ActivationJson(const FieldSpec&, const Config& config) {
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

bool SameActivation(const FieldSpec&, const Config& a, const Config& b) { return a.activations == b.activations; }

std::string ParseActivation(const FieldSpec& field, const Json& value, ParseTarget* target) {
  const std::string name = field.name;
  const std::vector<std::string>& names = ActivationNames();
  ActivationInput parsed;
  parsed.given = true;
  parsed.is_list = value.is_array();
  const size_t count = parsed.is_list ? value.size() : 1;
  for (size_t i = 0; i < count; ++i) {
    const Json& item = parsed.is_list ? value[i] : value;
    const int index = IndexOf(names, item);
    if (index < 0) return NotOneOf(parsed.is_list ? ItemName(name, i) : name, item, names);
    parsed.acts.push_back(static_cast<Act>(index));
  }
  *target->activation = std::move(parsed);
  return "";
}

// --- The table --------------------------------------------------------------------

// Rows in the order of Kind.
const KindOps kKindOps[] = {
    {NoCheck, SeedJson, SameSeed, ParseSeed},                               // kSeed
    {CheckInt, IntJson, SameInt, ParseInt},                                 // kInt
    {CheckNumberValue, NumberJson, SameNumber, ParseNumber},                // kNumber
    {NoCheck, BoolJson, SameBool, ParseBool},                               // kBool
    {CheckEnum, EnumJson, SameEnum, ParseEnum},                             // kEnum
    {CheckFeatures, FeaturesJson, SameFeatures, ParseFeatures},             // kFeatures
    {CheckPoints, PointsJson, SamePoints, ParsePoints},                     // kPoints
    {CheckHidden, HiddenJson, SameHidden, ParseHidden},                     // kHidden
    {CheckActivation, ActivationJson, SameActivation, ParseActivation},     // kActivation
};
static_assert(sizeof(kKindOps) / sizeof(kKindOps[0]) == static_cast<size_t>(Kind::kCount),
              "one row of operations per field kind");

}  // namespace

const KindOps& OpsOf(Kind kind) { return kKindOps[static_cast<size_t>(kind)]; }

}  // namespace relu::config_internal
