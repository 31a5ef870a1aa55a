// The training step, in named pieces: a batch, the loss and blow-up checks,
// regularisation and clipping, the update and its diagnostics, the epoch's
// bookkeeping; and the same step split into pieces within a FLOP budget.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "model/loss.h"
#include "model/trainer.h"
#include "model/trainer_impl.h"

namespace relu {
namespace {

constexpr const char* kDivergedAdvice = ": lower the learning rate, then Configure or Reset";

// "loss is NaN at step 12": the cause of a divergence, value by value.
std::string NonFinite(const char* what, double value, int64_t step) {
  return std::string(what) + (std::isnan(value) ? " is NaN" : " is inf") + " at step " +
         std::to_string(step);
}

// "3.2e+07": a figure in a divergence cause.
std::string Scientific(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2g", value);
  return text;
}

}  // namespace

int Trainer::Impl::BatchColumns() const {
  return std::min(BatchSize(), static_cast<int>(order.size() - cursor));
}

void Trainer::Impl::GatherBatch(int first, int cols) {
  const int inputs = layout.inputs;
  float* x = batch.input();        // [inputs x cols]
  float* labels = batch.labels();  // [cols]
  for (int j = 0; j < cols; ++j) {
    const size_t sample = order[cursor + static_cast<size_t>(first + j)];
    std::memcpy(x + static_cast<size_t>(j) * inputs, train.features.data() + sample * inputs,
                sizeof(float) * static_cast<size_t>(inputs));
    labels[j] = train.labels[sample];
  }
}

Status Trainer::Impl::CheckLoss(double loss, int64_t attempted) {
  if (!std::isfinite(loss)) return Status::Error(NonFinite("loss", loss, attempted));
  if (std::isnan(lossLimit)) {
    // A tanh output bounds the loss (at most 4 per output): only the weights can blow up.
    lossLimit = layout.head == Head::kTanhMse ? std::numeric_limits<double>::infinity()
                                              : kLossBlowUp * std::max(loss, 1.0);
  }
  if (loss > lossLimit) {
    return Status::Error("loss exploded: " + Scientific(loss) + " > " + Scientific(lossLimit) +
                         " at step " + std::to_string(attempted));
  }
  return Status::Ok();
}

Status Trainer::Impl::RegularizeAndClip(int64_t attempted) {
  AddRegularization(layout, config.l1, config.l2, params.data(), grads.data());
  double total_squares = 0.0;
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const double weight_squares =
        SumOfSquares(grads.data() + layer.weightOffset, layer.biasOffset - layer.weightOffset);
    const double other_squares =
        SumOfSquares(grads.data() + layer.biasOffset, layout.parametersEnd(l) - layer.biasOffset);
    total_squares += weight_squares + other_squares;
    metrics.layers[l].gradNorm = static_cast<float>(std::sqrt(weight_squares));
  }
  const double grad_norm = std::sqrt(total_squares);
  if (!std::isfinite(grad_norm))
    return Status::Error(NonFinite("gradient norm", grad_norm, attempted));
  if (config.clipNorm > 0.0f && grad_norm > config.clipNorm) {
    const auto scale = static_cast<float>(config.clipNorm / grad_norm);
    for (size_t i = 0; i < grads.size(); ++i) grads[i] *= scale;
  }
  return Status::Ok();
}

Status Trainer::Impl::ApplyUpdate(int64_t attempted, double lr) {
  if (!optimizer.Update(config, lr, layout, grads.data(), params.data(), layerUpdates.data()))
    return Status::Error("updated weights are non-finite at step " + std::to_string(attempted));
  double weight_squares = 0.0;
  for (const LayerUpdate& update : layerUpdates) weight_squares += update.weightSquares;
  if (const double weight_norm = std::sqrt(weight_squares); weight_norm > weightNormLimit) {
    return Status::Error("weights exploded: ||W|| = " + Scientific(weight_norm) + " > " +
                         Scientific(weightNormLimit) + " at step " + std::to_string(attempted));
  }
  return Status::Ok();
}

void Trainer::Impl::RecordUpdate() {
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    LayerDiagnostics& diag = metrics.layers[l];
    const double weight_norm = std::sqrt(layerUpdates[l].weightSquares);
    diag.weightNorm = static_cast<float>(weight_norm);
    diag.updateRatio =
        weight_norm > 0 ? static_cast<float>(std::sqrt(layerUpdates[l].deltaSquares) / weight_norm)
                        : 0.0f;
    std::copy_n(params.data() + layer.slopeOffset, layer.slopeCount, diag.preluSlopes.begin());
  }
}

void Trainer::Impl::FinishStep(int64_t attempted, int cols, double loss, double lr) {
  DropEvaluations();  // of the weights before this update
  metrics.step = attempted;
  samplesSeen += cols;
  metrics.epoch = static_cast<double>(samplesSeen) / static_cast<double>(order.size());
  metrics.learningRate = lr;
  metrics.batchLoss = loss;
  cursor += static_cast<size_t>(cols);
  if (cursor == order.size()) {  // a new epoch: a new order, from the same stream
    shuffleRng.Shuffle(order.data(), order.size());
    cursor = 0;
    SaveCheckpoint();  // every check passed: a healthy state
  }
}

