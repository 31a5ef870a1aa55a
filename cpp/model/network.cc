#include "model/network.h"

#include <algorithm>

#include "model/products.h"

namespace relu {
namespace {

// Buffers start on 64-byte boundaries, so SIMD loads of a column start aligned
// whenever the row count allows.
size_t Padded(size_t floats) { return (floats + 15) / 16 * 16; }

// The input-gradient product's scratch, for the largest layer.
size_t ScratchFloats(const NetworkLayout& layout) {
  size_t largest = 0;
  for (const LayerLayout& layer : layout.layers) {
    largest = std::max(largest, ProductScratchFloats(static_cast<size_t>(layer.outputs),
                                                     static_cast<size_t>(layer.inputs)));
  }
  return largest;
}

}  // namespace

Head HeadOf(const Config& config) {
  switch (config.problem) {
    case Problem::kRegression:
      return Head::kLinearMse;
    case Problem::kMulticlass:
      return Head::kSoftmaxCe;
    case Problem::kBinary:
      break;
  }
  return config.binaryHead == BinaryHead::kSigmoidBce ? Head::kSigmoidBce : Head::kTanhMse;
}

std::string_view LayerActivationName(const NetworkLayout& layout, size_t l) {
  if (l + 1 < layout.layers.size()) return kernels::ActName(layout.layers[l].act);
  switch (layout.head) {
    case Head::kLinearMse:
      return "linear";
    case Head::kTanhMse:
      return "tanh";
    case Head::kSigmoidBce:
      return "sigmoid";
    case Head::kSoftmaxCe:
      return "softmax";
  }
  return "unknown";
}

NetworkLayout MakeLayout(const Config& config, int inputs, int outputs) {
  NetworkLayout layout;
  layout.inputs = inputs;
  layout.head = HeadOf(config);
  layout.widest = std::max(inputs, outputs);
  size_t offset = 0;
  int fan_in = inputs;
  const size_t hidden_count = config.hidden.size();
  for (size_t l = 0; l <= hidden_count; ++l) {
    LayerLayout layer;
    const bool is_output = l == hidden_count;
    layer.inputs = fan_in;
    layer.outputs = is_output ? outputs : config.hidden[l];
    layer.act = is_output ? Act::kLinear : config.activations[l];
    layer.weightOffset = offset;
    offset += static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs);
    layer.biasOffset = offset;
    offset += static_cast<size_t>(layer.outputs);
    layer.slopeOffset = offset;  // where slopes would start, even when there are none
    if (layer.act == Act::kPrelu) {
      layer.slopeCount = config.preluPerUnit ? layer.outputs : 1;
      offset += static_cast<size_t>(layer.slopeCount);
    }
    layout.widest = std::max(layout.widest, layer.outputs);
    layout.layers.push_back(layer);
    fan_in = layer.outputs;
  }
  layout.paramCount = offset;
  SetLiveActParams(config, &layout);
  return layout;
}

void SetLiveActParams(const Config& config, NetworkLayout* layout) {
  for (LayerLayout& layer : layout->layers) {
    layer.actParams.alpha = layer.act == Act::kLeakyRelu ? config.leakySlope
                            : layer.act == Act::kElu     ? config.eluAlpha
                                                         : 0.0f;
  }
}

size_t WorkspaceFloats(const NetworkLayout& layout, int capacity) {
  const auto cap = static_cast<size_t>(capacity);
  size_t floats = Padded(static_cast<size_t>(layout.inputs) * cap) + Padded(cap) +
                  2 * Padded(static_cast<size_t>(layout.widest) * cap) +
                  Padded(ScratchFloats(layout));
  const size_t last = layout.layers.size() - 1;
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const size_t block = Padded(static_cast<size_t>(layer.outputs) * cap);
    const bool aliased = layer.act == Act::kLinear && l != last;
    floats += aliased ? block : 2 * block;
    if (layer.act == Act::kPrelu) floats += 2 * Padded(static_cast<size_t>(layer.outputs));
  }
  return floats;
}

