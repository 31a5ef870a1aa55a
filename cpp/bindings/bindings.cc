// Embind bindings of the core: the only file that includes <emscripten/bind.h>.
//
// Thin on purpose. web/api/index.js wraps this into the documented JS API; the
// raw class is not meant to be used directly, but nothing done through it may
// crash the module either:
//  - every fallible method returns a std::string: empty on success, else the
//    core's validation message ("field: value is outside ..."), which the JS
//    API turns into an Error with `.field`;
//  - numbers arrive as double and are range-checked (by model/call_limits.h,
//    which declares each call's limits), because Embind's release-mode int
//    conversion silently truncates NaN, 1e20 or "7";
//  - a method called before create() returns an error instead of touching null.
//
// Buffer lifetimes: methods named *View return a typed_memory_view into the
// WASM heap, valid only until the next call into this module (any call may
// grow memory, which detaches the old buffer, or reallocate the vector). The
// JS API copies each view before its next call. metrics() and layers() return
// plain JS objects owned by JS.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/kernels.h"
#include "model/call_limits.h"
#include "model/config/config.h"
#include "model/config/json_guard.h"
#include "model/config/json_number.h"
#include "model/cost.h"
#include "model/data.h"
#include "model/grid_output.h"
#include "model/metrics_fields.h"
#include "model/trainer.h"

