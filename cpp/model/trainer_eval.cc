// The trainer's full passes: Evaluate (losses, accuracies and per-layer
// statistics over the data sets) and EvalGrid (every node over the plane).
// Both go through the network in chunks of the evaluation workspace, one
// layer at a time, so that the *Within calls can stop between any two
// pieces and the one-shot calls run the very same pieces.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "model/call_limits.h"
#include "model/data.h"
#include "model/loss.h"
#include "model/regions.h"
#include "model/trainer.h"
#include "model/trainer_impl.h"
#include "model/unit_argmax.h"

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

void Trainer::Impl::DropEvaluations() {
  pendingEvaluation = PendingEvaluation();
  pendingGrid = PendingEvaluation();
}

bool Trainer::Impl::EvaluatePieces(double flop_budget) {
  PendingEvaluation& p = pendingEvaluation;
  const size_t layer_count = layout.layers.size();
  const int last = static_cast<int>(layer_count) - 1;
  if (!p.active) {
    p = PendingEvaluation();
    p.active = true;
    for (size_t l = 0; l < layer_count; ++l) {
      layerSums[l] = LayerSums();
      std::fill(unitAlive[l].begin(), unitAlive[l].end(), 0);
      std::fill(unitNearLimit[l].begin(), unitNearLimit[l].end(), 0u);
      std::fill(passHistograms[l].begin(), passHistograms[l].end(), 0u);
    }
    passTestPredictions.assign(static_cast<size_t>(test.count), -1);
    ResetUnitArgmax(static_cast<int>(passTopSamples.size()), passTopActivations.data(), passTopSamples.data());
  }
  const int inputs = layout.inputs;
  double spent = 0;
  while (spent < flop_budget) {
    const FeatureSet& set = p.testSet ? test : train;
    if (p.start < set.count) {
      const int cols = std::min(evalPieceColumns, set.count - p.start);
      if (p.layer == 0) {
        std::memcpy(eval.input(), set.features.data() + static_cast<size_t>(p.start) * inputs,
                    sizeof(float) * static_cast<size_t>(cols) * inputs);
        std::memcpy(eval.labels(), set.labels.data() + p.start,
                    sizeof(float) * static_cast<size_t>(cols));
      }
      ForwardLayer(layout, *kernels, params.data(), cols, &eval, static_cast<size_t>(p.layer));
      spent += LayerForwardFlops(layout.layers[static_cast<size_t>(p.layer)], cols);
      if (p.layer++ < last) continue;
      // The chunk is through the network: its loss, hits and (training set) statistics.
      p.lossSum += ApplyHead(layout.head, layout.outputs(), cols, eval.pre(last), eval.labels(),
                             eval.act(last), nullptr);
      p.correct += CountCorrect(layout.head, layout.outputs(), cols, eval.act(last), eval.labels());
      if (p.testSet) {
        PredictClasses(layout.head, layout.outputs(), cols, eval.act(last), passTestPredictions.data() + p.start);
        size_t unit = 0;
        for (int l = 0; l <= last; ++l) {
          const int outputs = layout.layers[l].outputs;
          UpdateUnitArgmax(outputs, cols, eval.act(l), p.start, passTopActivations.data() + unit,
                           passTopSamples.data() + unit);
          unit += static_cast<size_t>(outputs);
        }
      }
      if (!p.testSet) {
        for (int l = 0; l <= last; ++l) {
          Accumulate(*kernels, layout.layers[l].outputs, cols, eval.pre(l), eval.act(l),
                     &layerSums[l], unitAlive[l].data(), passHistograms[l].data());
          CountNearLimit(layout.layers[l].act, layout.layers[l].outputs, cols, eval.act(l),
                         unitNearLimit[l].data());
        }
      }
      p.start += cols;
      p.layer = 0;
      continue;
    }
    if (!p.testSet) {  // the training set is done: the test set next
      p.trainLossSum = p.lossSum;
      p.trainCorrect = p.correct;
      p.testSet = true;
      p.start = 0;
      p.lossSum = 0;
      p.correct = 0;
      continue;
    }
    break;  // both sets done
  }
  if (!(p.testSet && p.start >= test.count)) return false;

  // Complete: publish.
  Metrics& m = metrics;
  const bool classification = IsClassification(layout.head);
  m.trainLoss = p.trainLossSum / train.count;
  m.trainAccuracy = classification ? static_cast<double>(p.trainCorrect) / train.count : kNaN;
  if (test.count > 0) {
    m.testLoss = p.lossSum / test.count;
    m.testAccuracy = classification ? static_cast<double>(p.correct) / test.count : kNaN;
  } else {
    m.testLoss = m.testAccuracy = kNaN;
  }
  for (size_t l = 0; l < layer_count; ++l) {
    LayerDiagnostics& diag = m.layers[l];
    const double count = static_cast<double>(train.count) * layout.layers[l].outputs;
    const LayerSums& sum = layerSums[l];
    diag.preMean = Mean(sum.pre, count);
    diag.preStd = Std(sum.pre, sum.preSquares, count);
    diag.actMean = Mean(sum.act, count);
    diag.actStd = Std(sum.act, sum.actSquares, count);
    diag.sparsity = static_cast<float>(static_cast<double>(sum.zeros) / count);
    const std::vector<uint8_t>& alive = unitAlive[l];
    const std::vector<uint32_t>& near_limit = unitNearLimit[l];
    const double saturated_from = static_cast<double>(kSaturatedShare) * train.count;
    diag.deadUnits = 0;
    diag.saturatedUnits = 0;
    for (size_t unit = 0; unit < alive.size(); ++unit) {
      diag.deadMask[unit] = alive[unit] == 0;
      diag.saturatedMask[unit] = !near_limit.empty() && near_limit[unit] >= saturated_from;
      diag.deadUnits += static_cast<int>(diag.deadMask[unit]);
      diag.saturatedUnits += static_cast<int>(diag.saturatedMask[unit]);
    }
    diag.histogram = passHistograms[l];
  }
  if (classification) testPredictions = passTestPredictions;
  testTopActivations = passTopActivations;
  testTopSamples = passTopSamples;
  p = PendingEvaluation();
  return true;
}

