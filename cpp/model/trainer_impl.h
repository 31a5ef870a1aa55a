// Internal to the trainer: the state behind Trainer, shared by trainer.cc
// (construction, stepping, parameters), trainer_eval.cc (full passes and the
// grid) and trainer_io.cc (JSON import and export).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/buffer.h"
#include "model/config/json_guard.h"
#include "model/cost.h"
#include "model/network.h"
#include "model/optimizer.h"
#include "model/rng.h"
#include "model/trainer.h"

namespace relu {

// No network (kFloatsPerParam and kMaxModelBytes: cost.h) the core builds has more parameters than this (2^26).
inline constexpr size_t kMaxModelParams =
    static_cast<size_t>(kMaxModelBytes) / (kFloatsPerParam * sizeof(float));

// Model files (ImportJson). Values: the largest model's parameters, its config
// at the config limit, and the few top-level members. Bytes: the same model
// written with each parameter on a line of its own, indented as
// JSON.stringify(model, null, 2) does (at most 21 bytes: 4 spaces, 15
// characters as in "-1.17549435e-38", a comma and a newline; 24 leaves room
// for a CR or a deeper indent), after the largest config. Anything beyond
// cannot be a model the core would build, and is refused unread.
inline constexpr JsonLimits kModelJsonLimits{
    "model JSON", kMaxModelParams * 24 + kConfigJsonLimits.maxBytes, kConfigJsonLimits.maxDepth,
    kMaxModelParams + kConfigJsonLimits.maxValues + 16};
// An imported `step` drives the schedule and the sample count (step x batch
// size, at most 20000): up to 1e11 steps (over three years at 1000 steps a
// second) keeps that count below 2^53, where the epoch (a double) is exact,
// with room to train on.
inline constexpr int64_t kMaxImportedStep = 100000000000;

// Divergence before anything turns non-finite. A run has blown up when the
// weights' norm ||W|| (all weight matrices, biases excluded) passes
// kWeightBlowUp x max(||W|| at the baseline, 1), or, for the heads whose loss
// is unbounded (regression, sigmoid and softmax cross-entropy), when a batch
// loss passes kLossBlowUp x max(first batch loss after the baseline, 1). The
// baseline is the last Reset, SetParams, SetWeight or import. (The first
// batch stands in for a full pass, which would cost a pass over the training
// set at every Reset and weight edit.) Healthy
// training stays far below both: over every lesson preset and example (5
// seeds, 100 epochs) ||W|| grew at most 5x and batch losses reached at most
// 6.2x; runs of lesson 7's sweep that went on to learn (test loss < 0.02)
// spiked to at most 38x.
inline constexpr double kWeightBlowUp = 1e4;
inline constexpr double kLossBlowUp = 1e4;

// The parameters at an epoch boundary, to return to when training diverges.
struct Checkpoint {
  FloatBuffer params;  // [paramCount]
  int64_t step = 0;
  int64_t samplesSeen = 0;
};

// A data set ready for the network: features column-major, one column per point.
struct FeatureSet {
  std::vector<float> features;  // [inputs x count]
  std::vector<float> labels;    // [count]
  int count = 0;
};

// Sums over every element of one layer during an evaluation pass.
struct LayerSums {
  double pre = 0, preSquares = 0, act = 0, actSquares = 0;
  size_t zeros = 0;
};

// A training step split into pieces by StepWithin: where it stands between
// calls. Each piece is one layer's forward or backward pass over a sub-batch
// of at most pieceCols samples; the sub-batches' gradients add up in grads,
// and the update runs once the last one is in.
struct PendingStep {
  bool active = false;
  int cols = 0;           // the step's batch
  int pieceCols = 0;      // samples per sub-batch
  int start = 0;          // first sample of the sub-batch under way
  bool backward = false;  // its phase
  int layer = 0;          // the next layer of the phase
  int current = 0;        // Backward's delta buffer (see BackwardLayer)
  double lossSum = 0;     // of the sub-batches so far
};

// A full pass (Evaluate) or a grid pass (EvalGrid) run as pieces: one layer's
// forward pass over one chunk of at most EvalPieceColumns samples or pixels.
// Where it stands between calls of EvaluateWithin / EvalGridWithin; the
// one-shot calls run the same pieces with no budget.
struct PendingEvaluation {
  bool active = false;
  bool testSet = false;  // Evaluate: the training set first, then the test set
  int start = 0;         // first sample (or pixel) of the chunk under way
  int layer = 0;         // the chunk's next layer
  double lossSum = 0;    // Evaluate: of the set under way, so far
  int correct = 0;
  double trainLossSum = 0;  // Evaluate: the training set's, once done
  int trainCorrect = 0;
  // EvalGrid: what the pass was asked for; another request starts afresh.
  int gridSize = 0;
  bool includeHidden = false;
  float* out = nullptr;
  GridRegions* regions = nullptr;  // EvalGrid's patterns, when asked for
};

struct Trainer::Impl {
  // Builds the complete state of `config` (validated, data generated,
  // weights initialised), or returns an error and leaves *out alone.
  static Status Build(const Config& config, std::unique_ptr<Impl>* out);

