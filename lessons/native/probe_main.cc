// relu-lessons-probe: runs the lessons' training jobs on the native core.
//
// Reads one job per line on stdin and writes one result line per job:
//   job:    {"config": {...}, "phases": [{"epochs": E, "evalEvery": K, "set": {...}}],
//            "probes": {"offMasks": bool, "unitSpread": bool, "outputRange": n,
//                       "outputGrid": n, "regions": n, "trainPoints": bool},
//            "stepTime": {"steps": S, "repeats": R}, "kernelTime": {"n": N, "repeats": R}}
//   result: {"records": [...], "trainPoints": [[x1, x2, label]...], "stepMicros": x,
//            "kernelNanos": x}   or {"error": "..."}
// A record is written before any training (epoch 0, so the lessons can show
// the network at initialisation), every K epochs, at the end of each phase and
// when training diverges. A phase's "set" changes config fields with
// Trainer::Configure before the phase runs: live fields keep the weights,
// which is how a lesson lowers the learning rate after a divergence.
// Exit status: 0 (a bad job is reported on its own line), 2 unreadable input.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/config/config.h"
#include "model/metrics_fields.h"
#include "model/trainer.h"
#include "probes.h"

namespace {

using nlohmann::json;

constexpr int kMaxGrid = 512;

// A member, or null when absent (the const operator[] must not see a missing key).
const json& At(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// A whole number in [min, max], or `fallback` when absent; false when malformed.
bool ReadInt(const json& object, const char* key, long min, long max, long fallback, long* out) {
  const json& value = At(object, key);
  if (value.is_null()) {
    *out = fallback;
    return true;
  }
  if (!value.is_number_integer()) return false;
  const long number = value.get<long>();
  if (number < min || number > max) return false;
  *out = number;
  return true;
}

// Sets each metric the core describes (model/metrics_fields.h) as a member of
// `object`. Histograms are left out (no lesson reads them, and 40 counts per
// layer per record would only grow the output), and so are empty lists: only
// PReLU layers have slopes.
struct MemberSetter {
  json& object;
  void operator()(const char* key, std::string_view value) const { object[key] = std::string(value); }
  void operator()(const char*, const std::vector<uint32_t>&) const {}
  void operator()(const char* key, const std::vector<float>& values) const {
    if (!values.empty()) object[key] = values;
  }
  template <typename Scalar>
  void operator()(const char* key, const Scalar& value) const { object[key] = value; }
};

json Record(long epoch, relu::Trainer* trainer, const json& probes) {
  trainer->Evaluate();
  const relu::Metrics& m = trainer->metrics();
  json record = {{"epoch", epoch}};
  relu::VisitMetrics(m, relu::kMetricStep | relu::kMetricLastStep | relu::kMetricPass | relu::kMetricDiverged |
                            (m.diverged ? relu::kMetricDivergence : 0u),
                     MemberSetter{record});
  json layers = json::array();
  for (const relu::LayerDiagnostics& layer : m.layers) {
    json entry = json::object();
    relu::VisitLayerDiagnostics(layer, MemberSetter{entry});
    layers.push_back(entry);
  }
  record["layers"] = layers;
  if (At(probes, "offMasks").is_boolean() && At(probes, "offMasks").get<bool>()) {
    record["offMasks"] = relu::lessons::OffUnitMasks(*trainer);
  }
  if (At(probes, "unitSpread").is_boolean() && At(probes, "unitSpread").get<bool>()) {
    record["unitSpread"] = relu::lessons::UnitSpread(*trainer);
  }
  if (At(probes, "outputRange").is_number_integer()) {
    const long n = At(probes, "outputRange").get<long>();
    if (n >= 2 && n <= kMaxGrid) record["outputRange"] = relu::lessons::OutputRange(trainer, static_cast<int>(n));
  }
  if (At(probes, "regions").is_number_integer()) {
    const long n = At(probes, "regions").get<long>();
    if (n >= 2 && n <= kMaxGrid) record["regions"] = relu::lessons::RegionCount(trainer, static_cast<int>(n));
  }
  if (At(probes, "outputGrid").is_number_integer()) {
    const long n = At(probes, "outputGrid").get<long>();
    if (n >= 2 && n <= kMaxGrid) record["outputGrid"] = relu::lessons::OutputGrid(trainer, static_cast<int>(n));
  }
  return record;
}

// `config` with `changes` (an object of config fields) applied, into *out.
relu::Status Patched(const relu::Config& config, const json& changes, relu::Config* out) {
  json merged = json::parse(relu::ConfigToJson(config), nullptr, false);
  if (merged.is_discarded()) return relu::Status::Error("internal: unreadable canonical config");
  merged.merge_patch(changes);
  return relu::ParseConfig(merged.dump(), out);
}

// Runs the phases; returns "" or what was wrong with the job.
std::string RunPhases(const json& job, relu::Trainer* trainer, json* records) {
  const json& probes = At(job, "probes");
  const json& phases = At(job, "phases");
  if (!phases.is_null() && !phases.is_array()) return "phases: expected an array";
  records->push_back(Record(0, trainer, probes));
  long epoch = 0;
  for (const json& phase : phases.is_array() ? phases : json::array()) {
    long epochs = 0, every = 0;
    if (!ReadInt(phase, "epochs", 0, 1000000, 0, &epochs)) return "phases[].epochs: expected a whole number in [0, 1e6]";
    if (!ReadInt(phase, "evalEvery", 1, 1000000, epochs > 0 ? epochs : 1, &every)) {
      return "phases[].evalEvery: expected a whole number in [1, 1e6]";
    }
    const json& changes = At(phase, "set");
    if (changes.is_object()) {
      relu::Config next = trainer->config();
      if (relu::Status s = Patched(trainer->config(), changes, &next); !s.ok()) return "phases[].set: " + s.message();
      if (relu::Status s = trainer->Configure(next); !s.ok()) return "phases[].set: " + s.message();
    }
    for (long e = 1; e <= epochs; ++e) {
      const relu::Status stepped = trainer->StepEpochs(1);
      ++epoch;
      const bool diverged = trainer->metrics().diverged;
      if (!stepped.ok() && !diverged) return "training failed: " + stepped.message();
      if (diverged || e % every == 0 || e == epochs) records->push_back(Record(epoch, trainer, probes));
      if (diverged) break;  // the next phase may Configure a lower rate and go on
    }
  }
  return "";
}

json RunJob(const json& job) {
  if (!job.is_object()) return {{"error", "a job must be a JSON object"}};
  relu::Config config;
  if (relu::Status s = relu::ParseConfig(At(job, "config").dump(), &config); !s.ok()) {
    return {{"error", "config: " + s.message()}};
  }
  relu::Status created;
  std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(config, &created);
  if (!trainer) return {{"error", "config: " + created.message()}};

  json result = json::object();
  json records = json::array();
  if (std::string error = RunPhases(job, trainer.get(), &records); !error.empty()) return {{"error", error}};
  result["records"] = records;
  const json& want_points = At(At(job, "probes"), "trainPoints");
  if (want_points.is_boolean() && want_points.get<bool>()) {
    json points = json::array();
    for (const relu::Point& p : trainer->trainPoints()) points.push_back({p.x1, p.x2, p.label});
    result["trainPoints"] = points;
  }

  const json& step_time = At(job, "stepTime");
  if (step_time.is_object()) {
    long steps = 0, repeats = 0;
    if (!ReadInt(step_time, "steps", 1, 1000000, 100, &steps) || !ReadInt(step_time, "repeats", 1, 1000, 5, &repeats)) {
      return {{"error", "stepTime: expected {steps: 1..1e6, repeats: 1..1000}"}};
    }
    trainer->Reset();
    result["stepMicros"] = relu::lessons::MedianStepMicros(trainer.get(), static_cast<int>(steps), static_cast<int>(repeats));
  }
  const json& kernel_time = At(job, "kernelTime");
  if (kernel_time.is_object()) {
    long n = 0, repeats = 0;
    if (!ReadInt(kernel_time, "n", 1, 1 << 24, 1 << 16, &n) || !ReadInt(kernel_time, "repeats", 1, 10000, 50, &repeats)) {
      return {{"error", "kernelTime: expected {n: 1..2^24, repeats: 1..10000}"}};
    }
    const relu::Act act = config.activations.empty() ? relu::Act::kLinear : config.activations[0];
    const float alpha = act == relu::Act::kElu ? config.eluAlpha : config.leakySlope;
    result["kernelNanos"] = relu::lessons::MedianKernelNanos(act, alpha, static_cast<int>(n), static_cast<int>(repeats));
  }
  return result;
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json job = json::parse(line, nullptr, false);
    const json result = job.is_discarded() ? json{{"error", "a job line is not valid JSON"}} : RunJob(job);
    std::printf("%s\n", result.dump().c_str());
    std::fflush(stdout);
  }
  if (std::cin.bad()) {
    std::fprintf(stderr, "relu-lessons-probe: cannot read standard input\n");
    return 2;
  }
  return 0;
}
