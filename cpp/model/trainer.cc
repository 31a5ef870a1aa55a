// Trainer: construction, configuration, the training step and the parameter
// block. Full passes (Evaluate, EvalGrid) are in trainer_eval.cc, JSON in
// trainer_io.cc.
#include "model/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>

#include "model/data.h"
#include "model/init.h"
#include "model/loss.h"
#include "model/trainer_impl.h"

namespace relu {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kDivergedAdvice = ": lower the learning rate, then Configure or Reset";

FeatureSet MakeFeatureSet(const std::vector<Point>& points, uint32_t features, int inputs) {
  FeatureSet set;
  set.count = static_cast<int>(points.size());
  set.features.resize(points.size() * static_cast<size_t>(inputs));
  set.labels.resize(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    ComputeFeatures(features, points[i].x1, points[i].x2, set.features.data() + i * inputs);
    set.labels[i] = points[i].label;
  }
  return set;
}

std::string HiddenList(const std::vector<int>& hidden) {
  std::string text = "[";
  for (size_t i = 0; i < hidden.size(); ++i) text += (i ? "," : "") + std::to_string(hidden[i]);
  return text + "]";
}

std::string Megabytes(double bytes) { return std::to_string(static_cast<long long>(bytes / 1048576)); }

// "hidden: the network [8,8] with batchSize 10 needs about 12 MB": the start
// of every message about a network's memory.
std::string NetworkNeeds(const NetworkLayout& layout, const Config& config, int batch_size) {
  const double bytes = EstimateModelBytes(layout, batch_size, EvalChunk(layout));
  return "hidden: the network " + HiddenList(config.hidden) + " with batchSize " +
         std::to_string(batch_size) + " needs about " + Megabytes(bytes) + " MB";
}

Status CheckMemory(const NetworkLayout& layout, const Config& config, int batch_size) {
  if (EstimateModelBytes(layout, batch_size, EvalChunk(layout)) <= kMaxModelBytes) return Status::Ok();
  return Status::Error(NetworkNeeds(layout, config, batch_size) +
                       " for parameters, gradients, optimiser state and batch buffers; the limit is " +
                       Megabytes(kMaxModelBytes) +
                       " MB: use fewer or narrower layers, or a smaller batchSize");
}

// Within the limit, and still more than this browser (or system) would give.
Status CouldNotAllocate(const NetworkLayout& layout, const Config& config, int batch_size, const char* what) {
  return Status::Error(NetworkNeeds(layout, config, batch_size) + ", could not allocate the " + what +
                       ": free memory (close other tabs or programs), or use fewer or narrower layers, "
                       "or a smaller batchSize");
}

// What the trainer allocates outside its FloatBuffers once they exist, through
// operator new or Eigen, where a failure would abort instead of returning:
// the orthogonal initialisation's double-precision QR (a Gaussian matrix, its
// factorisation and Q: 4 matrices of the largest layer, with room), Eigen's
// product blocks (under 1 MB each) and the small vectors of diagnostics. Making
// sure this much can be had before going on turns those aborts into the error
// above, unless memory runs out between this check and the allocation.
size_t AllocationHeadroom(const NetworkLayout& layout, const Config& config) {
  size_t largest_layer = 0;
  for (const LayerLayout& layer : layout.layers) {
    largest_layer = std::max(largest_layer, static_cast<size_t>(layer.inputs) * static_cast<size_t>(layer.outputs));
  }
  const size_t orthogonal = config.init == Init::kOrthogonal ? 4 * sizeof(double) * largest_layer : 0;
  return orthogonal + (size_t{4} << 20);
}

// True when `bytes` can be allocated now. In the WASM build the heap then keeps
// them (its memory never shrinks), free for the allocations that follow.
bool CanAllocate(size_t bytes) {
  void* volatile probe = std::malloc(bytes);  // volatile: not to be optimised away as unused
  if (probe == nullptr) return false;
  std::free(probe);
  return true;
}

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

void CopyBlock(const FloatBuffer& from, FloatBuffer* to) {
  std::memcpy(to->data(), from.data(), sizeof(float) * from.size());
}

}  // namespace