  // Weights and optimiser state from the seed, the shuffle from the start.
  void ResetTraining();
  // One step, or steps to the end of the epoch; records a divergence.
  Status Advance(bool whole_epoch);
  // One mini-batch update. An error is the cause of a divergence; the
  // parameters may then be anything, and Advance restores a checkpoint.
  Status StepOnce();
  // Up to about flop_budget operations of the step under way (or of a new
  // one); *finished once it is complete. A step whose whole cost fits the
  // budget runs as StepOnce. Errors are divergence causes, as StepOnce's.
  Status StepPieces(double flop_budget, bool* finished);
  // Records a divergence (`cause`), returns to a checkpoint, returns the error.
  Status Diverge(const Status& cause);
  // The named parts of a step, in order:
  int BatchColumns() const;                 // this step's samples (an epoch's last batch may be smaller)
  void GatherBatch(int first, int cols);    // samples [first, first + cols) of the batch into batch.input()
  Status CheckLoss(double loss, int64_t attempted);  // non-finite, or past lossLimit
  Status CompleteStep(int cols, double loss);        // from the gradient in grads:
  Status RegularizeAndClip(int64_t attempted);       //   L1/L2, norms, clipping
  Status ApplyUpdate(int64_t attempted, double lr);  //   the optimiser, the weights' blow-up check
  void RecordUpdate();                               //   per-layer norms and slopes
  void FinishStep(int64_t attempted, int cols, double loss, double lr);  // counters, epoch end
  // Takes the current parameters as healthy: both checkpoints hold them and
  // the blow-up limits are measured from them (a full pass over the data).
  void SetBaseline();
  // Overwrites the older checkpoint with the current state (an epoch boundary).
  void SaveCheckpoint();
  // Returns to the older checkpoint (the newer one may already be on the
  // explosive path), which both slots then hold; zeroes the optimiser's
  // moments; the data order restarts its epoch.
  void RestoreCheckpoint();
  // Applies a config that differs from the current one in live fields only.
  Status ConfigureLive(const Config& next);
  // Up to about flop_budget operations of the evaluation (or grid) pass under
  // way, or of a new one; true once it is complete.
  bool EvaluatePieces(double flop_budget);
  bool GridPieces(int n, bool include_hidden, float* out, double flop_budget,
                  GridRegions* regions);
  // A grid pass's patterns: checked and zeroed at its start, each hidden
  // layer's chunk hashed after its forward piece (`image`: where its outputs
  // went when the pass draws hidden units, else null: the workspace).
  void StartRegions(size_t pixels, GridRegions* regions);
  void HashPatterns(int l, size_t start, int cols, const SampleMajorOutput* image,
                    GridRegions* regions);
  // The weights or live settings changed: a pass under way is of old ones.
  void DropEvaluations();
  // Per-step metrics that depend on the parameters only (after SetParams too).
  void RefreshParamMetrics();
  int BatchSize() const;

  const kernels::KernelSet* kernels = nullptr;  // chosen once, by SelectKernels()
  Config config;
  std::vector<Point> trainPoints, testPoints;
  FeatureSet train, test;

  NetworkLayout layout;
  FloatBuffer params;  // [paramCount], layout in trainer.h
  FloatBuffer grads;   // [paramCount]
  FloatBuffer pieceGrads;  // [LargestLayerParams]: one piece's gradient of a split step
  PendingStep pending;
  // The two most recent healthy states; checkpoints[newestCheckpoint] is the newer.
  Checkpoint checkpoints[2];
  int newestCheckpoint = 0;
  double weightNormLimit = 0;  // ||W|| beyond this is a blow-up (kWeightBlowUp)
  double lossLimit = 0;        // a batch loss beyond this is a blow-up (kLossBlowUp); NaN until set
  OptimizerState optimizer;
  Workspace batch;                        // capacity: the effective batch size
  Workspace eval;                         // capacity: the evaluation chunk
  std::vector<LayerUpdate> layerUpdates;  // per weight layer, of the last update

  Rng shuffleRng{0, kStreamShuffle};
  std::vector<uint32_t> order;  // this epoch's permutation of the training set
  size_t cursor = 0;            // next position in `order`
  int64_t samplesSeen = 0;

  // Evaluate's accumulators, per weight layer, allocated once.
  std::vector<LayerSums> layerSums;
  std::vector<std::vector<uint8_t>> unitAlive;  // [layer][unit]: non-zero at least once
  // [layer][unit]: training samples near a limit; empty but for sigmoid/tanh layers
  std::vector<std::vector<uint32_t>> unitNearLimit;
  // EvalGrid's destinations of the hidden layers, one per weight layer, allocated once.
  std::vector<SampleMajorOutput> gridOutputs;
  // Evaluate's histograms while a pass runs, published at its end.
  std::vector<std::vector<uint32_t>> passHistograms;
  int evalPieceColumns = 1;  // EvalPieceColumns of the layout and the eval chunk
  PendingEvaluation pendingEvaluation;
  // The test set's predicted classes: of the last complete pass, and of the pass under way.
  std::vector<int32_t> testPredictions, passTestPredictions;
  // Per unit of every layer in order: the test sample that excites it most
  // (model/unit_argmax.h), of the last complete pass and of the pass under way.
  std::vector<float> testTopActivations, passTopActivations;
  std::vector<int32_t> testTopSamples, passTopSamples;
  PendingEvaluation pendingGrid;
  std::vector<uint64_t> patternKeys;  // one per hidden unit, in layer order (model/regions.h)

  Metrics metrics;
};

}  // namespace relu
