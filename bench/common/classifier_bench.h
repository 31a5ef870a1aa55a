// W3's body (784 -> 256 -> 128 -> 10, ReLU, softmax cross-entropy, SGD),
// shared by the native executable and the WASM bench module. The Trainer
// takes at most 7 input features (the playground's plane), so W3 drives the
// model's own layer code directly: the same Forward, ApplyHead and Backward
// that Trainer::Step runs, then plain SGD (p -= lr g), minus the Trainer's
// per-step diagnostics (gradient and weight norms: a few passes over the
// parameters, ~1% of W3's work).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/network.h"

namespace relu::bench {

struct ClassifierData {
  int inputs = 0, classes = 0, count = 0;
  std::vector<int> hidden;
  int batch = 0;
  float learningRate = 0.0f;
  std::vector<float> params;  // the core's layout
  std::vector<float> x;       // [count x inputs], row-major: one sample after another
  std::vector<int32_t> labels;
  std::vector<int32_t> order;  // sample order, cycled through
};

class ClassifierBench {
 public:
  // False when the data does not fit the layout (sizes or labels out of range).
  bool Prepare(ClassifierData data);
  void RunSteps(long steps);
  // Mean loss over the first `batch` samples of the order, from the current weights.
  double FirstBatchLoss();

 private:
  // Copies the next `batch` samples into the workspace (column-major, as the trainer does).
  void LoadBatch(size_t start);

  ClassifierData data_;
  NetworkLayout layout_;
  Workspace ws_;
  std::vector<float> grads_;
  size_t cursor_ = 0;
};

}  // namespace relu::bench