// --- Impl --------------------------------------------------------------------

Status Trainer::Impl::Build(const Config& config, std::unique_ptr<Impl>* out) {
  Status status = ValidateConfig(config);
  if (!status.ok()) return status;
  auto impl = std::make_unique<Impl>();
  impl->kernels = &kernels::SelectKernels();
  impl->config = config;
  impl->layout = MakeLayout(config, NumInputs(config), NumOutputs(config));
  status = GenerateData(config, &impl->trainPoints, &impl->testPoints);
  if (!status.ok()) return status;
  if (impl->trainPoints.empty())
    return Status::Error("numSamples: no training points to learn from");
  const int batch_size = impl->BatchSize();
  status = CheckMemory(impl->layout, config, batch_size);
  if (!status.ok()) return status;

  const int inputs = impl->layout.inputs;
  impl->train = MakeFeatureSet(impl->trainPoints, config.features, inputs);
  impl->test = MakeFeatureSet(impl->testPoints, config.features, inputs);
  const size_t n = impl->layout.paramCount;
  if (!impl->params.Assign(n) || !impl->grads.Assign(n) ||
      !impl->checkpoints[0].params.Assign(n) || !impl->checkpoints[1].params.Assign(n)) {
    return CouldNotAllocate(impl->layout, config, batch_size, "parameters");
  }
  if (!impl->optimizer.Reset(config.optimizer, n)) {
    return CouldNotAllocate(impl->layout, config, batch_size, "optimiser state");
  }
  if (!impl->pieceGrads.Assign(LargestLayerParams(impl->layout))) {
    return CouldNotAllocate(impl->layout, config, batch_size, "gradients");
  }
  if (!impl->batch.Resize(impl->layout, batch_size) ||
      !impl->eval.Resize(impl->layout, EvalChunk(impl->layout))) {
    return CouldNotAllocate(impl->layout, config, batch_size, "batch buffers");
  }
  if (!CanAllocate(AllocationHeadroom(impl->layout, config))) {
    return CouldNotAllocate(impl->layout, config, batch_size, "working memory");
  }

  const size_t layer_count = impl->layout.layers.size();
  impl->layerUpdates.assign(layer_count, LayerUpdate());
  impl->layerSums.resize(layer_count);
  impl->unitAlive.resize(layer_count);
  impl->gridOutputs.resize(layer_count);
  impl->passHistograms.assign(layer_count, std::vector<uint32_t>(kHistogramBins, 0u));
  impl->evalPieceColumns = EvalPieceColumns(impl->layout, impl->eval.capacity());
  impl->metrics.layers.resize(layer_count);
  for (size_t l = 0; l < layer_count; ++l) {
    const LayerLayout& layer = impl->layout.layers[l];
    LayerDiagnostics& diag = impl->metrics.layers[l];
    diag.units = layer.outputs;
    diag.activation = LayerActivationName(impl->layout, l);
    diag.histogram.assign(kHistogramBins, 0);
    diag.preluSlopes.assign(static_cast<size_t>(layer.slopeCount), 0.0f);
    impl->unitAlive[l].assign(static_cast<size_t>(layer.outputs), 0);
  }
  impl->order.resize(impl->trainPoints.size());
  impl->ResetTraining();
  *out = std::move(impl);
  return Status::Ok();
}

int Trainer::Impl::BatchSize() const {
  return EffectiveBatchSize(config.batchSize, static_cast<int>(trainPoints.size()));
}

