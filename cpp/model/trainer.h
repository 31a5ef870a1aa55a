// The trainer: owns the data, the network, its parameters and the optimiser
// state, and reports the diagnostics the playground draws. This is the whole
// surface the bindings and the CLI use. It knows nothing of Emscripten.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/config/config.h"
#include "model/status.h"

namespace relu {

// Fixed histogram of activations: kHistogramBins bins over
// [kHistogramMin, kHistogramMax); values outside land in the end bins.
inline constexpr int kHistogramBins = 40;
inline constexpr float kHistogramMin = -4.0f;
inline constexpr float kHistogramMax = 4.0f;

// A saturated unit (LayerDiagnostics::saturatedUnits): its output lies within
// 2% of the activation's range from a limit on at least 95% of the samples.
// SATURATION in web/shared/protocol.js is held to these by core-constants.test.js.
inline constexpr float kSaturationMargin = 0.02f;
inline constexpr float kSaturatedShare = 0.95f;

// Per weight layer (the hidden layers, then the output layer).
struct LayerDiagnostics {
  int units = 0;
  // The hidden layer's activation or the output head, named as in LayerInfo.
  std::string_view activation = "linear";

  // From the last full pass over the training set (Evaluate):
  float preMean = 0, preStd = 0;  // pre-activations z = Wx + b
  float actMean = 0, actStd = 0;  // activations f(z)
  float sparsity = 0;             // fraction of activations exactly 0
  int deadUnits = 0;              // units that are 0 for every training sample
  // Sigmoid and tanh hidden layers only (else 0): units whose output is within
  // kSaturationMargin of the activation's range from one of its limits on at
  // least kSaturatedShare of the training samples; they pass almost no gradient.
  int saturatedUnits = 0;
  std::vector<uint32_t> deadMask;       // [units]: 1 where the unit is dead
  std::vector<uint32_t> saturatedMask;  // [units]: 1 where the unit is saturated
  std::vector<uint32_t> histogram;  // kHistogramBins counts of f(z)

  // From the last step:
  float weightNorm = 0;   // ||W||_2 (Frobenius), biases excluded
  // ||dL/dW||_2 of the last mini-batch as the optimiser gets it: the data term's
  // gradient plus the L1/L2 term, before clipping.
  float gradNorm = 0;
  float updateRatio = 0;  // ||delta W|| / ||W|| of the last update

  std::vector<float> preluSlopes;  // PReLU layers only: 1 or `units` slopes
};

// One weight layer as the outputs describe it: its shape, what follows it and
// where its parameters sit in the block (see Trainer::params()).
struct LayerInfo {
  int inputs = 0;
  int outputs = 0;
  // The hidden layer's activation ("relu", "prelu", ...), or the output head:
  // "linear", "tanh", "sigmoid" or "softmax".
  std::string_view activation = "linear";
  size_t weightOffset = 0;  // W [outputs x inputs], column-major
  size_t biasOffset = 0;    // b [outputs]
  size_t slopeOffset = 0;   // PReLU slopes [slopeCount], after the biases
  int slopeCount = 0;       // 0, 1 (per layer) or outputs (per unit)
};

struct Metrics {
  int64_t step = 0;    // mini-batch updates since reset
  double epoch = 0;    // samples drawn / trainCount (an epoch's last batch may be smaller)
  double learningRate = 0;  // after the schedule, at this step
  double batchLoss = 0;     // loss of the last mini-batch (data term only)

  // From the last full pass (Evaluate); NaN until the first one.
  double trainLoss = 0, testLoss = 0;
  double trainAccuracy = 0, testAccuracy = 0;  // classification only, else NaN

  std::vector<LayerDiagnostics> layers;