void Trainer::Evaluate() {
  impl_->pendingEvaluation = PendingEvaluation();  // a whole pass of its own
  impl_->EvaluatePieces(std::numeric_limits<double>::infinity());
}

Status Trainer::EvaluateWithin(double flop_budget, bool* finished) {
  if (finished) *finished = false;
  if (!(flop_budget > 0)) {
    return Status::Error("flopBudget: " + std::to_string(flop_budget) + " must be > 0");
  }
  const bool done = impl_->EvaluatePieces(flop_budget);
  if (finished) *finished = done;
  return Status::Ok();
}

bool Trainer::evaluationInProgress() const { return impl_->pendingEvaluation.active; }

const std::vector<int32_t>& Trainer::testPredictions() const { return impl_->testPredictions; }
const std::vector<float>& Trainer::testTopActivations() const { return impl_->testTopActivations; }
const std::vector<int32_t>& Trainer::testTopSamples() const { return impl_->testTopSamples; }

size_t Trainer::gridNodeCount(bool include_hidden) const {
  size_t nodes = static_cast<size_t>(impl_->layout.outputs());
  if (include_hidden) {
    for (size_t l = 0; l + 1 < impl_->layout.layers.size(); ++l) {
      nodes += static_cast<size_t>(impl_->layout.layers[l].outputs);
    }
  }
  return nodes;
}

namespace {
Status CheckGridRequest(const Trainer& trainer, int n, bool include_hidden, const float* out,
                        size_t out_count) {
  if (trainer.config().dataset == Dataset::kDigits) {
    return Status::Error("dataset: \"digits\" has 64 inputs, not a plane to draw a grid over");
  }
  if (n < kMinGridSize || n > kMaxGridSize) {
    return Status::Error("gridSize: " + std::to_string(n) + " is out of range [" + std::to_string(kMinGridSize) +
                         ", " + std::to_string(kMaxGridSize) + "]");
  }
  const size_t pixels = static_cast<size_t>(n) * static_cast<size_t>(n);
  const size_t needed = trainer.gridNodeCount(include_hidden) * pixels;
  if (!out || out_count < needed) {
    return Status::Error("grid buffer: holds " + std::to_string(out ? out_count : 0) +
                         " floats, needs " + std::to_string(needed) + " (nodes x n x n)");
  }
  return Status::Ok();
}
}  // namespace

