// The one description of what the trainer reports, by name and in order, for
// every writer of it: the CLI's JSON lines (cpp/cli), the lessons' probe
// (lessons/native) and the Embind bindings. Each walks these lists with its
// own visitor and only translates types, so a new metric is added to
// trainer.h and here, and reaches all three.
//
// A visitor is called as visit(name, value) with a `const char*` name and a
// value of one of: bool, int, int64_t, size_t, float, double, std::string,
// std::string_view, std::vector<uint32_t>, std::vector<float>.
#pragma once

#include "model/trainer.h"

namespace relu {

// The run metrics in groups, so that each writer picks what it reports.
enum MetricGroup : unsigned {
  kMetricStep = 1u << 0,       // step
  kMetricEpoch = 1u << 1,      // epoch: samples drawn / trainCount (the CLI and the probe
                               // write the whole epochs they ran instead)
  kMetricLastStep = 1u << 2,   // learningRate, batchLoss
  kMetricPass = 1u << 3,       // trainLoss, testLoss, trainAccuracy, testAccuracy
  kMetricDiverged = 1u << 4,   // diverged
  kMetricDivergence = 1u << 5, // divergedAtStep, divergedCause: meaningful once diverged
};

// Visits the fields of `m` in `groups` (a set of MetricGroup), in the order listed above.
template <typename Visitor>
void VisitMetrics(const Metrics& m, unsigned groups, Visitor&& visit) {
  if (groups & kMetricStep) visit("step", m.step);
  if (groups & kMetricEpoch) visit("epoch", m.epoch);
  if (groups & kMetricLastStep) {
    visit("learningRate", m.learningRate);
    visit("batchLoss", m.batchLoss);
  }
  if (groups & kMetricPass) {
    visit("trainLoss", m.trainLoss);
    visit("testLoss", m.testLoss);
    visit("trainAccuracy", m.trainAccuracy);
    visit("testAccuracy", m.testAccuracy);
  }
  if (groups & kMetricDiverged) visit("diverged", m.diverged);
  if (groups & kMetricDivergence) {
    visit("divergedAtStep", m.divergedAtStep);
    visit("divergedCause", m.divergedCause);
  }
}

// Visits one layer's diagnostics. `histogram`, `deadMask` and `saturatedMask`
// are std::vector<uint32_t>;
// `preluSlopes` a std::vector<float>, empty but for PReLU layers.
template <typename Visitor>
void VisitLayerDiagnostics(const LayerDiagnostics& d, Visitor&& visit) {
  visit("units", d.units);
  visit("activation", d.activation);
  visit("preMean", d.preMean);
  visit("preStd", d.preStd);
  visit("actMean", d.actMean);
  visit("actStd", d.actStd);
  visit("sparsity", d.sparsity);
  visit("deadUnits", d.deadUnits);
  visit("saturatedUnits", d.saturatedUnits);
  visit("deadMask", d.deadMask);
  visit("saturatedMask", d.saturatedMask);
  visit("weightNorm", d.weightNorm);
  visit("gradNorm", d.gradNorm);
  visit("updateRatio", d.updateRatio);
  visit("histogram", d.histogram);
  visit("preluSlopes", d.preluSlopes);
}

// Visits one weight layer's description (Trainer::layerInfo).
template <typename Visitor>
void VisitLayerInfo(const LayerInfo& info, Visitor&& visit) {
  visit("inputs", info.inputs);
  visit("outputs", info.outputs);
  visit("activation", info.activation);
  visit("weightOffset", info.weightOffset);
  visit("biasOffset", info.biasOffset);
  visit("slopeOffset", info.slopeOffset);
  visit("slopeCount", info.slopeCount);
}

}  // namespace relu
