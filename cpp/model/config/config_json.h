// Internal to config_parse.cc and config_kinds.cc: reading JSON values the
// way web/shared/schema.js reads them, so both name a bad value in the same
// words. Defined in config_parse.cc.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/config/config.h"
#include "model/config/config_fields.h"

namespace relu::config_internal {

using Json = nlohmann::ordered_json;  // keeps the document's key order, as JavaScript does

// `activation`: one name (applied to every hidden layer once `hidden` is
// known) or a list, one per layer.
struct ActivationInput {
  bool given = false;
  bool is_list = false;
  std::vector<Act> acts;
};

struct ParseTarget {
  Config* config;
  ActivationInput* activation;  // resolved against `hidden` after every field is read
};

double NumberValue(const Json& value);

// The value as schema.js's describe() writes it in a message.
std::string Describe(const Json& value);

// Reads a number in the field's range into `out`; integer fields need a whole
// number. `name` is the field's name, or "hidden[2]" for an item.
std::string CheckNumber(const std::string& name, const FieldSpec& field, const Json& value, bool integer,
                        double* out);

// The value's index in `names`, or -1 when it is not one of them (or not a string).
int IndexOf(const std::vector<std::string>& names, const Json& value);

std::string NotOneOf(const std::string& where, const Json& value, const std::vector<std::string>& names);

}  // namespace relu::config_internal
