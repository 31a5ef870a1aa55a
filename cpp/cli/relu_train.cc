// relu-train: trains the playground's network from a JSON config and writes
// JSON lines of per-epoch metrics, then one summary line. See docs/CONFIG.md.
//
// Exit status: 0 trained (divergence included: it is a result, reported in the
// lines), 2 bad usage, unreadable input or invalid config, 1 internal error.
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "model/config/config.h"
#include "model/config/json_guard.h"
#include "model/config/json_number.h"
#include "model/metrics_fields.h"
#include "model/trainer.h"

namespace {

constexpr int kExitTrained = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

// What ParseConfig accepts (far above any real config: 20000 points is under
// 1 MiB); checked while reading, which stops a runaway pipe.
constexpr size_t kMaxInputBytes = relu::kConfigJsonLimits.maxBytes;

constexpr const char* kUsage =
    "usage: relu-train [CONFIG.json | -] [--epochs N] [--eval-every K] [--quiet] [--print-config] [--help]\n"
    "\n"
    "Trains the network described by CONFIG.json (or standard input for '-') and\n"
    "writes one JSON line of metrics every K epochs, then a summary line.\n"
    "\n"
    "  --epochs N        epochs to train, 0 to 10000000 (default 100)\n"
    "  --eval-every K    write a line every K epochs and after the last (default 1)\n"
    "  --quiet           write only the summary line\n"
    "  --print-config    check the config, print it with every default filled in, and exit\n"
    "  --help            show this text\n"
    "\n"
    "Exit status: 0 trained (a diverged run too: see \"diverged\"), 2 bad usage or config, 1 internal error.\n"
    "The config keys are listed in docs/CONFIG.md.\n";

int Fail(int status, const std::string& message) {
  std::fprintf(stderr, "relu-train: %s\n", message.c_str());
  return status;
}

// Reads all of a file (or stdin for "-"), at most kMaxInputBytes.
bool ReadInput(const std::string& path, std::string* text, std::string* error) {
  const bool from_stdin = path == "-";
  std::FILE* file = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    *error = "cannot open config file \"" + path + "\": " + std::strerror(errno);
    return false;
  }
  const std::string source = from_stdin ? std::string("standard input") : "\"" + path + "\"";
  std::vector<char> buffer(1 << 16);
  bool ok = true;
  for (;;) {
    const size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    text->append(buffer.data(), got);
    if (text->size() > kMaxInputBytes) {
      *error = "config from " + source + " is larger than " + std::to_string(kMaxInputBytes) + " bytes";
      ok = false;
      break;
    }
    if (got < buffer.size()) {
      if (std::ferror(file)) {
        *error = "cannot read config from " + source + ": " + std::strerror(errno);
        ok = false;
      }
      break;
    }
  }
  if (!from_stdin) std::fclose(file);
  return ok;
}

// --- One JSON line ---------------------------------------------------------------

class JsonLine {
 public:
  JsonLine& Key(const char* key) {
    Separate();
    text_ += '"';
    text_ += key;
    text_ += "\":";
    fresh_ = true;
    return *this;
  }
  JsonLine& Float(float value) { return Raw(std::isfinite(value) ? relu::FormatFloat(value) : "null"); }
  // The core computes in float: digits beyond float's precision would be noise
  // (a learning rate of 0.03 would print as 0.029999999329447746).
  JsonLine& Metric(double value) { return Float(static_cast<float>(value)); }
  JsonLine& Int(long long value) { return Raw(std::to_string(value)); }
  JsonLine& Bool(bool value) { return Raw(value ? "true" : "false"); }
  JsonLine& String(const std::string& value) {
    std::string quoted = "\"";
    for (const char c : value) {
      if (c == '"' || c == '\\') {
        quoted += '\\';
        quoted += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
        quoted += escape;
      } else {
        quoted += c;
      }
    }
    return Raw(quoted + "\"");
  }
  // Already-serialised JSON.
  JsonLine& Raw(const std::string& json) {
    Separate();
    text_ += json;
    return *this;
  }
  JsonLine& Open(char bracket) {
    Separate();
    text_ += bracket;
    fresh_ = true;
    return *this;
  }
  JsonLine& Close(char bracket) {
    text_ += bracket;
    fresh_ = false;
    return *this;
  }
  void Print() const { std::printf("%s\n", text_.c_str()); }

 private:
  // A comma before every item but the first of an object or array, and none after a key.
  void Separate() {
    if (!fresh_) text_ += ',';
    fresh_ = false;
  }
  std::string text_;
  bool fresh_ = true;
};