  bool diverged = false;
  int64_t divergedAtStep = -1;
  std::string divergedCause;  // e.g. "loss is NaN", "gradient norm is inf"
};

// The activation patterns EvalGrid can compute in the same pass as the
// images: which hidden units are on (output > 0) at each pixel. Pixels with
// the same pattern lie in one linear piece of the network, so `count` is the
// number of linear regions the grid shows. Patterns are compared by a 64-bit
// hash (the XOR of random per-unit keys, kernels.h PatternHashFn): two
// different patterns collide with probability 2^-64, so even a 512 x 512 grid
// (< 3.5e10 pairs of pixels) miscounts with probability below 2e-9.
struct GridRegions {
  // An error, with count 0 and no ids, when the hidden activations are not
  // all piecewise linear (see model/regions.h); the grid itself is still drawn.
  Status status;
  int count = 0;               // distinct patterns on the grid
  std::vector<uint32_t> ids;   // [n x n] as the grid: region of each pixel, in [0, count),
                               // numbered in order of first appearance from the top left
  std::vector<uint64_t> hashes;  // [n x n]: each pixel's pattern hash (working buffer)
};

// What Trainer::Classify computes for one input.
struct Classification {
  std::vector<float> outputs;                   // the head's: softmax probabilities, sigmoid, tanh or value
  std::vector<std::vector<float>> activations;  // per hidden layer, each unit's output
  int predicted = -1;                           // the class, as PredictClasses judges; -1 for regression
};

class Trainer {
 public:
  // Validates the config, generates the data and initialises the network.
  // On error returns nullptr and sets *error (never aborts).
  static std::unique_ptr<Trainer> Create(const Config& config, Status* error);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  const Config& config() const;

  // Applies a new config. Live fields (optimisation) take effect on the next
  // step and keep the weights; anything else rebuilds data and network. On
  // error the previous state is kept. *rebuilt (optional) says which happened.
  Status Configure(const Config& config, bool* rebuilt = nullptr);

  // Re-initialises the weights and optimiser state from the seed; keeps the data.
  void Reset();

  // Runs n mini-batch steps (n >= 0). Stops early and returns an error when
  // training diverges: the loss, the gradient norm or the updated weights are
  // non-finite, or they blow up before that: the weights' norm ||W|| passes
  // 1e4 x its value at the baseline (at least 1), or, unless the head is tanh,
  // a batch loss passes 1e4 x the first batch loss after the baseline (at
  // least 1).
  // The baseline is the last Reset, SetParams, SetWeight or ImportJson.
  // metrics().divergedAtStep is the step that failed and divergedCause says
  // why, e.g. "loss exploded: 4.8e+05 > 7.3e+04 at step 2", "weights exploded:
  // ||W|| = 3.2e+07 > 1.1e+05 at step 120", "gradient norm is NaN at step 9".
  // On divergence the trainer returns to the older of its two latest
  // checkpoints, taken at the baseline and at every epoch boundary since (the
  // newer may already be on the explosive path): the whole parameter block and
  // metrics().step and epoch are those of that checkpoint, the optimiser's
  // moments are zeroed, and the epoch under way starts over in its current
  // order. Both checkpoints then hold that state. metrics().diverged is set
  // until the next Configure or Reset; after Configure with a lower learning
  // rate (or clipNorm) training continues from the restored weights.
  Status Step(int n);
  // Runs at most about `flop_budget` floating-point operations of training
  // (see model/cost.h for how they are counted), so that a caller that must
  // stay responsive (the page's worker) never waits long on the core. A step
  // whose whole cost fits the budget runs at once, exactly as Step(1). A
  // larger one is split into pieces (one layer's forward or backward pass over
  // a sub-batch, as wide as keeps each piece within the budget) over several
  // calls, each of which stops at the first piece that reaches the budget; its sub-batch gradients add up to the
  // whole batch's (equal within float rounding: sums are grouped differently)
  // and the update runs when the last piece is in. *finished (optional) says
  // whether a step completed in this call. Until then metrics() and the
  // parameters are those before the step. Step and StepEpochs finish a step
  // under way first; Configure, Reset, SetParams, SetWeight and ImportJson
  // drop it. Divergence is reported as by Step. flop_budget must be > 0.
  Status StepWithin(double flop_budget, bool* finished = nullptr);
  // Whether a step split by StepWithin is part done.
  bool stepInProgress() const;
  // Runs whole epochs (passes over the shuffled training set); after Step()
  // the first one finishes the epoch under way.
  Status StepEpochs(int n);

  // Full pass over train and test sets: losses, accuracies and per-layer
  // activation statistics. Cheap step metrics are always current.
  // The same as EvaluateWithin with an unlimited budget.
  void Evaluate();
  // Evaluate in pieces, for a caller that must stay responsive (the page's
  // worker) on a network whose full pass is long: runs pieces (one layer's
  // forward pass over one chunk of samples, at most about kEvalPieceFlops
  // operations, see cost.h) until about `flop_budget` operations are spent,
  // and resumes there on the next call. The pieces are those Evaluate runs,
  // in the same order, so the result is bit for bit the same. metrics() keeps
  // the previous pass's figures until the last piece is in (*finished).
  // Anything that changes the weights or live settings drops a pass under
  // way; the next call starts afresh. flop_budget must be > 0.
  Status EvaluateWithin(double flop_budget, bool* finished);
  // Whether a pass begun by EvaluateWithin is part done.
  bool evaluationInProgress() const;
  const Metrics& metrics() const;

