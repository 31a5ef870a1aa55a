// Internal to the trainer: the state behind Trainer, shared by trainer.cc
// (construction, stepping, parameters), trainer_eval.cc (full passes and the
// grid) and trainer_io.cc (JSON import and export).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/buffer.h"
#include "model/network.h"
#include "model/optimizer.h"
#include "model/rng.h"
#include "model/trainer.h"

namespace relu {

// Refuse networks whose parameters, gradients, optimiser moments and batch
// buffers would need more than this, rather than let an allocation fail.
inline constexpr double kMaxModelBytes = 1.5 * 1024 * 1024 * 1024;
// The evaluation and grid passes go through the network in chunks of at
// most this many columns, and at most kEvalChunkFloats floats of buffers.
inline constexpr int kMaxEvalChunk = 256;
inline constexpr size_t kEvalChunkFloats = size_t{4} << 20;

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

struct Trainer::Impl {
  // Builds the complete state of `config` (validated, data generated,
  // weights initialised), or returns an error and leaves *out alone.
  static Status Build(const Config& config, std::unique_ptr<Impl>* out);

  // Weights and optimiser state from the seed, the shuffle from the start.
  void ResetTraining();
  // One step, or steps to the end of the epoch; records a divergence.
  Status Advance(bool whole_epoch);
  // One mini-batch update. On error (the cause of a divergence) nothing has
  // changed, and *roll_back says whether the previous update is to blame (the
  // loss or gradient of its result is non-finite) rather than this one.
  Status StepOnce(bool* roll_back);
  // Returns to the parameters before the last update, which led to a
  // non-finite loss or gradient, and zeroes the optimiser's moments.
  void RollBack();
  // Applies a config that differs from the current one in live fields only.
  Status ConfigureLive(const Config& next);
  // Loss and correct predictions over one set (chunk by chunk through
  // `eval`); with `sums`, also per-layer sums, liveness and histograms.
  void Pass(const FeatureSet& set, std::vector<LayerSums>* sums, double* loss_sum, int* correct);
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
  // The parameters before the last update, to return to when its result
  // proves non-finite at the next step. Valid when hasPrevious.
  FloatBuffer previousParams;  // [paramCount]
  bool hasPrevious = false;
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

  Metrics metrics;
};

// Bytes a network of this layout needs for training with this batch size.
double EstimateModelBytes(const NetworkLayout& layout, int batch_size, int eval_chunk);
// The evaluation chunk for this layout: as many columns as fit kEvalChunkFloats.
int EvalChunk(const NetworkLayout& layout);

}  // namespace relu
