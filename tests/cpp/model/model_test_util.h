// Shared by the model tests: small random problems for the network-level
// tests, the optimised gradient of a problem, and trainer configs.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "kernels/kernels.h"
#include "model/config/config.h"
#include "model/loss.h"
#include "model/network.h"
#include "model/rng.h"
#include "model/trainer.h"

namespace relu::testing {

// A network, its parameters in double, and a batch: what a gradient check needs.
struct NetProblem {
  NetworkLayout layout;
  std::vector<double> params;  // [paramCount]
  std::vector<double> inputs;  // [inputs x cols], float-representable values
  std::vector<float> labels;   // [cols]
  int cols = 0;
};

// A config for network-level tests: `hidden` layers all of `act`, with the
// parametrised activations set away from their defaults so that they matter.
inline Config NetConfig(std::vector<int> hidden, Act act, Problem problem,
                        BinaryHead head = BinaryHead::kTanhMse) {
  Config config;
  config.problem = problem;
  config.binaryHead = head;
  config.activations.assign(hidden.size(), act);
  config.hidden = std::move(hidden);
  config.leakySlope = 0.1f;
  config.eluAlpha = 1.3f;
  config.preluInit = 0.2f;
  return config;
}

inline float RandomLabel(Head head, int outputs, Rng* rng) {
  switch (head) {
    case Head::kLinearMse:
      return rng->Uniform(-1.0f, 1.0f);
    case Head::kTanhMse:
    case Head::kSigmoidBce:
      return static_cast<float>(rng->Below(2));
    case Head::kSoftmaxCe:
      break;
  }
  return static_cast<float>(rng->Below(static_cast<uint32_t>(outputs)));
}

// Random weights N(0, weight_scale^2), PReLU slopes in [0.05, 0.5), inputs
// in [-2, 2) and labels that suit the head.
inline NetProblem MakeNetProblem(const Config& config, int inputs, int outputs, int cols,
                                 uint64_t seed, float weight_scale = 0.7f) {
  NetProblem p;
  p.layout = MakeLayout(config, inputs, outputs);
  p.cols = cols;
  Rng rng(seed, 99);
  p.params.resize(p.layout.paramCount);
  for (double& v : p.params) v = rng.Normal(0.0f, weight_scale);
  for (const LayerLayout& layer : p.layout.layers) {
    for (int i = 0; i < layer.slopeCount; ++i)
      p.params[layer.slopeOffset + i] = rng.Uniform(0.05f, 0.5f);
  }
  p.inputs.resize(static_cast<size_t>(inputs) * cols);
  for (double& v : p.inputs) v = rng.Uniform(-2.0f, 2.0f);
  for (int j = 0; j < cols; ++j) p.labels.push_back(RandomLabel(p.layout.head, outputs, &rng));
  return p;
}

// The optimised float path (Forward, ApplyHead, Backward) on a problem:
// returns the mean loss and writes the gradient.
inline double OptimisedLossAndGradient(const NetProblem& p, const kernels::KernelSet& kernels,
                                       std::vector<float>* grads) {
  std::vector<float> params(p.params.begin(), p.params.end());
  Workspace ws;
  EXPECT_TRUE(ws.Resize(p.layout, p.cols));
  for (size_t i = 0; i < p.inputs.size(); ++i) ws.input()[i] = static_cast<float>(p.inputs[i]);
  for (int j = 0; j < p.cols; ++j) ws.labels()[j] = p.labels[j];
  const int last = static_cast<int>(p.layout.layers.size()) - 1;
  Forward(p.layout, kernels, params.data(), p.cols, &ws);
  const double loss = ApplyHead(p.layout.head, p.layout.outputs(), p.cols, ws.pre(last),
                                ws.labels(), ws.act(last), ws.delta(0));
  grads->assign(p.layout.paramCount, -1.0f);
  Backward(p.layout, kernels, params.data(), p.cols, &ws, grads->data());
  return loss / p.cols;
}

// A small trainer config that trains quickly: spiral-free 2-D data.
inline Config SmallTrainerConfig() {
  Config config;
  config.seed = 3;
  config.dataset = Dataset::kCircle;
  config.numSamples = 100;
  config.hidden = {6, 5};
  config.activations = {Act::kRelu, Act::kTanh};
  config.batchSize = 10;
  return config;
}

inline std::unique_ptr<Trainer> MustCreate(const Config& config) {
  Status status;
  std::unique_ptr<Trainer> trainer = Trainer::Create(config, &status);
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_NE(trainer, nullptr);
  return trainer;
}

// The model file of `trainer`; a failed export fails the test.
inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline std::string Exported(const Trainer& trainer) {
  std::string text;
  const Status status = trainer.ExportJson(&text);
  EXPECT_TRUE(status.ok()) << status.message();
  return text;
}

inline std::vector<float> Params(const Trainer& trainer) {
  return std::vector<float>(trainer.params(), trainer.params() + trainer.paramCount());
}

}  // namespace relu::testing
