// Internal to config.cc and config_parse.cc: the table of config fields, the
// C++ mirror of FIELDS in web/shared/schema.js (same names, order, ranges and
// liveness), so that parsing, validation, JSON output and NeedsRebuild are all
// driven by one list.
#pragma once

#include <string>
#include <vector>

#include "model/config.h"

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

// Every field, in the canonical order (that of config.h and schema.js).
const std::vector<FieldSpec>& Fields();

const std::vector<std::string>& FeatureNames();
const std::vector<std::string>& ActivationNames();

// "a, b, c": the allowed values as listed in messages.
std::string JoinNames(const std::vector<std::string>& names);
// "[0, 50]" or "(0, 10]", numbers written as JavaScript writes them.
std::string FormatRange(const FieldSpec& field);

// The cross-field rules of schema.js's checkConsistency, in the same order;
// returns the first message, or "" when the fields agree.
std::string CheckConsistency(const Config& config);

}  // namespace relu::config_internal