void Trainer::Impl::ResetTraining() {
  InitializeParams(layout, config, params.data());
  grads.Zero();
  optimizer.Reset(config.optimizer, layout.paramCount);  // same size: cannot fail
  shuffleRng.Seed(config.seed, kStreamShuffle);
  std::iota(order.begin(), order.end(), 0u);
  shuffleRng.Shuffle(order.data(), order.size());
  cursor = 0;
  samplesSeen = 0;

  metrics.step = 0;
  metrics.epoch = 0;
  metrics.learningRate = ScheduledLearningRate(config, 0);
  metrics.batchLoss = kNaN;
  metrics.trainLoss = metrics.testLoss = kNaN;
  metrics.trainAccuracy = metrics.testAccuracy = kNaN;
  metrics.diverged = false;
  metrics.divergedAtStep = -1;
  metrics.divergedCause.clear();
  for (LayerDiagnostics& diag : metrics.layers) {
    diag.preMean = diag.preStd = diag.actMean = diag.actStd = diag.sparsity = 0.0f;
    diag.deadUnits = 0;
    std::fill(diag.histogram.begin(), diag.histogram.end(), 0u);
    diag.gradNorm = diag.updateRatio = 0.0f;
  }
  RefreshParamMetrics();
  SetBaseline();
}

void Trainer::Impl::SetBaseline() {
  double weight_squares = 0.0;
  for (const LayerLayout& layer : layout.layers) {
    weight_squares += SumOfSquares(params.data() + layer.weightOffset,
                                   layer.biasOffset - layer.weightOffset);
  }
  weightNormLimit = kWeightBlowUp * std::max(std::sqrt(weight_squares), 1.0);
  lossLimit = kNaN;  // set by the next step's batch loss
  pending = PendingStep();  // a step begun on other weights is dropped
  DropEvaluations();
  SaveCheckpoint();
  SaveCheckpoint();  // both slots: nothing before the baseline is to be returned to
}

void Trainer::Impl::SaveCheckpoint() {
  newestCheckpoint = 1 - newestCheckpoint;
  Checkpoint& slot = checkpoints[newestCheckpoint];
  CopyBlock(params, &slot.params);
  slot.step = metrics.step;
  slot.samplesSeen = samplesSeen;
}

void Trainer::Impl::RestoreCheckpoint() {
  pending = PendingStep();
  DropEvaluations();
  const Checkpoint& older = checkpoints[1 - newestCheckpoint];
  Checkpoint& newer = checkpoints[newestCheckpoint];
  CopyBlock(older.params, &params);
  CopyBlock(older.params, &newer.params);
  newer.step = older.step;
  newer.samplesSeen = older.samplesSeen;
  // The moments carry the explosive updates; there is no copy of them.
  optimizer.Reset(optimizer.type(), layout.paramCount);  // same size: cannot fail
  metrics.step = older.step;
  samplesSeen = older.samplesSeen;
  metrics.epoch = static_cast<double>(samplesSeen) / static_cast<double>(order.size());
  metrics.learningRate = ScheduledLearningRate(config, metrics.step);
  cursor = 0;  // the epoch under way starts over, in its order
  RefreshParamMetrics();
}

void Trainer::Impl::RefreshParamMetrics() {
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    LayerDiagnostics& diag = metrics.layers[l];
    const size_t weights = static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs);
    diag.weightNorm =
        static_cast<float>(std::sqrt(SumOfSquares(params.data() + layer.weightOffset, weights)));
    std::copy_n(params.data() + layer.slopeOffset, layer.slopeCount, diag.preluSlopes.begin());
  }
}

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