// Writes each metric the core describes (model/metrics_fields.h) as one JSON
// member. Empty lists are left out: only PReLU layers have slopes.
struct MemberWriter {
  JsonLine& line;
  void operator()(const char* key, bool value) const { line.Key(key).Bool(value); }
  void operator()(const char* key, int value) const { line.Key(key).Int(value); }
  void operator()(const char* key, int64_t value) const { line.Key(key).Int(value); }
  void operator()(const char* key, float value) const { line.Key(key).Float(value); }
  void operator()(const char* key, double value) const { line.Key(key).Metric(value); }
  void operator()(const char* key, std::string_view value) const { line.Key(key).String(std::string(value)); }
  void operator()(const char* key, const std::string& value) const { line.Key(key).String(value); }
  void operator()(const char* key, const std::vector<uint32_t>& values) const {
    line.Key(key).Open('[');
    for (uint32_t value : values) line.Int(value);
    line.Close(']');
  }
  void operator()(const char* key, const std::vector<float>& values) const {
    if (values.empty()) return;
    line.Key(key).Open('[');
    for (float value : values) line.Float(value);
    line.Close(']');
  }
};

// The divergence's step and cause only once there is one.
unsigned DivergenceGroups(const relu::Metrics& metrics) {
  return relu::kMetricDiverged | (metrics.diverged ? relu::kMetricDivergence : 0u);
}

void WriteEpochLine(long epoch, const relu::Metrics& metrics) {
  JsonLine line;
  line.Open('{');
  line.Key("epoch").Int(epoch);
  relu::VisitMetrics(metrics, relu::kMetricStep | relu::kMetricLastStep | relu::kMetricPass | DivergenceGroups(metrics),
                     MemberWriter{line});
  line.Key("layers").Open('[');
  for (size_t i = 0; i < metrics.layers.size(); ++i) {
    line.Open('{').Key("layer").Int(static_cast<long long>(i));
    relu::VisitLayerDiagnostics(metrics.layers[i], MemberWriter{line});
    line.Close('}');
  }
  line.Close(']').Close('}').Print();
}

void WriteSummary(long epochs, const relu::Trainer& trainer) {
  const relu::Metrics& metrics = trainer.metrics();
  JsonLine line;
  line.Open('{');
  line.Key("summary").Bool(true).Key("epochs").Int(epochs);
  relu::VisitMetrics(metrics, relu::kMetricStep | relu::kMetricPass | DivergenceGroups(metrics), MemberWriter{line});
  line.Key("parameters").Int(static_cast<long long>(trainer.paramCount()));
  line.Key("trainPoints").Int(static_cast<long long>(trainer.trainPoints().size()));
  line.Key("testPoints").Int(static_cast<long long>(trainer.testPoints().size()));
  line.Key("config").Raw(relu::ConfigToJson(trainer.config()));
  line.Close('}').Print();
}

int Run(const relu::cli::Options& options) {
  std::string text;
  std::string error;
  if (!ReadInput(options.input, &text, &error)) return Fail(kExitBadInput, error);

  relu::Config config;
  const relu::Status parsed = relu::ParseConfig(text, &config);
  if (!parsed.ok()) return Fail(kExitBadInput, "invalid config: " + parsed.message());
  if (options.print_config) {
    std::printf("%s\n", relu::ConfigToJson(config).c_str());
    return kExitTrained;
  }

  relu::Status created;
  std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(config, &created);
  if (!trainer) return Fail(kExitBadInput, "invalid config: " + created.message());

  long epoch = 0;
  while (epoch < options.epochs) {
    const relu::Status stepped = trainer->StepEpochs(1);
    ++epoch;
    const bool diverged = trainer->metrics().diverged;
    if (!stepped.ok() && !diverged) return Fail(kExitInternal, "training failed: " + stepped.message());
    const bool report = diverged || epoch % options.eval_every == 0 || epoch == options.epochs;
    if (report) trainer->Evaluate();
    if (report && !options.quiet) WriteEpochLine(epoch, trainer->metrics());
    // A diverged run stays stopped: the trainer is back at a checkpoint from
    // before the blow-up.
    if (diverged) break;
  }
  if (epoch == 0) trainer->Evaluate();  // --epochs 0: the untrained network's losses
  WriteSummary(epoch, *trainer);
  return kExitTrained;
}

}  // namespace

int main(int argc, char** argv) {
  relu::cli::Options options;
  const std::string usage_error = relu::cli::ParseArgs(argc, argv, &options);
  if (!usage_error.empty()) {
    std::fprintf(stderr, "relu-train: %s\n%s", usage_error.c_str(), kUsage);
    return kExitBadInput;
  }
  if (options.help) {
    std::fputs(kUsage, stdout);
    return kExitTrained;
  }
  // Waiting silently on a terminal looks like a hang: say what is expected instead.
  if (!options.input_given && isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "relu-train: no config given (a file, or '-' to read standard input)\n%s", kUsage);
    return kExitBadInput;
  }
  return Run(options);
}
