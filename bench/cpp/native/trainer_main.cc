// relu-bench-native: the native build of the core on the bench's workloads,
// driven by bench/run.mjs. Reads one job (JSON) on stdin:
//   {"smoke": bool, "checkSteps": n,
//    "spiral": [{"workload": "W1", "config": {...}, "params": [...], "grid": 100,
//                "evaluate": bool}, ...],   (any Trainer workload: W1, W2, D1)
//    "classifier": {"inputs", "classes", "count", "hidden", "batch", "lr",
//                   "params", "x", "labels", "order"},
//    "k1": [{"label": "1M", "n": 1048576}, ...]}
// and writes one JSON line per figure, {"metric", "msPerOp", "inner"}, plus
// {"check": workload, "before": [...], "after": [...]} lines of losses.
// Exit status 2 with a message on stderr for a job it cannot run.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mlp_bench.h"
#include "model/trainer.h"
#include "relu_bench.h"
#include "timing.h"

namespace {

using nlohmann::json;
using relu::bench::Measure;
using relu::bench::TimingJson;
using relu::bench::TimingMode;

int Fail(const std::string& message) {
  std::fprintf(stderr, "relu-bench-native: %s\n", message.c_str());
  return 2;
}

// A member, or null when absent: const json::operator[] must not see a missing key.
const json& At(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

template <typename T>
bool ReadNumbers(const json& value, std::vector<T>* out) {
  if (!value.is_array()) return false;
  out->clear();
  out->reserve(value.size());
  for (const json& item : value) {
    if (!item.is_number()) return false;
    out->push_back(item.get<T>());
  }
  return true;
}

void PrintCheck(const std::string& workload, const std::vector<double>& before, const std::vector<double>& after) {
  std::printf("%s\n", json{{"check", workload}, {"before", before}, {"after", after}}.dump().c_str());
}

// W1/W2/D1 through the Trainer, as the bindings drive it; with "evaluate",
// also a full pass over both sets (<workload>.eval).
int RunSpiral(const json& job, const TimingMode& mode, int check_steps) {
  if (!job.is_object() || !At(job, "workload").is_string() || !At(job, "config").is_object() || !At(job, "grid").is_number())
    return Fail("spiral job: expected {workload, config, params, grid}");
  const std::string name = At(job, "workload").get<std::string>();
  relu::Config config;
  if (relu::Status s = relu::ParseConfig(At(job, "config").dump(), &config); !s.ok()) return Fail(name + ": " + s.message());
  relu::Status status;
  std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(config, &status);
  if (!trainer) return Fail(name + ": " + status.message());
  std::vector<float> params;
  if (!ReadNumbers(At(job, "params"), &params)) return Fail(name + ": params must be an array of numbers");
  if (relu::Status s = trainer->SetParams(params.data(), params.size()); !s.ok()) return Fail(name + ": " + s.message());

  auto losses = [&] {
    trainer->Evaluate();
    return std::vector<double>{trainer->metrics().trainLoss, trainer->metrics().testLoss};
  };
  const std::vector<double> before = losses();
  if (relu::Status s = trainer->Step(check_steps); !s.ok()) return Fail(name + ": " + s.message());
  PrintCheck(name, before, losses());

  auto step = [&](long k) {
    if (relu::Status s = trainer->Step(static_cast<int>(k)); !s.ok()) Fail(name + ": " + s.message());
  };
  std::printf("%s\n", TimingJson(name + ".train", Measure(step, mode)).c_str());
  if (At(job, "evaluate").is_boolean() && At(job, "evaluate").get<bool>()) {
    auto evaluate = [&](long k) {
      for (long i = 0; i < k; ++i) trainer->Evaluate();
    };
    std::printf("%s\n", TimingJson(name + ".eval", Measure(evaluate, mode)).c_str());
  }

  const int grid = At(job, "grid").get<int>();
  if (grid <= 0) return 0;
  std::vector<float> all(trainer->gridNodeCount(true) * static_cast<size_t>(grid * grid));
  std::vector<float> outputs(trainer->gridNodeCount(false) * static_cast<size_t>(grid * grid));
  auto heatmap = [&](std::vector<float>* out, bool hidden) {
    return [&trainer, out, hidden, grid](long k) {
      for (long i = 0; i < k; ++i) trainer->EvalGrid(grid, hidden, out->data(), out->size());
    };
  };
  std::printf("%s\n", TimingJson(name + ".heatmapAll", Measure(heatmap(&all, true), mode)).c_str());
  std::printf("%s\n", TimingJson(name + ".heatmapOutput", Measure(heatmap(&outputs, false), mode)).c_str());
  auto frame = [&](long k) {
    for (long i = 0; i < k; ++i) {
      trainer->StepEpochs(1);
      losses();
      trainer->EvalGrid(grid, true, all.data(), all.size());
    }
  };
  std::printf("%s\n", TimingJson(name + ".frame", Measure(frame, mode)).c_str());
  return 0;
}

int RunClassifier(const json& job, const TimingMode& mode, int check_steps) {
  relu::bench::MlpData data;
  const bool ok = job.is_object() && At(job, "inputs").is_number() && At(job, "classes").is_number() &&
                  At(job, "count").is_number() && At(job, "batch").is_number() && At(job, "lr").is_number() &&
                  ReadNumbers(At(job, "hidden"), &data.hidden) && ReadNumbers(At(job, "params"), &data.params) &&
                  ReadNumbers(At(job, "x"), &data.x) && ReadNumbers(At(job, "labels"), &data.labels) &&
                  ReadNumbers(At(job, "order"), &data.order);
  if (!ok) return Fail("classifier job: expected {inputs, classes, count, hidden, batch, lr, params, x, labels, order}");
  data.inputs = At(job, "inputs").get<int>();
  data.outputs = At(job, "classes").get<int>();
  data.count = At(job, "count").get<int>();
  data.batch = At(job, "batch").get<int>();
  data.learningRate = At(job, "lr").get<float>();
  const int batch = data.batch;
  relu::bench::MlpBench bench;
  if (!bench.Prepare(std::move(data)))
    return Fail("classifier job: sizes or labels do not fit the network");
  const double before = bench.OrderLoss(0, batch);
  bench.RunSteps(check_steps);
  PrintCheck("W3", {before}, {bench.OrderLoss(0, batch)});
  std::printf("%s\n", TimingJson("W3.train", Measure([&](long k) { bench.RunSteps(k); }, mode)).c_str());
  return 0;
}

int RunK1(const json& sizes, const TimingMode& mode) {
  relu::bench::ReluBench bench;
  float checksum = 0.0f;
  for (const json& size : sizes) {
    if (!size.is_object() || !At(size, "label").is_string() || !At(size, "n").is_number_unsigned())
      return Fail("k1: expected [{label, n}]");
    const std::string label = At(size, "label").get<std::string>();
    bench.Prepare(At(size, "n").get<size_t>());
    std::printf("%s\n", TimingJson("K1.fwd." + label, Measure([&](long k) { bench.RunForward(k); }, mode)).c_str());
    std::printf("%s\n", TimingJson("K1.bwd." + label, Measure([&](long k) { bench.RunBackward(k); }, mode)).c_str());
    checksum += bench.Checksum();
  }
  std::fprintf(stderr, "k1 checksum %g\n", static_cast<double>(checksum));
  return 0;
}

}  // namespace

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  const json job = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (job.is_discarded() || !job.is_object()) return Fail("stdin: expected one JSON object");
  const bool smoke = At(job, "smoke").is_boolean() && At(job, "smoke").get<bool>();
  const TimingMode mode = smoke ? relu::bench::SmokeMode() : relu::bench::FullMode();
  const int check_steps = At(job, "checkSteps").is_number_unsigned() ? At(job, "checkSteps").get<int>() : 3;
  if (At(job, "spiral").is_array()) {
    for (const json& spiral : At(job, "spiral")) {
      if (int rc = RunSpiral(spiral, mode, check_steps)) return rc;
      std::fflush(stdout);
    }
  }
  if (!At(job, "classifier").is_null()) {
    if (int rc = RunClassifier(At(job, "classifier"), mode, check_steps)) return rc;
  }
  if (!At(job, "k1").is_null()) {
    if (int rc = RunK1(At(job, "k1"), mode)) return rc;
  }
  return 0;
}
