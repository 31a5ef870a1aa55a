// The one configuration of a training run: data, network, initialisation and
// optimisation. It is flat on purpose: every field is one JSON key, one URL
// parameter on the page and one row of docs/CONFIG.md's tables, with the
// same name everywhere (camelCase). The fields are declared once, in
// web/shared/config-fields.js; scripts/gen-config.mjs writes from it the
// struct, its enums and limits (config_generated.h) and the field table that
// validation runs on (config_fields.inc, in config.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/kernels.h"
#include "model/status.h"

namespace relu {

using kernels::Act;

// The playground's input plane is [-kDomain, kDomain]^2, as in TensorFlow Playground.
inline constexpr float kDomain = 6.0f;

// Input features computed from (x1, x2); any non-empty subset may be enabled.
enum Feature : uint32_t {
  kFeatX1 = 1u << 0,
  kFeatX2 = 1u << 1,
  kFeatX1Squared = 1u << 2,
  kFeatX2Squared = 1u << 3,
  kFeatX1X2 = 1u << 4,
  kFeatSinX1 = 1u << 5,
  kFeatSinX2 = 1u << 6,
};
inline constexpr int kFeatureCount = 7;

// One labelled point of the input plane. `label` is the class index (0..K-1)
// for classification, the target value for regression.
struct Point {
  float x1 = 0.0f;
  float x2 = 0.0f;
  float label = 0.0f;
};

}  // namespace relu

// Needs Point and Feature above; declares the limits, the enums and Config.
#include "model/config/config_generated.h"  // IWYU pragma: export

namespace relu {

// Parses a JSON object onto the defaults above: absent keys keep their default,
// unknown keys and bad values are errors. `activation` may be one name for all
// hidden layers or an array with one per layer. On error, *out is untouched.
Status ParseConfig(std::string_view json_text, Config* out);

// Checks every field against its range and the fields against each other.
// The message names the field, the value and the allowed range.
Status ValidateConfig(const Config& config);

// The canonical JSON of a config (every field present); ParseConfig reads it back.
std::string ConfigToJson(const Config& config);

// True when going from `from` to `to` needs a new network or new data; false
// when only live (optimisation) fields differ, so the weights can be kept.
bool NeedsRebuild(const Config& from, const Config& to);

// Number of outputs of the network: classes for multi-class, else 1.
int NumOutputs(const Config& config);
// Number of enabled input features.
int NumInputs(const Config& config);

const char* DatasetName(Dataset d);
const char* InitName(Init i);
const char* OptimizerName(Optimizer o);
const char* ScheduleName(Schedule s);
const char* ProblemName(Problem p);

}  // namespace relu
