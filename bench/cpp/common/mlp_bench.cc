#include "mlp_bench.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <utility>

#include "kernels/kernels.h"
#include "model/loss.h"
#if defined(__wasm_simd128__)
#include "proto_simd.h"
#endif

namespace relu::bench {

bool MlpBench::Prepare(MlpData data, Engine engine) {
#if !defined(__wasm_simd128__)
  if (engine == Engine::kProto) return false;
#endif
  data_ = std::move(data);
  engine_ = engine;
  Config config;
  config.problem = data_.softmax ? Problem::kMulticlass : Problem::kBinary;
  config.binaryHead = BinaryHead::kTanhMse;
  config.hidden = data_.hidden;
  config.activations.assign(data_.hidden.size(), Act::kRelu);
  layout_ = MakeLayout(config, data_.inputs, data_.outputs);
  const auto samples = static_cast<size_t>(data_.count);
  if (data_.params.size() != layout_.paramCount || data_.batch <= 0 || (!data_.softmax && data_.outputs != 1) ||
      data_.x.size() != samples * static_cast<size_t>(data_.inputs) || data_.labels.size() != samples ||
      data_.order.size() < static_cast<size_t>(data_.batch)) {
    return false;
  }
  const int classes = data_.softmax ? data_.outputs : 2;
  for (int32_t label : data_.labels) {
    if (label < 0 || label >= classes) return false;
  }
  for (int32_t index : data_.order) {
    if (index < 0 || index >= data_.count) return false;
  }
  grads_.assign(layout_.paramCount, 0.0f);
  indices_.resize(static_cast<size_t>(data_.batch));
  cursor_ = 0;
  return ws_.Resize(layout_, data_.batch);
}

// Copies samples into the workspace, column-major, as the trainer does.
void MlpBench::Load(const float* x, const int32_t* labels, const int32_t* indices, int cols) {
  const auto inputs = static_cast<size_t>(data_.inputs);
  for (int j = 0; j < cols; ++j) {
    const auto sample = static_cast<size_t>(indices[j]);
    std::memcpy(ws_.input() + static_cast<size_t>(j) * inputs, x + sample * inputs, sizeof(float) * inputs);
    ws_.labels()[j] = static_cast<float>(labels[sample]);
  }
}

void MlpBench::ForwardPass(int cols) {
  if (engine_ == Engine::kModel) {
    Forward(layout_, kernels::SelectKernels(), data_.params.data(), cols, &ws_);
    return;
  }
#if defined(__wasm_simd128__)
  const float* params = data_.params.data();
  const int last = static_cast<int>(layout_.layers.size()) - 1;
  for (int l = 0; l <= last; ++l) {
    const LayerLayout& layer = layout_.layers[l];
    const float* x = l == 0 ? ws_.input() : ws_.act(l - 1);
    proto::GemmNN(layer.outputs, cols, layer.inputs, params + layer.weightOffset, x, ws_.pre(l),
                  params + layer.biasOffset, l == last ? nullptr : ws_.act(l),
                  l == last ? proto::Epilogue::kBias : proto::Epilogue::kBiasRelu);
  }
#endif
}

void MlpBench::BackwardPass(int cols) {
  if (engine_ == Engine::kModel) {
    Backward(layout_, kernels::SelectKernels(), data_.params.data(), cols, &ws_, grads_.data());
    return;
  }
#if defined(__wasm_simd128__)
  const float* params = data_.params.data();
  const auto& relu = kernels::SelectKernels()[Act::kRelu];
  const kernels::ActParams act_params;
  const int last = static_cast<int>(layout_.layers.size()) - 1;
  int current = 0;  // ws_.delta(current): dL/dA of layer l in, dL/dZ after the ReLU backward
  for (int l = last; l >= 0; --l) {
    const LayerLayout& layer = layout_.layers[l];
    const auto rows = static_cast<size_t>(layer.outputs);
    float* dz = ws_.delta(current);
    if (l != last) relu.backward(rows * cols, ws_.pre(l), ws_.act(l), dz, dz, &act_params);
    const float* x = l == 0 ? ws_.input() : ws_.act(l - 1);
    // dW = dZ X^T, as GemmNN over X transposed.
    scratch_.resize(std::max(static_cast<size_t>(layer.inputs) * cols, rows * layer.inputs));
    proto::Transpose(layer.inputs, cols, x, scratch_.data());
    proto::GemmNN(layer.outputs, layer.inputs, cols, dz, scratch_.data(), grads_.data() + layer.weightOffset,
                  nullptr, nullptr, proto::Epilogue::kNone);
    float* db = grads_.data() + layer.biasOffset;
    std::fill(db, db + rows, 0.0f);
    for (int j = 0; j < cols; ++j) {
      for (size_t r = 0; r < rows; ++r) db[r] += dz[j * rows + r];
    }
    if (l > 0) {  // dX = W^T dZ, as GemmNN over W transposed.
      proto::Transpose(layer.outputs, layer.inputs, params + layer.weightOffset, scratch_.data());
      proto::GemmNN(layer.inputs, cols, layer.outputs, scratch_.data(), dz, ws_.delta(1 - current), nullptr,
                    nullptr, proto::Epilogue::kNone);
      current = 1 - current;
    }
  }
#endif
}

double MlpBench::HeadLoss(int cols, bool with_gradient) {
  const int last = static_cast<int>(layout_.layers.size()) - 1;
  return ApplyHead(layout_.head, layout_.outputs(), cols, ws_.pre(last), ws_.labels(), ws_.act(last),
                   with_gradient ? ws_.delta(0) : nullptr);
}

void MlpBench::RunSteps(long steps) {
  for (long s = 0; s < steps; ++s) {
    for (int j = 0; j < data_.batch; ++j) indices_[j] = data_.order[(cursor_ + j) % data_.order.size()];
    cursor_ = (cursor_ + static_cast<size_t>(data_.batch)) % data_.order.size();
    Load(data_.x.data(), data_.labels.data(), indices_.data(), data_.batch);
    ForwardPass(data_.batch);
    HeadLoss(data_.batch, true);
    BackwardPass(data_.batch);
    float* params = data_.params.data();
    for (size_t i = 0; i < grads_.size(); ++i) params[i] -= data_.learningRate * grads_[i];
  }
}

double MlpBench::OrderLoss(size_t first, int n) {
  for (int j = 0; j < n; ++j) indices_[j] = data_.order[(first + j) % data_.order.size()];
  Load(data_.x.data(), data_.labels.data(), indices_.data(), n);
  ForwardPass(n);
  return HeadLoss(n, false) / n;
}

std::vector<int> MlpBench::sizes() const {
  std::vector<int> out = {data_.inputs};
  out.insert(out.end(), data_.hidden.begin(), data_.hidden.end());
  out.push_back(data_.outputs);
  return out;
}

double MlpBench::SetLoss(const std::vector<float>& x, const std::vector<int32_t>& labels) {
  const int count = static_cast<int>(labels.size());
  std::vector<int32_t> all(labels.size());
  std::iota(all.begin(), all.end(), 0);
  double total = 0.0;
  for (int start = 0; start < count; start += data_.batch) {
    const int cols = std::min(data_.batch, count - start);
    Load(x.data(), labels.data(), all.data() + start, cols);
    ForwardPass(cols);
    total += HeadLoss(cols, false);
  }
  return count > 0 ? total / count : 0.0;
}

}  // namespace relu::bench
