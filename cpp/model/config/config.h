// The one configuration of a training run: data, network, initialisation and
// optimisation. It is flat on purpose: every field is one JSON key, one URL
// parameter on the page and one row of the README's config table, with the
// same name everywhere (camelCase). Validation lives in config.cc; the web
// page mirrors the same fields and ranges in web/shared/schema.js, and a test
// checks that the two agree.
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

inline constexpr int kMaxHiddenLayers = 64;
inline constexpr int kMaxUnits = 1024;
inline constexpr int kMaxClasses = 10;
inline constexpr int kMaxSamples = 20000;

enum class Dataset : uint8_t {
  kCircle,        // TensorFlow Playground's sets ...
  kXor,
  kGauss,
  kSpiral,
  kRegPlane,
  kRegGauss,
  kMoons,         // ... and ours
  kCheckerboard,
  kSpiral3,       // three interleaved arms: multi-class
  kCustom,        // user-supplied `points`
};

enum class Problem : uint8_t { kRegression, kBinary, kMulticlass };

// The output head of a binary problem. Regression is always linear + MSE and
// multi-class always softmax + cross-entropy.
enum class BinaryHead : uint8_t {
  kTanhMse,     // labels -1/+1, tanh output, MSE: as TensorFlow Playground does
  kSigmoidBce,  // labels 0/1, sigmoid + binary cross-entropy computed from logits
};

enum class Init : uint8_t {
  kZeros,
  kUniform,         // U(-initScale, initScale)
  kNormal,          // N(0, initScale^2)
  kPlayground,      // TensorFlow Playground's U(-0.5, 0.5)
  kXavierUniform,   // U(+-sqrt(6/(fanIn+fanOut)))
  kXavierNormal,    // N(0, 2/(fanIn+fanOut))
  kHeUniform,       // U(+-sqrt(6/((1+a^2) fanIn))), a = the leaky slope (0 for ReLU)
  kHeNormal,        // N(0, 2/((1+a^2) fanIn))
  kLecunNormal,     // N(0, 1/fanIn)
  kOrthogonal,      // orthogonal rows/columns (QR of a Gaussian matrix), times initScale
};

enum class Optimizer : uint8_t { kSgd, kMomentum, kRmsprop, kAdam };

enum class Schedule : uint8_t {
  kConstant,
  kStep,         // lr * decayRate^floor(step / decaySteps)
  kExponential,  // lr * decayRate^(step / decaySteps)
  kCosine,       // lr * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps))
};

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

struct Config {
  // --- Data ------------------------------------------------------------------
  uint32_t seed = 1;                    // one seed: data, weights and shuffles
  Dataset dataset = Dataset::kCircle;
  int numSamples = 500;                 // [10, kMaxSamples], train + test
  float noise = 0.0f;                   // [0, 50], percent, as in TensorFlow Playground
  float trainRatio = 0.5f;              // [0.1, 0.9]
  uint32_t features = kFeatX1 | kFeatX2;
  std::vector<Point> points;            // dataset == kCustom only

  // --- Network ---------------------------------------------------------------
  Problem problem = Problem::kBinary;
  BinaryHead binaryHead = BinaryHead::kTanhMse;
  std::vector<int> hidden = {4, 2};     // units per hidden layer: [0, 64] layers of [1, 1024]
  // One per hidden layer. (Not a braced list: g++ 12 then warns maybe-uninitialized in every user.)
  std::vector<Act> activations = std::vector<Act>(2, Act::kRelu);
  float leakySlope = 0.01f;             // [0, 1]
  float eluAlpha = 1.0f;                // (0, 10]
  float preluInit = 0.25f;              // [0, 1]
  bool preluPerUnit = false;            // one slope per unit, else one per layer

  // --- Initialisation --------------------------------------------------------
  Init init = Init::kHeNormal;
  float initScale = 1.0f;               // (0, 10]: a of U(-a,a), sigma of N(0,sigma), orthogonal gain
  float biasInit = 0.0f;                // [-10, 10]

  // --- Optimisation (all "live": may change between steps) -------------------
  Optimizer optimizer = Optimizer::kSgd;
  float learningRate = 0.03f;           // [1e-6, 10]
  int batchSize = 10;                   // [1, kMaxSamples], clipped to the training set
  float momentum = 0.9f;                // [0, 0.999]
  bool nesterov = false;
  float beta1 = 0.9f;                   // [0, 0.9999]
  float beta2 = 0.999f;                 // [0, 0.99999]
  float epsilon = 1e-8f;                // [1e-12, 1]
  float rmsDecay = 0.9f;                // [0, 0.9999]
  float l1 = 0.0f;                      // [0, 1]
  float l2 = 0.0f;                      // [0, 1]
  float clipNorm = 0.0f;                // 0 = off, else (0, 1e6]
  Schedule schedule = Schedule::kConstant;
  int decaySteps = 1000;                // [1, 1e8]
  float decayRate = 0.5f;               // (0, 1]
};

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
