// The trainer's full passes: Evaluate (losses, accuracies and per-layer
// statistics over the data sets) and EvalGrid (every node over the plane).
// Both go through the network in chunks of the evaluation workspace.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "model/data.h"
#include "model/loss.h"
#include "model/trainer.h"
#include "model/trainer_impl.h"

namespace relu {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int HistogramBin(float value) {
  constexpr float kScale = kHistogramBins / (kHistogramMax - kHistogramMin);
  if (value < kHistogramMin) return 0;
  if (value >= kHistogramMax) return kHistogramBins - 1;
  return std::min(kHistogramBins - 1, static_cast<int>((value - kHistogramMin) * kScale));
}

void Accumulate(const kernels::KernelSet& kernels, int rows, int cols, const float* pre,
                const float* act, LayerSums* sums, uint8_t* alive, uint32_t* histogram) {
  const size_t n = static_cast<size_t>(rows) * static_cast<size_t>(cols);
  for (size_t i = 0; i < n; ++i) {
    sums->pre += pre[i];
    sums->preSquares += static_cast<double>(pre[i]) * pre[i];
    sums->act += act[i];
    sums->actSquares += static_cast<double>(act[i]) * act[i];
    if (!std::isnan(act[i])) ++histogram[HistogramBin(act[i])];
  }
  sums->zeros += kernels.count_zeros(n, act);
  for (int j = 0; j < cols; ++j) {
    const float* column = act + static_cast<size_t>(j) * rows;
    for (int r = 0; r < rows; ++r) alive[r] |= column[r] != 0.0f;
  }
}

// The open interval of outputs that are not near a limit, for the bounded
// activations; false for the others (their units never saturate here).
bool UnsaturatedRange(Act act, float* low, float* high) {
  float lower = 0.0f, upper = 0.0f;
  if (act == Act::kSigmoid) {
    lower = 0.0f, upper = 1.0f;
  } else if (act == Act::kTanh) {
    lower = -1.0f, upper = 1.0f;
  } else {
    return false;
  }
  const float margin = kSaturationMargin * (upper - lower);
  *low = lower + margin;
  *high = upper - margin;
  return true;
}

void CountNearLimit(Act act, int rows, int cols, const float* values, uint32_t* near_limit) {
  float low = 0.0f, high = 0.0f;
  if (!UnsaturatedRange(act, &low, &high)) return;
  for (int j = 0; j < cols; ++j) {
    const float* column = values + static_cast<size_t>(j) * rows;
    for (int r = 0; r < rows; ++r) near_limit[r] += column[r] <= low || column[r] >= high;
  }
}

float Mean(double sum, double count) { return static_cast<float>(sum / count); }
float Std(double sum, double squares, double count) {
  const double mean = sum / count;
  return static_cast<float>(std::sqrt(std::max(0.0, squares / count - mean * mean)));
}

}  // namespace

void Trainer::Impl::Pass(const FeatureSet& set, std::vector<LayerSums>* sums, double* loss_sum,
                         int* correct) {
  const int inputs = layout.inputs;
  const int outputs = layout.outputs();
  const int last = static_cast<int>(layout.layers.size()) - 1;
  const int chunk = eval.capacity();
  *loss_sum = 0.0;
  *correct = 0;
  for (int start = 0; start < set.count; start += chunk) {
    const int cols = std::min(chunk, set.count - start);
    std::memcpy(eval.input(), set.features.data() + static_cast<size_t>(start) * inputs,
                sizeof(float) * static_cast<size_t>(cols) * inputs);
    std::memcpy(eval.labels(), set.labels.data() + start,
                sizeof(float) * static_cast<size_t>(cols));
    Forward(layout, *kernels, params.data(), cols, &eval);
    *loss_sum += ApplyHead(layout.head, outputs, cols, eval.pre(last), eval.labels(),
                           eval.act(last), nullptr);
    *correct += CountCorrect(layout.head, outputs, cols, eval.act(last), eval.labels());
    if (!sums) continue;
    for (int l = 0; l <= last; ++l) {
      Accumulate(*kernels, layout.layers[l].outputs, cols, eval.pre(l), eval.act(l), &(*sums)[l],
                 unitAlive[l].data(), metrics.layers[l].histogram.data());
      CountNearLimit(layout.layers[l].act, layout.layers[l].outputs, cols, eval.act(l),
                     unitNearLimit[l].data());
    }
  }
}