Status Trainer::Impl::ConfigureLive(const Config& next) {
  Status status = ValidateConfig(next);
  if (!status.ok()) return status;
  const int batch_size = EffectiveBatchSize(next.batchSize, static_cast<int>(trainPoints.size()));
  status = CheckMemory(layout, next, batch_size);
  if (!status.ok()) return status;
  Workspace resized;
  const bool resize = batch_size != batch.capacity();
  if (resize && !resized.Resize(layout, batch_size)) {
    return CouldNotAllocate(layout, next, batch_size, "batch buffers");
  }
  OptimizerState fresh;
  const bool new_optimizer = next.optimizer != optimizer.type();
  if (new_optimizer && !fresh.Reset(next.optimizer, layout.paramCount)) {
    return CouldNotAllocate(layout, next, batch_size, "optimiser state");
  }
  // Nothing can fail from here on. A step under way started with the old
  // settings (and batch buffers): it is dropped, and the next one starts afresh.
  pending = PendingStep();
  DropEvaluations();  // the leaky slope and ELU alpha may have changed
  config = next;
  SetLiveActParams(config, &layout);
  if (resize) batch = std::move(resized);
  if (new_optimizer) optimizer = std::move(fresh);
  metrics.learningRate = ScheduledLearningRate(config, metrics.step);
  metrics.diverged = false;
  metrics.divergedAtStep = -1;
  metrics.divergedCause.clear();
  return Status::Ok();
}

// --- Trainer -------------------------------------------------------------------

Trainer::Trainer() = default;
Trainer::~Trainer() = default;

std::unique_ptr<Trainer> Trainer::Create(const Config& config, Status* error) {
  std::unique_ptr<Impl> impl;
  const Status status = Impl::Build(config, &impl);
  if (error) *error = status;
  if (!status.ok()) return nullptr;
  std::unique_ptr<Trainer> trainer(new Trainer());
  trainer->impl_ = std::move(impl);
  return trainer;
}

const Config& Trainer::config() const { return impl_->config; }

Status Trainer::Configure(const Config& config, bool* rebuilt) {
  if (rebuilt) *rebuilt = false;
  if (!NeedsRebuild(impl_->config, config)) return impl_->ConfigureLive(config);
  CostEstimate next;
  Status status = EstimateCost(config, &next);
  if (!status.ok()) return status;
  const double held =
      EstimateModelBytes(impl_->layout, impl_->batch.capacity(), impl_->eval.capacity());
  std::unique_ptr<Impl> fresh;
  if (next.bytes <= kMaxModelBytes && held + next.bytes > kMaxModelBytes) {
    // Old and new networks together would pass the limit that each keeps
    // to: free the old one first. Should the new one still fail (memory
    // short), the old config is built again, from its seed.
    const Config previous = impl_->config;
    impl_.reset();
    status = Impl::Build(config, &fresh);
    if (!status.ok()) {
      const Status again = Impl::Build(previous, &impl_);
      return Status::Error(status.message() +
                           (again.ok() ? " (the previous network was rebuilt from its seed)"
                                       : " (and the previous network could not be rebuilt)"));
    }
  } else {
    status = Impl::Build(config, &fresh);
    if (!status.ok()) return status;
  }
  impl_ = std::move(fresh);
  if (rebuilt) *rebuilt = true;
  return Status::Ok();
}

void Trainer::Reset() { impl_->ResetTraining(); }

Status Trainer::Step(int n) {
  if (n < 0) return Status::Error("steps: " + std::to_string(n) + " is negative, must be >= 0");
  for (int i = 0; i < n; ++i) {
    if (Status status = impl_->Advance(false); !status.ok()) return status;
  }
  return Status::Ok();
}

Status Trainer::StepWithin(double flop_budget, bool* finished) {
  bool done = false;
  if (finished) *finished = false;
  if (!(flop_budget > 0)) {
    return Status::Error("flopBudget: " + std::to_string(flop_budget) + " must be > 0");
  }
  if (impl_->metrics.diverged) return impl_->Advance(false);  // the same refusal as Step
  const Status status = impl_->StepPieces(flop_budget, &done);
  if (!status.ok()) return impl_->Diverge(status);
  if (finished) *finished = done;
  return Status::Ok();
}

bool Trainer::stepInProgress() const { return impl_->pending.active; }

Status Trainer::StepEpochs(int n) {
  if (n < 0) return Status::Error("epochs: " + std::to_string(n) + " is negative, must be >= 0");
  for (int i = 0; i < n; ++i) {
    if (Status status = impl_->Advance(true); !status.ok()) return status;
  }
  return Status::Ok();
}

