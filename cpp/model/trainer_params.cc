// Trainer: the parameter block: reading and replacing it, one weight at a
// time or all at once, and the layout of each layer inside it.
#include <algorithm>
#include <cmath>
#include <string>

#include "model/trainer.h"
#include "model/trainer_impl.h"

namespace relu {

const float* Trainer::params() const { return impl_->params.data(); }
size_t Trainer::paramCount() const { return impl_->layout.paramCount; }

Status Trainer::SetParams(const float* values, size_t count) {
  const size_t expected = impl_->layout.paramCount;
  if (count != expected) {
    return Status::Error("params: " + std::to_string(count) + " values given, the network has " +
                         std::to_string(expected));
  }
  if (count && !values) return Status::Error("params: no values given");
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) {
      return Status::Error("params[" + std::to_string(i) + "] is " + std::to_string(values[i]) +
                           ": every parameter must be finite");
    }
  }
  std::copy_n(values, count, impl_->params.data());
  impl_->RefreshParamMetrics();
  impl_->SetBaseline();
  return Status::Ok();
}

int Trainer::layerCount() const { return static_cast<int>(impl_->layout.layers.size()); }

// Out-of-range layers read as an empty layer at offset 0: these accessors
// cannot report errors, and must not read outside the layout.
namespace {
const LayerLayout& LayerOrEmpty(const NetworkLayout& layout, int layer) {
  static const LayerLayout kEmpty;
  const bool valid = layer >= 0 && layer < static_cast<int>(layout.layers.size());
  return valid ? layout.layers[static_cast<size_t>(layer)] : kEmpty;
}
}  // namespace

size_t Trainer::weightOffset(int layer) const {
  return LayerOrEmpty(impl_->layout, layer).weightOffset;
}
size_t Trainer::biasOffset(int layer) const {
  return LayerOrEmpty(impl_->layout, layer).biasOffset;
}
int Trainer::layerInputs(int layer) const { return LayerOrEmpty(impl_->layout, layer).inputs; }
int Trainer::layerOutputs(int layer) const { return LayerOrEmpty(impl_->layout, layer).outputs; }

LayerInfo Trainer::layerInfo(int layer) const {
  const LayerLayout& layout = LayerOrEmpty(impl_->layout, layer);
  LayerInfo info;
  info.inputs = layout.inputs;
  info.outputs = layout.outputs;
  if (layer >= 0 && layer < layerCount()) {
    info.activation = LayerActivationName(impl_->layout, static_cast<size_t>(layer));
  }
  info.weightOffset = layout.weightOffset;
  info.biasOffset = layout.biasOffset;
  info.slopeOffset = layout.slopeOffset;
  info.slopeCount = layout.slopeCount;
  return info;
}

Status Trainer::SetWeight(int layer, int to, int from, float value) {
  const int count = layerCount();
  if (layer < 0 || layer >= count) {
    return Status::Error("layer: " + std::to_string(layer) + " is out of range [0, " +
                         std::to_string(count - 1) + "]");
  }
  const LayerLayout& target = impl_->layout.layers[static_cast<size_t>(layer)];
  if (to < 0 || to >= target.outputs) {
    return Status::Error("to: " + std::to_string(to) + " is out of range [0, " +
                         std::to_string(target.outputs - 1) + "] for layer " +
                         std::to_string(layer));
  }
  if (from < 0 || from >= target.inputs) {
    return Status::Error("from: " + std::to_string(from) + " is out of range [0, " +
                         std::to_string(target.inputs - 1) + "] for layer " +
                         std::to_string(layer));
  }
  if (!std::isfinite(value))
    return Status::Error("value: " + std::to_string(value) + " is not finite");
  impl_->params[target.weightOffset + static_cast<size_t>(from) * target.outputs + to] = value;
  impl_->RefreshParamMetrics();
  impl_->SetBaseline();
  return Status::Ok();
}

}  // namespace relu
