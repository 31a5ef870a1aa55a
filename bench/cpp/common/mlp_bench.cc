#include "mlp_bench.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <utility>

#include "kernels/kernels.h"
#include "model/loss.h"

namespace relu::bench {

bool MlpBench::Prepare(MlpData data) {
  data_ = std::move(data);
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
  Forward(layout_, kernels::SelectKernels(), data_.params.data(), cols, &ws_);
}

void MlpBench::BackwardPass(int cols) {
  Backward(layout_, kernels::SelectKernels(), data_.params.data(), cols, &ws_, grads_.data());
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