const Metrics& Trainer::metrics() const { return impl_->metrics; }

// --- Parameters ------------------------------------------------------------------

const float* Trainer::params() const { return impl_->params.data(); }
size_t Trainer::paramCount() const { return impl_->layout.paramCount; }

Status Trainer::SetParams(const float* values, size_t count) {
  const size_t expected = impl_->layout.paramCount;
  if (count != expected) {
    return Status::Error("params: " + std::to_string(count) + " values given, the network has " +
                         std::to_string(expected));
  }
  if (count && !values) return Status::Error("params: no values given");
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(values[i])) {
      return Status::Error("params[" + std::to_string(i) + "] is " + std::to_string(values[i]) +
                           ": every parameter must be finite");
    }
  }
  std::copy_n(values, count, impl_->params.data());
  impl_->RefreshParamMetrics();
  impl_->SetBaseline();
  return Status::Ok();
}

int Trainer::layerCount() const { return static_cast<int>(impl_->layout.layers.size()); }

// Out-of-range layers read as an empty layer at offset 0: these accessors
// cannot report errors, and must not read outside the layout.
namespace {
const LayerLayout& LayerOrEmpty(const NetworkLayout& layout, int layer) {
  static const LayerLayout kEmpty;
  const bool valid = layer >= 0 && layer < static_cast<int>(layout.layers.size());
  return valid ? layout.layers[static_cast<size_t>(layer)] : kEmpty;
}
}  // namespace

size_t Trainer::weightOffset(int layer) const {
  return LayerOrEmpty(impl_->layout, layer).weightOffset;
}
size_t Trainer::biasOffset(int layer) const {
  return LayerOrEmpty(impl_->layout, layer).biasOffset;
}
int Trainer::layerInputs(int layer) const { return LayerOrEmpty(impl_->layout, layer).inputs; }
int Trainer::layerOutputs(int layer) const { return LayerOrEmpty(impl_->layout, layer).outputs; }

LayerInfo Trainer::layerInfo(int layer) const {
  const LayerLayout& layout = LayerOrEmpty(impl_->layout, layer);
  LayerInfo info;
  info.inputs = layout.inputs;
  info.outputs = layout.outputs;
  if (layer >= 0 && layer < layerCount()) {
    info.activation = LayerActivationName(impl_->layout, static_cast<size_t>(layer));
  }
  info.weightOffset = layout.weightOffset;
  info.biasOffset = layout.biasOffset;
  info.slopeOffset = layout.slopeOffset;
  info.slopeCount = layout.slopeCount;
  return info;
}

Status Trainer::SetWeight(int layer, int to, int from, float value) {
  const int count = layerCount();
  if (layer < 0 || layer >= count) {
    return Status::Error("layer: " + std::to_string(layer) + " is out of range [0, " +
                         std::to_string(count - 1) + "]");
  }
  const LayerLayout& target = impl_->layout.layers[static_cast<size_t>(layer)];
  if (to < 0 || to >= target.outputs) {
    return Status::Error("to: " + std::to_string(to) + " is out of range [0, " +
                         std::to_string(target.outputs - 1) + "] for layer " +
                         std::to_string(layer));
  }
  if (from < 0 || from >= target.inputs) {
    return Status::Error("from: " + std::to_string(from) + " is out of range [0, " +
                         std::to_string(target.inputs - 1) + "] for layer " +
                         std::to_string(layer));
  }
  if (!std::isfinite(value))
    return Status::Error("value: " + std::to_string(value) + " is not finite");
  impl_->params[target.weightOffset + static_cast<size_t>(from) * target.outputs + to] = value;
  impl_->RefreshParamMetrics();
  impl_->SetBaseline();
  return Status::Ok();
}

// --- Data --------------------------------------------------------------------------

const std::vector<Point>& Trainer::trainPoints() const { return impl_->trainPoints; }
const std::vector<Point>& Trainer::testPoints() const { return impl_->testPoints; }

}  // namespace relu
