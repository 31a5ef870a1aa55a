#include "classifier_bench.h"

#include <cstring>
#include <utility>

#include "kernels/kernels.h"
#include "model/loss.h"

namespace relu::bench {

bool ClassifierBench::Prepare(ClassifierData data) {
  data_ = std::move(data);
  config_ = Config{};
  config_.problem = Problem::kMulticlass;
  config_.hidden = data_.hidden;
  config_.activations.assign(data_.hidden.size(), Act::kRelu);
  config_.optimizer = Optimizer::kSgd;
  config_.learningRate = data_.learningRate;
  layout_ = MakeLayout(config_, data_.inputs, data_.classes);
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
  delta_squares_.assign(layout_.layers.size(), 0.0);
  cursor_ = 0;
  return ws_.Resize(layout_, data_.batch) && optimizer_.Reset(Optimizer::kSgd, layout_.paramCount);
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
    optimizer_.Update(config_, data_.learningRate, layout_, grads_.data(), data_.params.data(),
                      delta_squares_.data());
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
