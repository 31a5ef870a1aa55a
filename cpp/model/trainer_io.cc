// Model export and import as JSON, through nlohmann-json's non-throwing API
// only (the WASM build has no exceptions: never at(), get<>() unchecked, or
// parse() with exceptions allowed).
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "model/trainer.h"
#include "model/trainer_impl.h"

namespace relu {
namespace {

constexpr const char* kFormat = "relu-playground-model";
constexpr int kVersion = 1;

// Parameters and config values are floats: a float-typed document prints
// each with the fewest digits that read back to the same float.
using FloatJson = nlohmann::basic_json<nlohmann::ordered_map, std::vector, std::string, bool,
                                       std::int64_t, std::uint64_t, float>;

Status ModelError(const std::string& message) { return Status::Error("model JSON: " + message); }

}  // namespace

std::string Trainer::ExportJson() const {
  const Impl& s = *impl_;
  FloatJson doc = FloatJson::object();
  doc["format"] = kFormat;
  doc["version"] = kVersion;
  doc["config"] = FloatJson::parse(ConfigToJson(s.config), nullptr, /*allow_exceptions=*/false);
  doc["step"] = s.metrics.step;
  FloatJson params = FloatJson::array();
  params.get_ref<FloatJson::array_t&>().reserve(s.layout.paramCount);
  for (size_t i = 0; i < s.layout.paramCount; ++i) params.push_back(s.params[i]);
  doc["params"] = std::move(params);
  return doc.dump();
}

Status Trainer::ImportJson(std::string_view json_text) {
  const nlohmann::ordered_json doc =
      nlohmann::ordered_json::parse(json_text.begin(), json_text.end(), nullptr,
                                    /*allow_exceptions=*/false);
  if (doc.is_discarded()) return ModelError("not valid JSON");
  if (!doc.is_object()) return ModelError("expected an object");
  const auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get<std::string>() != kFormat) {
    return ModelError(std::string("format must be \"") + kFormat + "\"");
  }
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() ||
      version->get<int64_t>() != kVersion) {
    return ModelError("version must be " + std::to_string(kVersion));
  }
  const auto config_json = doc.find("config");
  if (config_json == doc.end() || !config_json->is_object())
    return ModelError("config must be an object");
  int64_t step = 0;
  const auto step_json = doc.find("step");
  if (step_json != doc.end()) {
    if (!step_json->is_number_integer() || step_json->get<int64_t>() < 0) {
      return ModelError("step must be an integer >= 0");
    }
    step = step_json->get<int64_t>();
  }
  const auto params_json = doc.find("params");
  if (params_json == doc.end() || !params_json->is_array())
    return ModelError("params must be an array");

  Config config;
  Status status = ParseConfig(config_json->dump(), &config);
  if (!status.ok()) return ModelError("config: " + status.message());
  std::unique_ptr<Impl> fresh;
  status = Impl::Build(config, &fresh);
  if (!status.ok()) return ModelError("config: " + status.message());

  const size_t expected = fresh->layout.paramCount;
  if (params_json->size() != expected) {
    return ModelError("params has " + std::to_string(params_json->size()) +
                      " values, the config's network has " + std::to_string(expected));
  }
  constexpr double kFloatMax = std::numeric_limits<float>::max();
  for (size_t i = 0; i < expected; ++i) {
    const auto& value = (*params_json)[i];
    const double number = value.is_number() ? value.get<double>() : std::nan("");
    if (!std::isfinite(number) || std::fabs(number) > kFloatMax) {
      return ModelError("params[" + std::to_string(i) + "] is " + value.dump() +
                        ": every parameter must be a finite float");
    }
    fresh->params[i] = static_cast<float>(number);
  }
  fresh->RefreshParamMetrics();
  // The imported step count drives the schedule; the data order starts afresh.
  fresh->metrics.step = step;
  fresh->samplesSeen = step * fresh->BatchSize();
  fresh->metrics.epoch = static_cast<double>(fresh->samplesSeen) / fresh->train.count;
  fresh->metrics.learningRate = ScheduledLearningRate(fresh->config, step);
  fresh->SetBaseline();
  impl_ = std::move(fresh);
  return Status::Ok();
}

}  // namespace relu
