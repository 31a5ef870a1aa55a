// What a config costs before anything is built: parameters, bytes and
// floating-point operations per training step and per evaluation. The core
// refuses a network above kMaxModelBytes; the page (web/shared/cost.js, a
// copy of these formulas tied to them by tests/js/api/cost.test.js) uses the
// same figures to open an expensive network paused and unbuilt, and the
// trainer uses the FLOP counts to split a long step into short pieces.
#pragma once

#include <algorithm>
#include <cstddef>

#include "model/config/config.h"
#include "model/network.h"
#include "model/status.h"

namespace relu {

// Refuse networks whose parameters, gradients, optimiser moments and batch
// buffers would need more than this, rather than let an allocation fail.
inline constexpr double kMaxModelBytes = 1.5 * 1024 * 1024 * 1024;
// Each parameter has 6 floats: itself, two checkpoints, its gradient and up
// to two optimiser moments (Adam), so that a live switch of optimiser never
// crosses the limit.
inline constexpr int kFloatsPerParam = 6;
// The evaluation and grid passes go through the network in chunks of at
// most this many columns, and at most kEvalChunkFloats floats of buffers.
// 1024 columns: per-call costs (packing, tile edges) fade, and a small
// network's chunk still fits in L2.
inline constexpr int kMaxEvalChunk = 1024;
inline constexpr size_t kEvalChunkFloats = size_t{4} << 20;
// One piece of an evaluation or grid pass (one layer over one chunk of
// columns) costs at most about this many operations, by making the chunk
// narrower for wide layers: 2^24 is 3-17 ms at the measured 1-6 GFLOP/s, so
// a request waits at most about a frame behind a piece. Ordinary networks
// (layers up to about 90 x 90) keep the whole chunk. One column is the
// floor: a 1024 x 1024 layer's column is 2 MFLOP.
inline constexpr double kEvalPieceFlops = double{1 << 24};

// Operations per parameter of an update after the gradient: regularisation,
// gradient norm, clipping, the optimiser (Adam's is the dearest) and the
// weight norm. A round figure: the products dominate every network that
// comes near a threshold.
inline constexpr double kUpdateFlopsPerParam = 10;

// The batch a step takes: batchSize, within [1, trainCount].
inline int EffectiveBatchSize(int batch_size, int train_count) {
  return std::max(1, std::min(batch_size, train_count));
}

// Bytes a network of this layout needs for training with this batch size.
double EstimateModelBytes(const NetworkLayout& layout, int batch_size, int eval_chunk);
// The evaluation chunk for this layout: as many columns as fit kEvalChunkFloats.
int EvalChunk(const NetworkLayout& layout);
// Columns of one evaluation piece: the chunk, narrowed so that no layer's
// forward pass over it passes kEvalPieceFlops (at least 1 column).
int EvalPieceColumns(const NetworkLayout& layout, int eval_chunk);
// Floats of the largest layer's stretch of the parameter block (weights,
// biases, slopes): a split step's buffer for one piece's gradient.
size_t LargestLayerParams(const NetworkLayout& layout);

// One layer's forward pass over `cols` samples: the product (2 per weight),
// the bias and the activation.
double LayerForwardFlops(const LayerLayout& layer, int cols);
// One layer's backward pass: the weight gradient, the input gradient (not for
// the first layer, whose inputs are data), the activation's derivative and
// the bias gradient.
double LayerBackwardFlops(const LayerLayout& layer, bool first_layer, int cols);
// Forward through every layer: what Evaluate and the grid spend per sample.
double ForwardFlops(const NetworkLayout& layout, int cols);
// A whole training step of `cols` samples: forward, backward and update.
double StepFlops(const NetworkLayout& layout, int cols);

struct CostEstimate {
  double paramCount = 0;
  double bytes = 0;     // EstimateModelBytes at the effective batch size
  double maxBytes = 0;  // kMaxModelBytes: above it the core refuses the config
  int trainCount = 0, testCount = 0;
  int batchSize = 0;  // batchSize clamped to [1, trainCount], as training runs
  double stepFlops = 0;            // one training step
  double evaluateFlops = 0;        // Evaluate: forward over train and test sets
  double forwardFlopsPerSample = 0;  // a grid of n x n pixels costs n * n times this
};

// Visits every figure of `c` as visit(name, value), in the order above: the
// one list of the names that writers of a cost (the bindings) use.
template <typename Visitor>
void VisitCost(const CostEstimate& c, Visitor&& visit) {
  visit("paramCount", c.paramCount);
  visit("bytes", c.bytes);
  visit("maxBytes", c.maxBytes);
  visit("trainCount", c.trainCount);
  visit("testCount", c.testCount);
  visit("batchSize", c.batchSize);
  visit("stepFlops", c.stepFlops);
  visit("evaluateFlops", c.evaluateFlops);
  visit("forwardFlopsPerSample", c.forwardFlopsPerSample);
}

// The cost of a config, computed from its shape alone (no data generated, no
// memory taken). Errors are the config's validation errors.
Status EstimateCost(const Config& config, CostEstimate* out);

}  // namespace relu