bool Trainer::Impl::GridPieces(int n, bool include_hidden, float* out, double flop_budget,
                               GridRegions* regions) {
  PendingEvaluation& p = pendingGrid;
  if (!p.active || p.gridSize != n || p.includeHidden != include_hidden || p.out != out ||
      p.regions != regions) {
    p = PendingEvaluation();
    p.active = true;
    p.gridSize = n;
    p.includeHidden = include_hidden;
    p.out = out;
    p.regions = regions;
    if (regions) StartRegions(static_cast<size_t>(n) * static_cast<size_t>(n), regions);
  }
  const auto inputs = static_cast<size_t>(layout.inputs);
  const int last = static_cast<int>(layout.layers.size()) - 1;
  const auto outputs = static_cast<size_t>(layout.outputs());
  const size_t pixels = static_cast<size_t>(n) * static_cast<size_t>(n);
  const float pixel = 2.0f * kDomain / static_cast<float>(n);
  SampleMajorOutput* hidden = gridOutputs.data();  // [layers]
  double spent = 0;
  // Pixel-major, one row per pixel: every unit's outputs over the chunk come
  // out as one contiguous run of its image, with no transposition.
  while (spent < flop_budget && static_cast<size_t>(p.start) < pixels) {
    const auto start = static_cast<size_t>(p.start);
    const size_t cols = std::min(static_cast<size_t>(evalPieceColumns), pixels - start);
    const int width = static_cast<int>(cols);
    // Hidden units straight into their images.
    size_t node = 0;
    if (include_hidden) {
      for (int l = 0; l < last; ++l) {
        hidden[l] = {out + node * pixels + start, pixels};
        node += static_cast<size_t>(layout.layers[l].outputs);
      }
    }
    if (p.layer == 0) {
      float* xt = eval.input();  // [cols x inputs]
      float features[kFeatureCount];
      // Row and column stepped along, not divided out of the pixel index.
      size_t row = start / static_cast<size_t>(n), col = start % static_cast<size_t>(n);
      for (size_t j = 0; j < cols; ++j) {
        const float x1 = -kDomain + (static_cast<float>(col) + 0.5f) * pixel;
        const float x2 = kDomain - (static_cast<float>(row) + 0.5f) * pixel;  // row 0 at the top
        ComputeFeatures(config.features, x1, x2, features);
        for (size_t q = 0; q < inputs; ++q) xt[j + q * cols] = features[q];
        if (++col == static_cast<size_t>(n)) {
          col = 0;
          ++row;
        }
      }
    }
    ForwardSampleMajorLayer(layout, *kernels, params.data(), width,
                            include_hidden ? hidden : nullptr, &eval, static_cast<size_t>(p.layer));
    spent += LayerForwardFlops(layout.layers[static_cast<size_t>(p.layer)], width);
    if (regions && regions->status.ok() && p.layer < last) {
      HashPatterns(p.layer, start, width, include_hidden ? &hidden[p.layer] : nullptr, regions);
    }
    if (p.layer++ < last) continue;
    p.layer = 0;
    p.start += width;
    // The head works on batch-major columns: with one output per pixel that
    // is the same layout; softmax's classes are transposed for it.
    const float* logits = eval.pre(last);  // [cols x outputs]
    if (outputs == 1) {
      HeadOutputs(*kernels, layout.head, 1, width, logits, out + node * pixels + start);
      continue;
    }
    float* columns = eval.delta(0);         // [outputs x cols]
    float* probabilities = eval.act(last);  // [outputs x cols]
    for (size_t u = 0; u < outputs; ++u) {
      for (size_t j = 0; j < cols; ++j) columns[u + j * outputs] = logits[j + u * cols];
    }
    HeadOutputs(*kernels, layout.head, static_cast<int>(outputs), width, columns, probabilities);
    for (size_t u = 0; u < outputs; ++u, ++node) {
      float* image = out + node * pixels + start;
      for (size_t j = 0; j < cols; ++j) image[j] = probabilities[u + j * outputs];
    }
  }
  if (static_cast<size_t>(p.start) < pixels) return false;
  if (regions && regions->status.ok()) regions->count = NumberRegions(regions->hashes, &regions->ids);
  p = PendingEvaluation();
  return true;
}

void Trainer::Impl::StartRegions(size_t pixels, GridRegions* regions) {
  regions->status = CheckRegionsSupported(layout, params.data());
  regions->count = 0;
  regions->ids.clear();
  regions->hashes.clear();
  if (!regions->status.ok()) return;
  regions->hashes.assign(pixels, 0);
  size_t hidden_units = 0;
  for (size_t l = 0; l + 1 < layout.layers.size(); ++l) {
    hidden_units += static_cast<size_t>(layout.layers[l].outputs);
  }
  if (patternKeys.size() < hidden_units) patternKeys = PatternKeys(hidden_units);
}

void Trainer::Impl::HashPatterns(int l, size_t start, int cols, const SampleMajorOutput* image,
                                 GridRegions* regions) {
  const LayerLayout& layer = layout.layers[static_cast<size_t>(l)];
  if (layer.act == Act::kLinear) return;  // no kink: one piece whatever its sign
  size_t first_unit = 0;
  for (int k = 0; k < l; ++k) first_unit += static_cast<size_t>(layout.layers[k].outputs);
  // The layer's outputs over the chunk: in its images, or in the workspace.
  const SampleMajorOutput run = image ? *image : SampleMajorOutput{eval.act(l), static_cast<size_t>(cols)};
  kernels->pattern_hash(static_cast<size_t>(cols), static_cast<size_t>(layer.outputs), run.at,
                        run.ld, patternKeys.data() + first_unit, regions->hashes.data() + start);
}

Status Trainer::EvalGrid(int n, bool include_hidden, float* out, size_t out_count,
                         GridRegions* regions) {
  if (Status status = CheckGridRequest(*this, n, include_hidden, out, out_count); !status.ok()) {
    return status;
  }
  impl_->pendingGrid = PendingEvaluation();  // a whole pass of its own
  impl_->GridPieces(n, include_hidden, out, std::numeric_limits<double>::infinity(), regions);
  return Status::Ok();
}

Status Trainer::EvalGridWithin(int n, bool include_hidden, float* out, size_t out_count,
                               double flop_budget, bool* finished, GridRegions* regions) {
  if (finished) *finished = false;
  if (Status status = CheckGridRequest(*this, n, include_hidden, out, out_count); !status.ok()) {
    return status;
  }
  if (!(flop_budget > 0)) {
    return Status::Error("flopBudget: " + std::to_string(flop_budget) + " must be > 0");
  }
  const bool done = impl_->GridPieces(n, include_hidden, out, flop_budget, regions);
  if (finished) *finished = done;
  return Status::Ok();
}

}  // namespace relu
