// A training step of an MLP with ReLU hidden layers and plain SGD, outside
// the Trainer, through the model's own layer code (Forward, ApplyHead,
// Backward from cpp/model): what Trainer::Step runs, minus its per-step
// diagnostics (gradient and weight norms, ~1% at W3's size). W3 needs this
// path: the Trainer's inputs are the playground's 2-D features (at most 7),
// not 784. Shared by the native executable and the WASM bench module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/network.h"

namespace relu::bench {

struct MlpData {
  int inputs = 0, outputs = 0, count = 0;
  bool softmax = true;  // softmax + cross-entropy, else one tanh output + MSE (labels 0/1)
  std::vector<int> hidden;
  int batch = 0;
  float learningRate = 0.0f;
  std::vector<float> params;  // the core's layout
  std::vector<float> x;       // [count x inputs], row-major: one sample after another
  std::vector<int32_t> labels;
  std::vector<int32_t> order;  // sample order, cycled through
};

class MlpBench {
 public:
  // False when the data does not fit the layout (sizes or labels out of range).
  bool Prepare(MlpData data);
  void RunSteps(long steps);
  // Mean loss over samples [first, first + n) of `order` (n <= batch), or
  // over every sample of (x, labels) in batch-sized chunks, from the current weights.
  double OrderLoss(size_t first, int n);
  double SetLoss(const std::vector<float>& x, const std::vector<int32_t>& labels);

 private:
  void Load(const float* x, const int32_t* labels, const int32_t* indices, int cols);
  void ForwardPass(int cols);
  void BackwardPass(int cols);
  double HeadLoss(int cols, bool with_gradient);

  MlpData data_;
  NetworkLayout layout_;
  Workspace ws_;
  std::vector<float> grads_;
  std::vector<int32_t> indices_;
  size_t cursor_ = 0;
};

}  // namespace relu::bench