namespace {

using emscripten::val;
using relu::Status;

// What progress() reports; metrics() adds the full pass's and the layers'.
constexpr unsigned kProgressGroups = relu::kMetricStep | relu::kMetricEpoch | relu::kMetricLastStep |
                                     relu::kMetricDiverged | relu::kMetricDivergence;

int g_live_trainers = 0;

std::string ErrorText(const Status& status) { return status.ok() ? std::string() : status.message(); }

// A copy owned by JS: safe whatever the heap does next.
template <typename T>
val CopyToJs(const char* array_type, const std::vector<T>& values) {
  return val::global(array_type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

// Sets each field the core describes (model/metrics_fields.h) on a JS object,
// as the JS type of its C++ type. Lists are copies owned by JS.
struct JsSetter {
  val& object;
  void operator()(const char* key, std::string_view value) const { object.set(key, std::string(value)); }
  void operator()(const char* key, int64_t value) const { object.set(key, static_cast<double>(value)); }
  void operator()(const char* key, size_t value) const { object.set(key, static_cast<double>(value)); }
  void operator()(const char* key, const std::vector<uint32_t>& values) const {
    object.set(key, CopyToJs("Uint32Array", values));
  }
  void operator()(const char* key, const std::vector<float>& values) const {
    object.set(key, CopyToJs("Float32Array", values));
  }
  template <typename Scalar>  // bool, int, float, double, std::string
  void operator()(const char* key, const Scalar& value) const { object.set(key, value); }
};

class TrainerHandle {
 public:
  TrainerHandle() { ++g_live_trainers; }
  ~TrainerHandle() { --g_live_trainers; }
  TrainerHandle(const TrainerHandle&) = delete;
  TrainerHandle& operator=(const TrainerHandle&) = delete;

  std::string create(const std::string& config_json) {
    relu::Config config;
    Status status = relu::ParseConfig(config_json, &config);
    if (!status.ok()) return status.message();
    std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(config, &status);
    if (!trainer) return status.ok() ? "config: the trainer could not be created" : status.message();
    trainer_ = std::move(trainer);
    return {};
  }

  std::string configure(const std::string& config_json) {
    if (!trainer_) return NotCreated();
    relu::Config config;
    Status status = relu::ParseConfig(config_json, &config);
    if (!status.ok()) return status.message();
    bool rebuilt = false;
    status = trainer_->Configure(config, &rebuilt);
    if (status.ok()) rebuilt_ = rebuilt;
    return ErrorText(status);
  }
  // Whether the last successful configure() rebuilt data and network.
  bool rebuilt() const { return rebuilt_; }

  std::string configJson() const { return trainer_ ? relu::ConfigToJson(trainer_->config()) : "{}"; }

  std::string reset() {
    if (!trainer_) return NotCreated();
    trainer_->Reset();
    return {};
  }

  std::string step(double count) {
    if (!trainer_) return NotCreated();
    int n = 0;
    Status status = relu::CheckWholeNumber("steps", count, 0, relu::kMaxStepsPerCall, &n);
    if (status.ok()) status = trainer_->Step(n);
    return ErrorText(status);
  }

  // Runs up to about flopBudget operations of training (Trainer::StepWithin);
  // stepFinished() then says whether a step completed.
  std::string stepWithin(double flop_budget) {
    if (!trainer_) return NotCreated();
    if (Status status = relu::CheckFlopBudget(flop_budget); !status.ok()) return status.message();
    step_finished_ = false;
    return ErrorText(trainer_->StepWithin(flop_budget, &step_finished_));
  }
  bool stepFinished() const { return step_finished_; }
  bool stepInProgress() const { return trainer_ && trainer_->stepInProgress(); }

  std::string stepEpochs(double count) {
    if (!trainer_) return NotCreated();
    int n = 0;
    Status status = relu::CheckWholeNumber("epochs", count, 0, relu::kMaxEpochsPerCall, &n);
    if (status.ok()) status = trainer_->StepEpochs(n);
    return ErrorText(status);
  }

  std::string evaluate() {
    if (!trainer_) return NotCreated();
    trainer_->Evaluate();
    return {};
  }

  // Up to about flopBudget operations of a full pass (Trainer::EvaluateWithin);
  // evaluationFinished() then says whether it completed.
  std::string evaluateWithin(double flop_budget) {
    if (!trainer_) return NotCreated();
    evaluation_finished_ = false;
    if (Status status = relu::CheckFlopBudget(flop_budget); !status.ok()) return status.message();
    return ErrorText(trainer_->EvaluateWithin(flop_budget, &evaluation_finished_));
  }
  bool evaluationFinished() const { return evaluation_finished_; }
  bool evaluationInProgress() const { return trainer_ && trainer_->evaluationInProgress(); }

  // The cheap per-step numbers, for training loops that check after each slice.
  val progress() const {
    if (!trainer_) return val::null();
    val out = val::object();
    relu::VisitMetrics(trainer_->metrics(), kProgressGroups, JsSetter{out});
    return out;
  }

  val metrics() const {
    if (!trainer_) return val::null();
    const relu::Metrics& m = trainer_->metrics();
    val out = progress();
    relu::VisitMetrics(m, relu::kMetricPass, JsSetter{out});
    val layers = val::array();
    for (const relu::LayerDiagnostics& d : m.layers) {
      val layer = val::object();
      relu::VisitLayerDiagnostics(d, JsSetter{layer});
      layers.call<void>("push", layer);
    }
    out.set("layers", layers);
    return out;
  }

  // --- Parameters ------------------------------------------------------------
  double paramCount() const { return trainer_ ? static_cast<double>(trainer_->paramCount()) : 0; }

  // Valid until the next call into the module (see the file comment).
  val paramsView() const {
    if (!trainer_) return val::null();
    return val(emscripten::typed_memory_view(trainer_->paramCount(), trainer_->params()));
  }

  // `values`: any array-like of numbers (the JS API passes a Float32Array).
  std::string setParams(const val& values) {
    if (!trainer_) return NotCreated();
    const double expected = paramCount();
    const bool is_object = values.typeOf().as<std::string>() == "object" && !values.isNull();
    const val length = is_object ? values["length"] : val::undefined();
    if (!length.isNumber() || length.as<double>() != expected) {
      return "params: expected " + relu::FormatNumber(expected) + " numbers, got " +
             (length.isNumber() ? relu::FormatNumber(length.as<double>()) : std::string("no array"));
    }
    const std::vector<float> copy = emscripten::convertJSArrayToNumberVector<float>(values);
    return ErrorText(trainer_->SetParams(copy.data(), copy.size()));
  }

  // Only the conversion to int is checked here; the ranges and the value are
  // the core's to check (Trainer::SetWeight), once.
  std::string setWeight(double layer, double to, double from, double value) {
    if (!trainer_) return NotCreated();
    constexpr double kMaxInt = 2147483647.0;
    int l = 0, t = 0, f = 0;
    float v = 0;
    Status status = relu::CheckWholeNumber("layer", layer, 0, kMaxInt, &l);
    if (status.ok()) status = relu::CheckWholeNumber("to", to, 0, kMaxInt, &t);
    if (status.ok()) status = relu::CheckWholeNumber("from", from, 0, kMaxInt, &f);
    if (status.ok()) status = relu::CheckFiniteFloat("value", value, &v);
    if (status.ok()) status = trainer_->SetWeight(l, t, f, v);
    return ErrorText(status);
  }

  // One entry per weight layer: shape, activation and where its parameters sit
  // in the block.
  val layers() const {
    val out = val::array();
    if (!trainer_) return out;
    for (int l = 0; l < trainer_->layerCount(); ++l) {
      val layer = val::object();
      relu::VisitLayerInfo(trainer_->layerInfo(l), JsSetter{layer});
      out.call<void>("push", layer);
    }
    return out;
  }

  // --- Grid ------------------------------------------------------------------
  double gridNodeCount(bool include_hidden) const {
    return trainer_ ? static_cast<double>(trainer_->gridNodeCount(include_hidden)) : 0;
  }

  std::string evalGrid(double size, bool include_hidden, bool regions) {
    return evalGridWithin(size, include_hidden, std::numeric_limits<double>::infinity(), regions);
  }
  // Up to about flopBudget operations of the grid (Trainer::EvalGridWithin),
  // into the buffer gridView() shows; gridFinished() says whether it is
  // complete. Another size or include_hidden starts afresh. With `regions`
  // the same pass fills what regionsView(), regionCount() and regionError() show.
  std::string evalGridWithin(double size, bool include_hidden, double flop_budget, bool regions) {
    if (!trainer_) return NotCreated();
    return ErrorText(grid_.EvalWithin(*trainer_, size, include_hidden, flop_budget, regions ? &regions_ : nullptr));
  }
  bool gridFinished() const { return grid_.finished(); }
  // The last evalGrid() result; valid until the next call into the module.
  val gridView() const { return val(emscripten::typed_memory_view(grid_.size(), grid_.data())); }
  // The last grid's regions (relu::GridRegions), when it was asked for them.
  val regionsView() const {
    return val(emscripten::typed_memory_view(regions_.ids.size(), regions_.ids.data()));
  }
  double regionCount() const { return regions_.count; }
  std::string regionError() const { return ErrorText(regions_.status); }

  // --- Data ------------------------------------------------------------------
  // [x1, x2, label] per point; valid until the next call into the module.
  val pointsView(bool test) {
    std::vector<float>& flat = test ? test_points_ : train_points_;
    flat.clear();
    if (trainer_) {
      const std::vector<relu::Point>& points = test ? trainer_->testPoints() : trainer_->trainPoints();
      flat.reserve(points.size() * 3);
      for (const relu::Point& p : points) flat.insert(flat.end(), {p.x1, p.x2, p.label});
    }
    return val(emscripten::typed_memory_view(flat.size(), flat.data()));
  }

  // The test points' predicted classes (Trainer::testPredictions); valid until the next call into the module.
  val testPredictionsView() const {
    if (!trainer_) return val(emscripten::typed_memory_view(size_t{0}, static_cast<const int32_t*>(nullptr)));
    const std::vector<int32_t>& classes = trainer_->testPredictions();
    return val(emscripten::typed_memory_view(classes.size(), classes.data()));
  }
  // Per unit, the test point that excites it most and its activation
  // (Trainer::testTopSamples/testTopActivations); valid until the next call into the module.
  val testTopSamplesView() const {
    if (!trainer_) return val(emscripten::typed_memory_view(size_t{0}, static_cast<const int32_t*>(nullptr)));
    const std::vector<int32_t>& samples = trainer_->testTopSamples();
    return val(emscripten::typed_memory_view(samples.size(), samples.data()));
  }
  val testTopActivationsView() const {
    if (!trainer_) return val(emscripten::typed_memory_view(size_t{0}, static_cast<const float*>(nullptr)));
    const std::vector<float>& values = trainer_->testTopActivations();
    return val(emscripten::typed_memory_view(values.size(), values.data()));
  }
  // Digit image `index` (relu::DigitPixels), or nothing when index is outside
  // [0, kDigitCount); valid until the next call into the module.
  val digitPixelsView(double index) {
    digit_.clear();
    if (index >= 0 && index < relu::kDigitCount && index == static_cast<int>(index)) {
      digit_.resize(relu::kDigitPixels);
      relu::DigitPixels(static_cast<int>(index), digit_.data());
    }
    return val(emscripten::typed_memory_view(digit_.size(), digit_.data()));
  }

  // --- One input -------------------------------------------------------------
  // Trainer::Classify of `values` (an array-like of numbers); classificationView()
  // then shows [outputs..., each hidden layer's activations...] as one run.
  std::string classify(const val& values) {
    if (!trainer_) return NotCreated();
    const bool is_object = values.typeOf().as<std::string>() == "object" && !values.isNull();
    const val length = is_object ? values["length"] : val::undefined();
    if (!length.isNumber()) return "input: expected an array of numbers";
    // Copied only at the network's width; another length is the core's to refuse, uncopied.
    const auto width = static_cast<size_t>(trainer_->layerInputs(0));
    const std::vector<float> copy = length.as<double>() == static_cast<double>(width)
        ? emscripten::convertJSArrayToNumberVector<float>(values) : std::vector<float>();
    const size_t count = copy.empty() ? static_cast<size_t>(std::max(0.0, std::min(length.as<double>(), 1e9))) : copy.size();
    classified_.clear();
    classified_class_ = -1;
    relu::Classification result;
    Status status = trainer_->Classify(copy.empty() ? nullptr : copy.data(), count, &result);
    if (!status.ok()) return status.message();
    classified_ = result.outputs;
    for (const std::vector<float>& layer : result.activations) classified_.insert(classified_.end(), layer.begin(), layer.end());
    classified_class_ = result.predicted;
    return {};
  }
  int classifiedClass() const { return classified_class_; }
  // The last classify(); valid until the next call into the module.
  val classificationView() const { return val(emscripten::typed_memory_view(classified_.size(), classified_.data())); }

  // --- Serialisation ---------------------------------------------------------
  // The model file into a buffer that exportView() shows, rather than a
  // returned std::string, whose copy for JS Embind would malloc unchecked.
  std::string exportJson() {
    releaseExport();
    if (!trainer_) return NotCreated();
    const Status status = trainer_->ExportJson(&export_);
    if (!status.ok()) releaseExport();
    return ErrorText(status);
  }
  // The UTF-8 bytes of the last exportJson(); valid until the next call into the module.
  val exportView() const {
    return val(emscripten::typed_memory_view(export_.size(), reinterpret_cast<const uint8_t*>(export_.data())));
  }
  void releaseExport() { std::string().swap(export_); }

  std::string importJson(const std::string& json_text) {
    if (!trainer_) return NotCreated();
    return ErrorText(trainer_->ImportJson(json_text));
  }

 private:
  static std::string NotCreated() { return "trainer: not created (call create() first)"; }

  std::unique_ptr<relu::Trainer> trainer_;
  bool rebuilt_ = false;
  bool step_finished_ = false;
  bool evaluation_finished_ = false;
  std::string export_;  // the last exportJson(), until the JS API has copied it
  relu::GridOutput grid_;
  relu::GridRegions regions_;
  std::vector<float> train_points_;
  std::vector<float> test_points_;
  std::vector<float> digit_;  // digitPixelsView's image
  std::vector<float> classified_;  // classify()'s outputs and activations
  int classified_class_ = -1;      // and its predicted class
};

// --- Module-wide facts, for the loader and the leak tests ----------------------
bool compiledWithSimd() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}
std::string kernelIsa() { return relu::kernels::SelectKernels().isa; }
double heapBytesInUse() { return static_cast<double>(mallinfo().uordblks); }
double memoryBytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
int liveTrainers() { return g_live_trainers; }
// The most bytes of JSON text the core reads, per kind: the JS API refuses
// longer text before it crosses, since Embind copies a string into the heap
// with an unchecked malloc. web/shared/limits.js declares the same numbers.
val jsonTextLimits() {
  val out = val::object();
  out.set("config", static_cast<double>(relu::kConfigJsonLimits.maxBytes));
  out.set("model", static_cast<double>(relu::Trainer::MaxModelJsonBytes()));
  return out;
}

// The cost of a config (model/cost.h), as a plain object, or {error} with the
// validation message. Needs no trainer: the page asks before building one.
val estimateCost(const std::string& config_json) {
  val out = val::object();
  relu::Config config;
  Status status = relu::ParseConfig(config_json, &config);
  relu::CostEstimate cost;
  if (status.ok()) status = relu::EstimateCost(config, &cost);
  if (!status.ok()) {
    out.set("error", status.message());
    return out;
  }
  relu::VisitCost(cost, JsSetter{out});
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(relu_core) {
  emscripten::class_<TrainerHandle>("TrainerHandle")
      .constructor<>()
      .function("create", &TrainerHandle::create)
      .function("configure", &TrainerHandle::configure)
      .function("rebuilt", &TrainerHandle::rebuilt)
      .function("configJson", &TrainerHandle::configJson)
      .function("reset", &TrainerHandle::reset)
      .function("step", &TrainerHandle::step)
      .function("stepEpochs", &TrainerHandle::stepEpochs)
      .function("evaluate", &TrainerHandle::evaluate)
      .function("evaluateWithin", &TrainerHandle::evaluateWithin)
      .function("evaluationFinished", &TrainerHandle::evaluationFinished)
      .function("evaluationInProgress", &TrainerHandle::evaluationInProgress)
      .function("progress", &TrainerHandle::progress)
      .function("metrics", &TrainerHandle::metrics)
      .function("paramCount", &TrainerHandle::paramCount)
      .function("paramsView", &TrainerHandle::paramsView)
      .function("setParams", &TrainerHandle::setParams)
      .function("setWeight", &TrainerHandle::setWeight)
      .function("layers", &TrainerHandle::layers)
      .function("gridNodeCount", &TrainerHandle::gridNodeCount)
      .function("evalGrid", &TrainerHandle::evalGrid)
      .function("evalGridWithin", &TrainerHandle::evalGridWithin)
      .function("regionsView", &TrainerHandle::regionsView)
      .function("regionCount", &TrainerHandle::regionCount)
      .function("regionError", &TrainerHandle::regionError)
      .function("gridFinished", &TrainerHandle::gridFinished)
      .function("gridView", &TrainerHandle::gridView)
      .function("pointsView", &TrainerHandle::pointsView)
      .function("testPredictionsView", &TrainerHandle::testPredictionsView)
      .function("digitPixelsView", &TrainerHandle::digitPixelsView)
      .function("testTopSamplesView", &TrainerHandle::testTopSamplesView)
      .function("testTopActivationsView", &TrainerHandle::testTopActivationsView)
      .function("exportJson", &TrainerHandle::exportJson)
      .function("exportView", &TrainerHandle::exportView)
      .function("releaseExport", &TrainerHandle::releaseExport)
      .function("importJson", &TrainerHandle::importJson)
      // Split steps (issue #10).
      .function("stepWithin", &TrainerHandle::stepWithin)
      .function("stepFinished", &TrainerHandle::stepFinished)
      .function("stepInProgress", &TrainerHandle::stepInProgress)
      // Draw a digit (issue #15).
      .function("classify", &TrainerHandle::classify)
      .function("classificationView", &TrainerHandle::classificationView)
      .function("classifiedClass", &TrainerHandle::classifiedClass);
  emscripten::function("compiledWithSimd", &compiledWithSimd);
  emscripten::function("kernelIsa", &kernelIsa);
  emscripten::function("heapBytesInUse", &heapBytesInUse);
  emscripten::function("memoryBytes", &memoryBytes);
  emscripten::function("liveTrainers", &liveTrainers);
  emscripten::function("jsonTextLimits", &jsonTextLimits);
  // Split steps and the cost model (issue #10).
  emscripten::function("estimateCost", &estimateCost);
}
