#include "classifier_bench.h"

#include <cstring>
#include <utility>

#include "kernels/kernels.h"
#include "model/loss.h"

namespace relu::bench {

bool ClassifierBench::Prepare(ClassifierData data) {
  data_ = std::move(data);
  Config config;
  config.problem = Problem::kMulticlass;
  config.hidden = data_.hidden;
  config.activations.assign(data_.hidden.size(), Act::kRelu);
  layout_ = MakeLayout(config, data_.inputs, data_.classes);
  const auto samples = static_cast<size_t>(data_.count);
  if (data_.params.size() != layout_.paramCount || data_.batch <= 0 ||
      data_.x.size() != samples * static_cast<size_t>(data_.inputs) || data_.labels.size() != samples ||
      data_.order.size() < static_cast<size_t>(data_.batch)) {
    return false;
  }
  for (int32_t label : data_.labels) {
    if (label < 0 || label >= data_.classes) return false;
  }
  for (int32_t index : data_.order) {
    if (index < 0 || index >= data_.count) return false;
  }
  grads_.assign(layout_.paramCount, 0.0f);
  cursor_ = 0;
  return ws_.Resize(layout_, data_.batch);
}

void ClassifierBench::LoadBatch(size_t start) {
  const auto inputs = static_cast<size_t>(data_.inputs);
  for (int j = 0; j < data_.batch; ++j) {
    const auto sample = static_cast<size_t>(data_.order[(start + static_cast<size_t>(j)) % data_.order.size()]);
    std::memcpy(ws_.input() + static_cast<size_t>(j) * inputs, data_.x.data() + sample * inputs,
                sizeof(float) * inputs);
    ws_.labels()[j] = static_cast<float>(data_.labels[sample]);
  }
}

void ClassifierBench::RunSteps(long steps) {
  const kernels::KernelSet& kernels = kernels::SelectKernels();
  const int last = static_cast<int>(layout_.layers.size()) - 1;
  for (long s = 0; s < steps; ++s) {
    LoadBatch(cursor_);
    cursor_ = (cursor_ + static_cast<size_t>(data_.batch)) % data_.order.size();
    Forward(layout_, kernels, data_.params.data(), data_.batch, &ws_);
    ApplyHead(layout_.head, layout_.outputs(), data_.batch, ws_.pre(last), ws_.labels(), ws_.act(last),
              ws_.delta(0));
    Backward(layout_, kernels, data_.params.data(), data_.batch, &ws_, grads_.data());
    float* params = data_.params.data();
    for (size_t i = 0; i < grads_.size(); ++i) params[i] -= data_.learningRate * grads_[i];
  }
}

double ClassifierBench::FirstBatchLoss() {
  const int last = static_cast<int>(layout_.layers.size()) - 1;
  LoadBatch(0);
  Forward(layout_, kernels::SelectKernels(), data_.params.data(), data_.batch, &ws_);
  return ApplyHead(layout_.head, layout_.outputs(), data_.batch, ws_.pre(last), ws_.labels(), ws_.act(last),
                   nullptr) /
         data_.batch;
}

}  // namespace relu::bench