void Trainer::Evaluate() {
  Impl& s = *impl_;
  Metrics& m = s.metrics;
  const size_t layer_count = s.layout.layers.size();
  std::vector<LayerSums>& sums = s.layerSums;
  for (size_t l = 0; l < layer_count; ++l) {
    sums[l] = LayerSums();
    std::fill(s.unitAlive[l].begin(), s.unitAlive[l].end(), 0);
    std::fill(s.unitNearLimit[l].begin(), s.unitNearLimit[l].end(), 0u);
    std::fill(m.layers[l].histogram.begin(), m.layers[l].histogram.end(), 0u);
  }
  const bool classification = IsClassification(s.layout.head);
  double loss_sum = 0.0;
  int correct = 0;
  s.Pass(s.train, &sums, &loss_sum, &correct);
  m.trainLoss = loss_sum / s.train.count;
  m.trainAccuracy = classification ? static_cast<double>(correct) / s.train.count : kNaN;
  if (s.test.count > 0) {
    s.Pass(s.test, nullptr, &loss_sum, &correct);
    m.testLoss = loss_sum / s.test.count;
    m.testAccuracy = classification ? static_cast<double>(correct) / s.test.count : kNaN;
  } else {
    m.testLoss = m.testAccuracy = kNaN;
  }

  for (size_t l = 0; l < layer_count; ++l) {
    LayerDiagnostics& diag = m.layers[l];
    const double count = static_cast<double>(s.train.count) * s.layout.layers[l].outputs;
    const LayerSums& sum = sums[l];
    diag.preMean = Mean(sum.pre, count);
    diag.preStd = Std(sum.pre, sum.preSquares, count);
    diag.actMean = Mean(sum.act, count);
    diag.actStd = Std(sum.act, sum.actSquares, count);
    diag.sparsity = static_cast<float>(static_cast<double>(sum.zeros) / count);
    const std::vector<uint8_t>& alive = s.unitAlive[l];
    const std::vector<uint32_t>& near_limit = s.unitNearLimit[l];
    const double saturated_from = static_cast<double>(kSaturatedShare) * s.train.count;
    diag.deadUnits = 0;
    diag.saturatedUnits = 0;
    for (size_t unit = 0; unit < alive.size(); ++unit) {
      diag.deadMask[unit] = alive[unit] == 0;
      diag.saturatedMask[unit] = !near_limit.empty() && near_limit[unit] >= saturated_from;
      diag.deadUnits += static_cast<int>(diag.deadMask[unit]);
      diag.saturatedUnits += static_cast<int>(diag.saturatedMask[unit]);
    }
  }
}

size_t Trainer::gridNodeCount(bool include_hidden) const {
  size_t nodes = static_cast<size_t>(impl_->layout.outputs());
  if (include_hidden) {
    for (size_t l = 0; l + 1 < impl_->layout.layers.size(); ++l) {
      nodes += static_cast<size_t>(impl_->layout.layers[l].outputs);
    }
  }
  return nodes;
}

Status Trainer::EvalGrid(int n, bool include_hidden, float* out, size_t out_count) {
  if (n < 2 || n > 512) {
    return Status::Error("gridSize: " + std::to_string(n) + " is out of range [2, 512]");
  }
  const size_t pixels = static_cast<size_t>(n) * static_cast<size_t>(n);
  const size_t needed = gridNodeCount(include_hidden) * pixels;
  if (!out || out_count < needed) {
    return Status::Error("grid buffer: holds " + std::to_string(out ? out_count : 0) +
                         " floats, needs " + std::to_string(needed) + " (nodes x n x n)");
  }
  Impl& s = *impl_;
  const auto inputs = static_cast<size_t>(s.layout.inputs);
  const int last = static_cast<int>(s.layout.layers.size()) - 1;
  const auto outputs = static_cast<size_t>(s.layout.outputs());
  const auto chunk = static_cast<size_t>(s.eval.capacity());
  const float pixel = 2.0f * kDomain / static_cast<float>(n);
  SampleMajorOutput* hidden = s.gridOutputs.data();  // [layers]
  // Pixel-major, one row per pixel: every unit's outputs over the chunk come
  // out as one contiguous run of its image, with no transposition.
  for (size_t start = 0; start < pixels; start += chunk) {
    const size_t cols = std::min(chunk, pixels - start);
    float* xt = s.eval.input();  // [cols x inputs]
    float features[kFeatureCount];
    // Row and column stepped along, not divided out of the pixel index.
    size_t row = start / static_cast<size_t>(n), col = start % static_cast<size_t>(n);
    for (size_t j = 0; j < cols; ++j) {
      const float x1 = -kDomain + (static_cast<float>(col) + 0.5f) * pixel;
      const float x2 = kDomain - (static_cast<float>(row) + 0.5f) * pixel;  // row 0 at the top
      ComputeFeatures(s.config.features, x1, x2, features);
      for (size_t p = 0; p < inputs; ++p) xt[j + p * cols] = features[p];
      if (++col == static_cast<size_t>(n)) {
        col = 0;
        ++row;
      }
    }
    const int width = static_cast<int>(cols);
    // Hidden units straight into their images.
    size_t node = 0;
    if (include_hidden) {
      for (int l = 0; l < last; ++l) {
        hidden[l] = {out + node * pixels + start, pixels};
        node += static_cast<size_t>(s.layout.layers[l].outputs);
      }
    }
    ForwardSampleMajor(s.layout, *s.kernels, s.params.data(), width,
                       include_hidden ? hidden : nullptr, &s.eval);
    // The head works on batch-major columns: with one output per pixel that
    // is the same layout; softmax's classes are transposed for it.
    const float* logits = s.eval.pre(last);  // [cols x outputs]
    if (outputs == 1) {
      HeadOutputs(*s.kernels, s.layout.head, 1, width, logits, out + node * pixels + start);
      continue;
    }
    float* columns = s.eval.delta(0);         // [outputs x cols]
    float* probabilities = s.eval.act(last);  // [outputs x cols]
    for (size_t u = 0; u < outputs; ++u) {
      for (size_t j = 0; j < cols; ++j) columns[u + j * outputs] = logits[j + u * cols];
    }
    HeadOutputs(*s.kernels, s.layout.head, static_cast<int>(outputs), width, columns, probabilities);
    for (size_t u = 0; u < outputs; ++u, ++node) {
      float* image = out + node * pixels + start;
      for (size_t j = 0; j < cols; ++j) image[j] = probabilities[u + j * outputs];
    }
  }
  return Status::Ok();
}

}  // namespace relu
