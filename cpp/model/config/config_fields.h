// Internal to the config cluster: the table of config fields (its rows are
// written from web/shared/config-fields.js into config_fields.inc by
// scripts/gen-config.mjs: same names, order, ranges and liveness as the web
// side's), and the table of what each field kind does, so that parsing, validation,
// JSON output and NeedsRebuild are all driven by two lists.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/config/config.h"

namespace relu::config_internal {

enum class Kind : uint8_t {
  kSeed,        // uint32 whole number
  kInt,         // int whole number in [min, max]
  kNumber,      // float in [min, max] or (min, max]
  kBool,
  kEnum,        // one of `names`
  kFeatures,    // non-empty set of feature names
  kPoints,      // list of [x1, x2, label]
  kHidden,      // list of layer sizes in [min, max], at most kMaxHiddenLayers
  kActivation,  // one activation name, or one per hidden layer
  kCount,       // not a kind: the number of kinds, for the table of operations
};

struct FieldSpec {
  const char* name;
  Kind kind;
  bool live;  // may change between steps without losing the weights
  double min = 0;
  double max = 0;
  bool exclusive_min = false;
  float Config::*float_member = nullptr;
  int Config::*int_member = nullptr;
  bool Config::*bool_member = nullptr;
  // Enums, by index into `names`.
  const std::vector<std::string>* names = nullptr;
  int (*get_enum)(const Config&) = nullptr;
  void (*set_enum)(Config*, int) = nullptr;
};

// Every field, in the canonical order (that of web/shared/config-fields.js).
const std::vector<FieldSpec>& Fields();

// Where ParseConfig puts what a field's JSON value says (config_json.h).
struct ParseTarget;

// Everything that depends on a field's kind, in one row per kind
// (config_kinds.cc), so that a new kind is one row and its four functions.
struct KindOps {
  // The message for a value of the field that the allowed range excludes, or "".
  std::string (*check)(const FieldSpec& field, const Config& config);
  // The field's value as canonical JSON (ConfigToJson).
  std::string (*to_json)(const FieldSpec& field, const Config& config);
  // Whether the field holds the same value in both (NeedsRebuild).
  bool (*same_value)(const FieldSpec& field, const Config& a, const Config& b);
  // Reads the field's JSON value into `target`, or returns schema.js's message.
  std::string (*parse)(const FieldSpec& field, const nlohmann::ordered_json& value, ParseTarget* target);
};

const KindOps& OpsOf(Kind kind);

const std::vector<std::string>& FeatureNames();
const std::vector<std::string>& ActivationNames();

// names[index], or "unknown" outside the list.
const char* NameAt(const std::vector<std::string>& names, int index);

// "a, b, c": the allowed values as listed in messages.
std::string JoinNames(const std::vector<std::string>& names);
// "[0, 50]" or "(0, 10]", numbers written as JavaScript writes them.
std::string FormatRange(const FieldSpec& field);

// The cross-field rules of schema.js's checkConsistency, in the same order;
// returns the first message, or "" when the fields agree.
std::string CheckConsistency(const Config& config);

}  // namespace relu::config_internal
