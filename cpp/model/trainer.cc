// Trainer: construction and configuration. The parameter block is in
// trainer_params.cc, the training step in trainer_step.cc, full passes
// (Evaluate, EvalGrid) in trainer_eval.cc, JSON in trainer_io.cc.
#include "model/trainer.h"

#include <algorithm>
#include <cmath>
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

FeatureSet MakeFeatureSet(const std::vector<Point>& points, const Config& config, int inputs) {
  FeatureSet set;
  set.count = static_cast<int>(points.size());
  set.features.resize(points.size() * static_cast<size_t>(inputs));
  set.labels.resize(points.size());
  const bool digits = config.dataset == Dataset::kDigits;
  for (size_t i = 0; i < points.size(); ++i) {
    float* column = set.features.data() + i * inputs;
    if (digits) {
      DigitPixels(static_cast<int>(points[i].x1), column);  // x1 holds the image's index
    } else {
      ComputeFeatures(config.features, points[i].x1, points[i].x2, column);
    }
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
  impl->train = MakeFeatureSet(impl->trainPoints, config, inputs);
  impl->test = MakeFeatureSet(impl->testPoints, config, inputs);
  // Once, at full size: a pass then reuses them, and the heap stays flat.
  impl->testPredictions.reserve(impl->testPoints.size());
  impl->passTestPredictions.reserve(impl->testPoints.size());
  size_t units = 0;
  for (const auto& layer : impl->layout.layers) units += static_cast<size_t>(layer.outputs);
  impl->testTopActivations.reserve(units);
  impl->testTopSamples.reserve(units);
  impl->passTopActivations.assign(units, 0.0f);
  impl->passTopSamples.assign(units, -1);
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
  impl->unitNearLimit.resize(layer_count);
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
    const bool bounded = layer.act == Act::kSigmoid || layer.act == Act::kTanh;
    impl->unitNearLimit[l].assign(bounded ? static_cast<size_t>(layer.outputs) : 0, 0u);
    diag.deadMask.assign(static_cast<size_t>(layer.outputs), 0u);
    diag.saturatedMask.assign(static_cast<size_t>(layer.outputs), 0u);
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
  testPredictions.clear();
  testTopActivations.clear();
  testTopSamples.clear();
  for (LayerDiagnostics& diag : metrics.layers) {
    diag.preMean = diag.preStd = diag.actMean = diag.actStd = diag.sparsity = 0.0f;
    diag.deadUnits = diag.saturatedUnits = 0;
    std::fill(diag.deadMask.begin(), diag.deadMask.end(), 0u);
    std::fill(diag.saturatedMask.begin(), diag.saturatedMask.end(), 0u);
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

// --- Data --------------------------------------------------------------------------

const std::vector<Point>& Trainer::trainPoints() const { return impl_->trainPoints; }
const std::vector<Point>& Trainer::testPoints() const { return impl_->testPoints; }

}  // namespace relu