  // --- Parameters: one contiguous block --------------------------------------
  // Layout, for each weight layer l in order: W_l [out x in] column-major,
  // b_l [out], then PReLU slopes [1 or out] if the layer is PReLU.
  const float* params() const;
  size_t paramCount() const;
  Status SetParams(const float* values, size_t count);
  // Offset of W_l in the block and its shape; l indexes weight layers.
  size_t weightOffset(int layer) const;
  size_t biasOffset(int layer) const;
  int layerCount() const;  // hidden layers + 1
  int layerInputs(int layer) const;
  int layerOutputs(int layer) const;
  // All of the above and the PReLU slopes' place; an empty layer at offset 0
  // when `layer` is out of range.
  LayerInfo layerInfo(int layer) const;
  // One weight, as the page edits it by clicking a link: W_l[to, from].
  Status SetWeight(int layer, int to, int from, float value);

  // --- Data ------------------------------------------------------------------
  const std::vector<Point>& trainPoints() const;
  const std::vector<Point>& testPoints() const;
  // The class the network predicts for each test point, in testPoints()'s
  // order, from the last complete full pass (Evaluate); empty before the
  // first pass since the last Reset or rebuild, and for regression.
  const std::vector<int32_t>& testPredictions() const;
  // What excites each unit most, from the last complete full pass: for every
  // unit of every layer in order (hidden layers, then the outputs after the
  // head), its largest activation over the test set and that test point's
  // position in testPoints() (the first on a tie; -1 with no test points).
  // Empty before the first pass since the last Reset or rebuild.
  const std::vector<float>& testTopActivations() const;
  const std::vector<int32_t>& testTopSamples() const;

  // --- Grid evaluation -------------------------------------------------------
  // Number of nodes drawn: every hidden unit (if include_hidden) then every output.
  size_t gridNodeCount(bool include_hidden) const;
  // Refused for dataset "digits" (64 inputs: no plane).
  // Evaluates the nodes over an n x n grid of [-kDomain, kDomain]^2 into `out`:
  //   out: [nodes x n x n], out[node*n*n + row*n + col], row 0 at x2 = +kDomain
  //   (top), col 0 at x1 = -kDomain, pixel centres. Outputs are post-head:
  //   tanh value, sigmoid probability, softmax probability per class, or the
  //   regression value. n in [kMinGridSize, kMaxGridSize] (call_limits.h).
  // With `regions`, the same pass also fills it (see GridRegions).
  // The same as EvalGridWithin with an unlimited budget.
  Status EvalGrid(int n, bool include_hidden, float* out, size_t out_count,
                  GridRegions* regions = nullptr);
  // EvalGrid in pieces (one layer over one chunk of pixels), as
  // EvaluateWithin: resumes where the last call stopped while n,
  // include_hidden and `out` are the same and the weights have not changed;
  // otherwise starts afresh. `out` is complete, and bit for bit EvalGrid's,
  // once *finished; until then it is partly written.
  // `regions` (optional) is complete with the grid; asking for it, or not,
  // or into another GridRegions, starts afresh too.
  Status EvalGridWithin(int n, bool include_hidden, float* out, size_t out_count,
                        double flop_budget, bool* finished, GridRegions* regions = nullptr);

  // --- One input ---------------------------------------------------------------
  // The forward pass of one input of layerInputs(0) values (the network's
  // features, or a digit's pixels in [0, 1] as DigitPixels gives them), e.g.
  // a digit drawn on the page. Refuses a wrong count or a non-finite value
  // naming `input`. Leaves the training state and any pass under way alone.
  Status Classify(const float* input, size_t count, Classification* out) const;

  // --- Serialisation ---------------------------------------------------------
  // {"format": "relu-playground-model", "version": 1, "config": {...},
  //  "step": N, "params": [...]} into *out, written as a stream (no document
  // tree). An error (and *out empty) when the text cannot be allocated.
  Status ExportJson(std::string* out) const;
  // Replaces config and parameters; on error the previous state is kept.
  Status ImportJson(std::string_view json_text);
  // The most bytes of model JSON ImportJson reads (kModelJsonLimits); longer
  // text is refused unread. The page checks a text's size against it before
  // the text crosses into the core.
  static size_t MaxModelJsonBytes();

 private:
  Trainer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relu
