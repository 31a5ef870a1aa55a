#include "model/cost.h"

#include <algorithm>
#include <cmath>

#include "model/data.h"

namespace relu {

double EstimateModelBytes(const NetworkLayout& layout, int batch_size, int eval_chunk) {
  // Parameters, two checkpoints, gradients and up to two optimiser moments
  // (Adam), so that a live switch of optimiser never crosses the limit; and
  // the split step's gradient buffer for one layer.
  const double floats = double{kFloatsPerParam} * static_cast<double>(layout.paramCount) +
                        static_cast<double>(LargestLayerParams(layout)) +
                        static_cast<double>(WorkspaceFloats(layout, batch_size)) +
                        static_cast<double>(WorkspaceFloats(layout, eval_chunk));
  return floats * sizeof(float);
}

int EvalChunk(const NetworkLayout& layout) {
  int chunk = kMaxEvalChunk;
  while (chunk > 1 && WorkspaceFloats(layout, chunk) > kEvalChunkFloats) chunk /= 2;
  return chunk;
}

int EvalPieceColumns(const NetworkLayout& layout, int eval_chunk) {
  double dearest = 0;
  for (const LayerLayout& layer : layout.layers) dearest = std::max(dearest, LayerForwardFlops(layer, 1));
  const double fits = dearest > 0 ? std::floor(kEvalPieceFlops / dearest) : eval_chunk;
  return static_cast<int>(std::clamp(fits, 1.0, static_cast<double>(std::max(eval_chunk, 1))));
}

size_t LargestLayerParams(const NetworkLayout& layout) {
  size_t largest = 0;
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    largest = std::max(largest, layout.parametersEnd(l) - layout.layers[l].weightOffset);
  }
  return largest;
}

double LayerForwardFlops(const LayerLayout& layer, int cols) {
  const double weights = static_cast<double>(layer.inputs) * layer.outputs;
  return (2.0 * weights + 2.0 * layer.outputs) * cols;
}

double LayerBackwardFlops(const LayerLayout& layer, bool first_layer, int cols) {
  const double weights = static_cast<double>(layer.inputs) * layer.outputs;
  return ((first_layer ? 2.0 : 4.0) * weights + 3.0 * layer.outputs) * cols;
}

double ForwardFlops(const NetworkLayout& layout, int cols) {
  double flops = 0;
  for (const LayerLayout& layer : layout.layers) flops += LayerForwardFlops(layer, cols);
  return flops;
}

double StepFlops(const NetworkLayout& layout, int cols) {
  double flops = ForwardFlops(layout, cols);
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    flops += LayerBackwardFlops(layout.layers[l], l == 0, cols);
  }
  return flops + kUpdateFlopsPerParam * static_cast<double>(layout.paramCount);
}

Status EstimateCost(const Config& config, CostEstimate* out) {
  if (out == nullptr) return Status::Error("EstimateCost: no output given");
  Status status = ValidateConfig(config);
  if (!status.ok()) return status;
  const NetworkLayout layout = MakeLayout(config, NumInputs(config), NumOutputs(config));
  const int total = SampleCount(config);
  CostEstimate cost;
  cost.trainCount = TrainCount(total, config.trainRatio);
  cost.testCount = std::max(0, total - cost.trainCount);
  cost.batchSize = EffectiveBatchSize(config.batchSize, cost.trainCount);
  cost.paramCount = static_cast<double>(layout.paramCount);
  cost.bytes = EstimateModelBytes(layout, cost.batchSize, EvalChunk(layout));
  cost.maxBytes = kMaxModelBytes;
  cost.stepFlops = StepFlops(layout, cost.batchSize);
  cost.forwardFlopsPerSample = ForwardFlops(layout, 1);
  cost.evaluateFlops = ForwardFlops(layout, cost.trainCount + cost.testCount);
  *out = cost;
  return Status::Ok();
}

}  // namespace relu