bool Workspace::Resize(const NetworkLayout& layout, int capacity) {
  const auto cap = static_cast<size_t>(capacity);
  const size_t count = layout.layers.size();
  std::vector<size_t> pre(count), act(count), slopes(count, 0), slope_grads(count, 0);
  size_t offset = 0;
  auto take = [&offset](size_t floats) {
    const size_t start = offset;
    offset += Padded(floats);
    return start;
  };
  const size_t input = take(static_cast<size_t>(layout.inputs) * cap);
  const size_t labels = take(cap);
  const size_t delta0 = take(static_cast<size_t>(layout.widest) * cap);
  const size_t delta1 = take(static_cast<size_t>(layout.widest) * cap);
  const size_t scratch = take(ScratchFloats(layout));
  for (size_t l = 0; l < count; ++l) {
    const LayerLayout& layer = layout.layers[l];
    const size_t block = static_cast<size_t>(layer.outputs) * cap;
    pre[l] = take(block);
    // A linear hidden layer's activations are its pre-activations.
    act[l] = layer.act == Act::kLinear && l != count - 1 ? pre[l] : take(block);
    if (layer.act == Act::kPrelu) {
      slopes[l] = take(static_cast<size_t>(layer.outputs));
      slope_grads[l] = take(static_cast<size_t>(layer.outputs));
    }
  }
  if (!block_.Assign(offset)) return false;
  capacity_ = capacity;
  input_ = input;
  labels_ = labels;
  delta_[0] = delta0;
  delta_[1] = delta1;
  scratch_ = scratch;
  pre_ = std::move(pre);
  act_ = std::move(act);
  slopes_ = std::move(slopes);
  slopeGrads_ = std::move(slope_grads);
  return true;
}

namespace {

// The epilogue that gives a layer's product its bias and, where the GEMM can
// take it, its activation (ReLU, Leaky ReLU, PReLU with one slope) into y.
// Other activations keep act == kNone and are applied after the product.
kernels::GemmEpilogue LayerEpilogue(const LayerLayout& layer, bool is_output, const float* params,
                                    float* y) {
  kernels::GemmEpilogue epilogue;
  if (is_output) return epilogue;  // logits: the head follows
  if (layer.act == Act::kRelu) {
    epilogue.act = kernels::GemmAct::kRelu;
  } else if (layer.act == Act::kLeakyRelu) {
    epilogue.act = kernels::GemmAct::kLeakyRelu;
    epilogue.alpha = layer.actParams.alpha;
  } else if (layer.act == Act::kPrelu && layer.slopeCount == 1) {
    epilogue.act = kernels::GemmAct::kLeakyRelu;
    epilogue.alpha = params[layer.slopeOffset];
  }
  if (epilogue.act != kernels::GemmAct::kNone) epilogue.y = y;
  return epilogue;
}

}  // namespace

void ForwardLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                  const float* params, int cols, Workspace* ws, size_t l) {
  const size_t count = layout.layers.size();
  const LayerLayout& layer = layout.layers[l];
  const auto rows = static_cast<size_t>(layer.outputs);
  const auto n = static_cast<size_t>(cols);
  const bool is_output = l == count - 1;
  const float* x = l == 0 ? ws->input() : ws->act(static_cast<int>(l) - 1);  // [inputs x cols]
  float* z = ws->pre(static_cast<int>(l));                                   // [outputs x cols]
  float* a = ws->act(static_cast<int>(l));                                   // [outputs x cols]
  const float* w = params + layer.weightOffset;                              // [outputs x inputs]
  const auto inputs = static_cast<size_t>(layer.inputs);
  kernels::GemmEpilogue epilogue = LayerEpilogue(layer, is_output, params, a);
  epilogue.rowBias = params + layer.biasOffset;  // [outputs]
  ForwardProduct(kernels, rows, inputs, n, w, x, z, &epilogue);
  if (is_output || layer.act == Act::kLinear) return;  // logits, or A == Z

  if (layer.act == Act::kPrelu) {
    const float* slope = params + layer.slopeOffset;      // [slopeCount]
    float* row_slopes = ws->slopes(static_cast<int>(l));  // [outputs], kept for backward
    for (size_t r = 0; r < rows; ++r) row_slopes[r] = layer.slopeCount == 1 ? slope[0] : slope[r];
    if (layer.slopeCount > 1) {
      for (size_t j = 0; j < n; ++j)
        kernels.prelu_forward(rows, z + j * rows, row_slopes, a + j * rows);
    }
  } else if (epilogue.act == kernels::GemmAct::kNone) {
    kernels[layer.act].forward(rows * n, z, a, &layer.actParams);
  }
}

void Forward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
             int cols, Workspace* ws) {
  for (size_t l = 0; l < layout.layers.size(); ++l) ForwardLayer(layout, kernels, params, cols, ws, l);
}

namespace {
// Where ForwardSampleMajor puts layer l's outputs: [cols x outputs_l].
SampleMajorOutput SampleMajorDestination(const NetworkLayout& layout, int cols,
                                         const SampleMajorOutput* hidden, Workspace* ws, size_t l) {
  const int index = static_cast<int>(l);
  // Hidden layers go through Z^T straight into A^T (in place), the output
  // layer keeps its logits in Z^T for the head.
  if (l + 1 == layout.layers.size()) return {ws->pre(index), static_cast<size_t>(cols)};
  if (hidden) return hidden[l];
  return {ws->act(index), static_cast<size_t>(cols)};
}
}  // namespace

void ForwardSampleMajorLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                             const float* params, int cols, const SampleMajorOutput* hidden,
                             Workspace* ws, size_t l) {
  const auto n = static_cast<size_t>(cols);
  // [cols x inputs]: the data for the first layer, else the previous layer's A^T.
  const SampleMajorOutput from = l == 0 ? SampleMajorOutput{ws->input(), n}
                                        : SampleMajorDestination(layout, cols, hidden, ws, l - 1);
  const LayerLayout& layer = layout.layers[l];
  const auto rows = static_cast<size_t>(layer.outputs);
  const auto inputs = static_cast<size_t>(layer.inputs);
  const bool is_output = l + 1 == layout.layers.size();
  const SampleMajorOutput to = SampleMajorDestination(layout, cols, hidden, ws, l);
  const float* w = params + layer.weightOffset;  // [outputs x inputs]
  kernels::GemmEpilogue epilogue = LayerEpilogue(layer, is_output, params, to.at);
  epilogue.colBias = params + layer.biasOffset;  // [outputs]: one per column here
  SampleMajorForwardProduct(kernels, rows, inputs, n, w, from.at, from.ld, to.at, to.ld, &epilogue);
  if (is_output || layer.act == Act::kLinear || epilogue.act != kernels::GemmAct::kNone) return;
  for (size_t u = 0; u < rows; ++u) {
    float* run = to.at + u * to.ld;  // unit u over the batch: [cols]
    if (layer.act == Act::kPrelu) {   // one slope per unit: Leaky ReLU with that slope
      const kernels::ActParams unit{params[layer.slopeOffset + u]};
      kernels[Act::kLeakyRelu].forward(n, run, run, &unit);
    } else {
      kernels[layer.act].forward(n, run, run, &layer.actParams);
    }
  }
}

void ForwardSampleMajor(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                        const float* params, int cols, const SampleMajorOutput* hidden,
                        Workspace* ws) {
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    ForwardSampleMajorLayer(layout, kernels, params, cols, hidden, ws, l);
  }
}

void BackwardLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                   const float* params, int cols, Workspace* ws, int l, int* current,
                   float* layer_grads) {
  const int count = static_cast<int>(layout.layers.size());
  const LayerLayout& layer = layout.layers[l];
  const auto rows = static_cast<size_t>(layer.outputs);
  const auto n = static_cast<size_t>(cols);
  float* dz = ws->delta(*current);  // [outputs x cols]: dA in, dZ out (in place)
  if (l != count - 1) {
    const float* z = ws->pre(l);  // [outputs x cols]
    const float* a = ws->act(l);  // [outputs x cols]
    if (layer.act == Act::kPrelu) {
      const float* row_slopes = ws->slopes(l);  // [outputs]
      float* slope_grads = ws->slopeGrads(l);   // [outputs], accumulated over columns
      std::fill(slope_grads, slope_grads + rows, 0.0f);
      for (size_t j = 0; j < n; ++j) {
        kernels.prelu_backward(rows, z + j * rows, row_slopes, dz + j * rows, dz + j * rows,
                               slope_grads);
      }
      float* dslope = layer_grads + (layer.slopeOffset - layer.weightOffset);  // [slopeCount]
      if (layer.slopeCount == 1) {
        float sum = 0.0f;
        for (size_t r = 0; r < rows; ++r) sum += slope_grads[r];
        dslope[0] = sum;
      } else {
        std::copy(slope_grads, slope_grads + rows, dslope);
      }
    } else if (layer.act != Act::kLinear) {
      kernels[layer.act].backward(rows * n, z, a, dz, dz, &layer.actParams);
    }
  }
  const float* x = l == 0 ? ws->input() : ws->act(l - 1);   // [inputs x cols]
  const float* w = params + layer.weightOffset;             // [outputs x inputs]
  float* dw = layer_grads;                                  // [outputs x inputs]
  float* db = layer_grads + (layer.biasOffset - layer.weightOffset);  // [outputs]
  float* dx = l > 0 ? ws->delta(1 - *current) : nullptr;    // [inputs x cols]: dL/dA_{l-1}
  const auto inputs = static_cast<size_t>(layer.inputs);
  WeightGradientProduct(kernels, rows, inputs, n, dz, x, dw);
  if (dx) InputGradientProduct(kernels, rows, inputs, n, w, dz, dx, ws->scratch());
  std::fill(db, db + rows, 0.0f);
  for (size_t j = 0; j < n; ++j) {
    for (size_t r = 0; r < rows; ++r) db[r] += dz[j * rows + r];
  }
  if (dx) *current = 1 - *current;
}

void Backward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
              int cols, Workspace* ws, float* grads) {
  int current = 0;  // ws->delta(current) holds dL/dA_l (hidden) or dL/dZ_l (output)
  for (int l = static_cast<int>(layout.layers.size()) - 1; l >= 0; --l) {
    BackwardLayer(layout, kernels, params, cols, ws, l, &current, grads + layout.layers[l].weightOffset);
  }
}

}  // namespace relu
