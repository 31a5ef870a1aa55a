// ParseConfig: JSON text to Config, with the checks and messages of
// web/shared/schema.js (checkField, then checkConsistency), so that the page
// and the core reject the same configs with the same words.
//
// nlohmann-json is used without exceptions (JSON_NOEXCEPTION): size, depth,
// value count and syntax are checked first (json_guard.h), and values are
// only read after their type is checked.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/config/config.h"
#include "model/config/config_fields.h"
#include "model/config/config_json.h"
#include "model/config/json_guard.h"
#include "model/config/json_number.h"
#include "model/config/json_overflow.h"

namespace relu {
namespace config_internal {
namespace {

// --- Values, described as schema.js's describe() does ----------------------------

std::string QuoteString(const Json& string_value) {
  return string_value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// JSON.stringify: compact, numbers as JavaScript writes them.
std::string Stringify(const Json& value) {
  if (value.is_number()) {
    const double number = NumberValue(value);
    return std::isfinite(number) ? FormatNumber(number) : "null";
  }
  if (value.is_array()) {
    std::string text = "[";
    for (const Json& item : value) {
      if (text.size() > 1) text += ",";
      text += Stringify(item);
    }
    return text + "]";
  }
  if (value.is_object()) {
    std::string text = "{";
    for (const auto& item : value.items()) {
      if (text.size() > 1) text += ",";
      text += QuoteString(Json(item.key())) + ":" + Stringify(item.value());
    }
    return text + "}";
  }
  if (value.is_string()) return QuoteString(value);
  return value.dump();  // null, true, false
}

// Cuts at `limit` bytes without splitting a UTF-8 sequence.
std::string Truncate(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

}  // namespace

double NumberValue(const Json& value) {
  if (value.is_number_float()) return *value.get_ptr<const Json::number_float_t*>();
  if (value.is_number_unsigned()) return static_cast<double>(*value.get_ptr<const Json::number_unsigned_t*>());
  return static_cast<double>(*value.get_ptr<const Json::number_integer_t*>());
}

std::string Describe(const Json& value) {
  if (value.is_string()) return Truncate(QuoteString(value), 60);  // a 60 MB string is not a 60 MB message
  if (value.is_array()) return Truncate(Stringify(value), 60);
  if (value.is_object()) return "[object Object]";  // String({}) in JavaScript
  if (value.is_number()) return FormatNumber(NumberValue(value));
  return value.dump();
}

// --- Field checks (schema.js checkField) ----------------------------------------

std::string CheckNumber(const std::string& name, const FieldSpec& field, const Json& value, bool integer,
                        double* out) {
  if (!value.is_number()) return name + ": expected a number, got " + Describe(value);
  const double number = NumberValue(value);
  if (!std::isfinite(number)) return name + ": " + FormatNumber(number) + " is not a finite number";
  if (integer && std::floor(number) != number) return name + ": " + FormatNumber(number) + " is not a whole number";
  const bool below = field.exclusive_min ? number <= field.min : number < field.min;
  if (below || number > field.max) {
    return name + ": " + FormatNumber(number) + " is outside the allowed range " + FormatRange(field);
  }
  *out = number + 0.0;  // -0 becomes 0
  return "";
}

int IndexOf(const std::vector<std::string>& names, const Json& value) {
  if (!value.is_string()) return -1;
  const std::string& text = *value.get_ptr<const Json::string_t*>();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<int>(i);
  }
  return -1;
}

std::string NotOneOf(const std::string& where, const Json& value, const std::vector<std::string>& names) {
  return where + ": " + Describe(value) + " is not one of " + JoinNames(names);
}

}  // namespace config_internal

namespace {

using config_internal::ActivationInput;
using config_internal::FieldSpec;
using config_internal::Json;

const FieldSpec* FindField(const std::string& name) {
  for (const FieldSpec& field : config_internal::Fields()) {
    if (name == field.name) return &field;
  }
  return nullptr;
}

std::string UnknownField(const std::string& name) {
  std::string known;
  for (const FieldSpec& field : config_internal::Fields()) {
    if (!known.empty()) known += ", ";
    known += field.name;
  }
  return name + ": unknown config field (known: " + known + ")";
}

// An array index as JavaScript reads a property name: "0", or digits without a
// leading zero, below 2^32 - 1.
bool IsArrayIndex(const std::string& key, uint64_t* index) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return false;
  uint64_t value = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *index = value;
  return value < 4294967295u;
}

// The members in the order a JavaScript object lists them: array indices
// first, ascending, then the other keys in the text's order. schema.js sees the
// object JSON.parse builds, so checking in this order names the same first error.
std::vector<std::pair<const std::string*, const Json*>> MembersInJsOrder(const Json& object) {
  std::vector<std::pair<uint64_t, std::pair<const std::string*, const Json*>>> indices;
  std::vector<std::pair<const std::string*, const Json*>> members;
  for (const auto& item : object.items()) {
    uint64_t index = 0;
    if (IsArrayIndex(item.key(), &index)) indices.push_back({index, {&item.key(), &item.value()}});
    else members.push_back({&item.key(), &item.value()});
  }
  std::sort(indices.begin(), indices.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<const std::string*, const Json*>> ordered;
  ordered.reserve(indices.size() + members.size());
  for (const auto& entry : indices) ordered.push_back(entry.second);
  ordered.insert(ordered.end(), members.begin(), members.end());
  return ordered;
}

}  // namespace

Status ParseConfig(std::string_view json_text, Config* out) {
  if (out == nullptr) return Status::Error("config: no output given");
  Status shape = CheckJsonShape(json_text, kConfigJsonLimits);
  if (!shape.ok()) return shape;
  std::string marked;  // JSON.parse reads 1e400 as Infinity: so does the core (json_overflow.h)
  if (MarkOverflowingNumbers(json_text, &marked)) json_text = marked;
  Status syntax = CheckJsonSyntax(json_text, kConfigJsonLimits);
  if (!syntax.ok()) return syntax;
  Json document = Json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  RestoreOverflowingNumbers(&document);
  if (!document.is_object()) return Status::Error("config: expected an object");

  Config config;
  ActivationInput activation;
  for (const auto& [key, value] : MembersInJsOrder(document)) {
    const FieldSpec* field = FindField(*key);
    if (field == nullptr) return Status::Error(UnknownField(*key));
    config_internal::ParseTarget target{&config, &activation};
    std::string error = config_internal::OpsOf(field->kind).parse(*field, *value, &target);
    if (!error.empty()) return Status::Error(std::move(error));
  }
  // A single name (or none: the default "relu") applies to every hidden layer.
  if (!activation.given) activation.acts = {Act::kRelu};
  if (!activation.is_list) {
    // A copy: libc++'s assign() frees the storage a reference to front() would point into.
    const Act shared = activation.acts.front();
    activation.acts.assign(config.hidden.size(), shared);
  }
  config.activations = std::move(activation.acts);

  std::string error = config_internal::CheckConsistency(config);
  if (!error.empty()) return Status::Error(std::move(error));
  // Everything JSON can express is now in range; this guards the two checkers drifting apart.
  Status valid = ValidateConfig(config);
  if (!valid.ok()) return valid;
  *out = std::move(config);
  return Status::Ok();
}

}  // namespace relu