Status Trainer::Impl::CompleteStep(int cols, double loss) {
  const int64_t attempted = metrics.step + 1;
  if (Status status = RegularizeAndClip(attempted); !status.ok()) return status;
  const double lr = ScheduledLearningRate(config, metrics.step);
  if (Status status = ApplyUpdate(attempted, lr); !status.ok()) return status;
  RecordUpdate();
  FinishStep(attempted, cols, loss, lr);
  return Status::Ok();
}

Status Trainer::Impl::StepOnce() {
  const int64_t attempted = metrics.step + 1;  // steps are counted from 1
  const int cols = BatchColumns();
  GatherBatch(0, cols);
  const int last = static_cast<int>(layout.layers.size()) - 1;
  Forward(layout, *kernels, params.data(), cols, &batch);
  const double loss_sum = ApplyHead(layout.head, layout.outputs(), cols, batch.pre(last),
                                    batch.labels(), batch.act(last), batch.delta(0));
  const double loss = loss_sum / cols;
  if (Status status = CheckLoss(loss, attempted); !status.ok()) return status;
  Backward(layout, *kernels, params.data(), cols, &batch, grads.data());
  return CompleteStep(cols, loss);
}

Status Trainer::Impl::StepPieces(double flop_budget, bool* finished) {
  *finished = false;
  const int64_t attempted = metrics.step + 1;
  const int count = static_cast<int>(layout.layers.size());
  PendingStep& p = pending;
  if (!p.active) {
    const int cols = BatchColumns();
    if (StepFlops(layout, cols) <= flop_budget) {
      *finished = true;
      return StepOnce();  // small enough: exactly as an unsplit step
    }
    // Sub-batches as wide as the budget allows for the dearest layer: each
    // piece stays within the budget, and wide pieces keep the products
    // efficient (one column is a matrix-vector product, bound by memory).
    double dearest = 0;
    for (size_t l = 0; l < layout.layers.size(); ++l) {
      dearest = std::max({dearest, LayerForwardFlops(layout.layers[l], 1),
                          LayerBackwardFlops(layout.layers[l], l == 0, 1)});
    }
    p = PendingStep();
    p.active = true;
    p.cols = cols;
    p.pieceCols = static_cast<int>(std::clamp(std::floor(flop_budget / dearest), 1.0,
                                              static_cast<double>(cols)));
    GatherBatch(0, p.pieceCols);
  }
  double spent = 0;
  while (spent < flop_budget) {
    const int width = std::min(p.pieceCols, p.cols - p.start);
    const LayerLayout& layer = layout.layers[static_cast<size_t>(p.layer)];
    if (!p.backward) {
      ForwardLayer(layout, *kernels, params.data(), width, &batch, static_cast<size_t>(p.layer));
      spent += LayerForwardFlops(layer, width);
      if (++p.layer < count) continue;
      const int last = count - 1;
      // dz scaled by the whole batch, so each piece's gradient adds up to the step's.
      p.lossSum += ApplyHead(layout.head, layout.outputs(), width, batch.pre(last), batch.labels(),
                             batch.act(last), batch.delta(0), p.cols);
      if (!std::isfinite(p.lossSum)) return CheckLoss(p.lossSum / p.cols, attempted);
      p.backward = true;
      p.layer = last;
      p.current = 0;
      continue;
    }
    // The first piece writes the gradient; later ones add theirs to it.
    const bool first_piece = p.start == 0;
    float* destination = first_piece ? grads.data() + layer.weightOffset : pieceGrads.data();
    BackwardLayer(layout, *kernels, params.data(), width, &batch, p.layer, &p.current, destination);
    if (!first_piece) {
      float* sum = grads.data() + layer.weightOffset;
      const size_t n = layout.parametersEnd(static_cast<size_t>(p.layer)) - layer.weightOffset;
      for (size_t i = 0; i < n; ++i) sum[i] += destination[i];
    }
    spent += LayerBackwardFlops(layer, p.layer == 0, width);
    if (p.layer-- > 0) continue;
    p.start += width;
    if (p.start < p.cols) {  // the next piece of the batch
      p.backward = false;
      p.layer = 0;
      GatherBatch(p.start, std::min(p.pieceCols, p.cols - p.start));
      continue;
    }
    const int cols = p.cols;
    const double loss = p.lossSum / cols;
    p = PendingStep();
    *finished = true;
    if (Status status = CheckLoss(loss, attempted); !status.ok()) return status;
    return CompleteStep(cols, loss);
  }
  return Status::Ok();
}

Status Trainer::Impl::Diverge(const Status& cause) {
  metrics.diverged = true;
  metrics.divergedAtStep = metrics.step + 1;
  metrics.divergedCause = cause.message();
  RestoreCheckpoint();
  return Status::Error("training diverged: " + metrics.divergedCause + kDivergedAdvice);
}

Status Trainer::Impl::Advance(bool whole_epoch) {
  if (metrics.diverged)
    return Status::Error("training diverged (" + metrics.divergedCause + ")" + kDivergedAdvice);
  do {
    bool finished = true;
    // A step left part done by StepWithin is finished first, as this step.
    const Status status = pending.active
                              ? StepPieces(std::numeric_limits<double>::infinity(), &finished)
                              : StepOnce();
    if (!status.ok()) return Diverge(status);
  } while (whole_epoch && cursor != 0);
  return Status::Ok();
}

}  // namespace relu
