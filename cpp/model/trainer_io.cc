// Model export and import as JSON, through nlohmann-json's non-throwing API
// only (the WASM build has no exceptions: never at(), get<>() unchecked, or
// parse() with exceptions allowed).
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/config/json_number.h"
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

namespace {

// The longest text a parameter takes: "-1.17549435e-38" (nlohmann writes at
// most 9 significant digits and a 2-digit exponent for a float), and its comma.
constexpr size_t kMaxParamChars = 16;

// True when `bytes` can be allocated now (the heap keeps them afterwards in
// the WASM build, so the allocation that follows succeeds).
bool CanAllocateText(size_t bytes) {
  void* volatile probe = std::malloc(bytes);  // volatile: not to be optimised away as unused
  if (probe == nullptr) return false;
  std::free(probe);
  return true;
}

// A parameter as the document tree of earlier versions printed it (a float
// typed nlohmann document): the shortest digits that read back to the same
// float, "1.0" for whole numbers, null for a non-finite value. Kept so that
// an export is byte for byte what it always was.
void AppendParam(float value, std::string* out) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  char digits[32];
  const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out->append(digits, static_cast<size_t>(end - digits));
}

}  // namespace

// Written straight into one string reserved up front: a tree of 2^26
// parameters would take several times the memory of its text (and the
// largest network's text is itself about a gigabyte).
Status Trainer::ExportJson(std::string* out) const {
  const Impl& s = *impl_;
  out->clear();
  // The config is small (its own limits); its tree prints it as before.
  const FloatJson config =
      FloatJson::parse(ConfigToJson(s.config), nullptr, /*allow_exceptions=*/false);
  const std::string config_text = config.dump();
  const std::string head = std::string("{\"format\":\"") + kFormat + "\",\"version\":" +
                           std::to_string(kVersion) + ",\"config\":" + config_text +
                           ",\"step\":" + std::to_string(s.metrics.step) + ",\"params\":[";
  const size_t count = s.layout.paramCount;
  const size_t bound = head.size() + count * kMaxParamChars + 2;
  if (!CanAllocateText(bound)) {
    return ModelError("the export of " + std::to_string(count) + " parameters needs up to " +
                      std::to_string(bound / (1024 * 1024) + 1) +
                      " MB of text, more memory than is left; free memory (a smaller network, "
                      "or close other tabs) and export again");
  }
  out->reserve(bound);
  out->append(head);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out->push_back(',');
    AppendParam(s.params[i], out);
  }
  out->append("]}");
  return Status::Ok();
}

namespace {

// Reads a model document in one SAX pass, after the guards of
// kModelJsonLimits: the top-level members are kept (the config as a small
// document tree), and the parameters are checked and counted, or, given a
// destination, written straight into it. No tree is ever built for the
// parameters, which may number 2^26. As JSON.parse does, the last of a
// repeated top-level key wins.
class ModelReader : public AcceptAllSax {
 public:
  using Json = nlohmann::ordered_json;

  // Where the second pass writes the parameters (the first leaves it null).
  void FillInto(float* destination, size_t count) {
    destination_ = destination;
    destination_count_ = count;
  }

  bool is_object() const { return root_is_object_; }
  const Json& format() const { return format_; }
  const Json& version() const { return version_; }
  const Json& step() const { return step_; }
  bool has_step() const { return has_step_; }
  const Json& config() const { return config_; }
  bool params_is_array() const { return params_is_array_; }
  size_t params_count() const { return params_count_; }
  // Empty, or why the first unusable parameter cannot be read.
  const std::string& params_error() const { return params_error_; }

  bool null() { return Scalar(Json(nullptr), "null"); }
  bool boolean(bool value) { return Scalar(Json(value), value ? "true" : "false"); }
  bool number_integer(Json::number_integer_t value) {
    return InParams() ? Param(static_cast<double>(value), "") : Scalar(Json(value), "");
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    return InParams() ? Param(static_cast<double>(value), "") : Scalar(Json(value), "");
  }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return InParams() ? Param(value, text) : Scalar(Json(value), "");
  }
  bool string(Json::string_t& value) {
    if (InParams()) {
      return Scalar(Json(), Json(Excerpt(value)).dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    if (InConfig()) return Scalar(Json(value), "", value.size());
    // A member's own string is only compared, and may be any length: keep its start.
    return depth_ == 1 ? Scalar(Json(Excerpt(value, 64)), "") : true;
  }
  bool start_object(std::size_t) { return Open(Json::object(), "an object"); }
  bool start_array(std::size_t) { return Open(Json::array(), "an array"); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(Json::string_t& name) {
    if (depth_ == 1) {
      member_ = name;
      if (name == "step") has_step_ = true;
    } else if (!open_.empty()) {
      key_ = name;
      return Spend(0, name.size());
    }
    return true;
  }

  // Why the reader stopped the parse, or empty.
  const std::string& error() const { return error_; }

 private:
  enum class Member { other, format, version, step, config, params };
  Member CurrentMember() const {
    if (member_ == "format") return Member::format;
    if (member_ == "version") return Member::version;
    if (member_ == "step") return Member::step;
    if (member_ == "config") return Member::config;
    if (member_ == "params") return Member::params;
    return Member::other;
  }
  bool InParams() const { return depth_ == 2 && params_open_; }
  bool InConfig() const { return !open_.empty() || (depth_ == 1 && CurrentMember() == Member::config); }

  // The config's tree is held to the limits of a config document of its own
  // (ParseConfig checks its text again), so that a model file cannot build a
  // tree of 2^26 values there.
  bool Spend(size_t values, size_t bytes) {
    config_values_ += values;
    config_bytes_ += bytes;
    if (config_values_ > kConfigJsonLimits.maxValues) {
      error_ = "config: more than " + std::to_string(kConfigJsonLimits.maxValues) + " JSON values";
    } else if (config_bytes_ > kConfigJsonLimits.maxBytes) {
      error_ = "config: more than " + std::to_string(kConfigJsonLimits.maxBytes) + " bytes of text";
    }
    return error_.empty();
  }

  // A value at the top of a member (depth 1) or inside the config's tree.
  void Place(Json value) {
    if (!open_.empty()) {
      Json& parent = *open_.back();
      if (parent.is_array()) parent.push_back(std::move(value));
      else parent[key_] = std::move(value);
      return;
    }
    if (depth_ != 1) return;
    switch (CurrentMember()) {
      case Member::format: format_ = std::move(value); break;
      case Member::version: version_ = std::move(value); break;
      case Member::step: step_ = std::move(value); break;
      case Member::config: config_ = std::move(value); break;
      case Member::params: StartParams(false); break;
      case Member::other: break;
    }
  }

  bool Scalar(Json value, const std::string& excerpt, size_t text_bytes = 0) {
    if (InParams()) {
      // A string, a boolean or null among the parameters.
      NoteBadParam(excerpt);
      ++params_count_;
      return true;
    }
    if (InConfig() && !Spend(1, text_bytes)) return false;
    Place(std::move(value));
    return true;
  }

  bool Param(double number, const Json::string_t& text) {
    if (!RoundsToFiniteFloat(number)) {
      NoteBadParam(Excerpt(text));
    } else if (destination_ != nullptr && params_count_ < destination_count_) {
      destination_[params_count_] = static_cast<float>(number);
    }
    ++params_count_;
    return true;
  }

  void NoteBadParam(const std::string& excerpt) {
    if (!params_error_.empty()) return;
    params_error_ = "params[" + std::to_string(params_count_) + "] is " + excerpt +
                    ": every parameter must be a finite float";
  }

  void StartParams(bool is_array) {
    params_is_array_ = is_array;
    params_open_ = is_array;
    params_count_ = 0;
    params_error_.clear();
  }

  bool Open(Json container, const char* description) {
    if (InParams()) {
      NoteBadParam(description);
      ++params_count_;
    } else if (depth_ == 0) {
      root_is_object_ = container.is_object();
    } else if (InConfig()) {
      // The config's tree (its depth is bounded by the guard).
      if (!Spend(1, 0)) return false;
      const bool is_root = open_.empty();
      Place(std::move(container));
      Json& parent = is_root ? config_ : *open_.back();
      open_.push_back(is_root ? &config_ : parent.is_array() ? &parent.back() : &parent[key_]);
    } else if (depth_ == 1) {
      Place(Json());  // a container in another member: only its kind matters
      if (CurrentMember() == Member::params) StartParams(container.is_array());
    }
    ++depth_;
    return true;
  }

  bool Close() {
    --depth_;
    if (!open_.empty()) open_.pop_back();
    if (depth_ == 1) params_open_ = false;
    return true;
  }

  int depth_ = 0;
  bool root_is_object_ = false;
  std::string member_;  // the top-level key being read
  std::string key_;     // the last key inside the config's tree
  bool has_step_ = false;
  size_t config_values_ = 0, config_bytes_ = 0;
  std::string error_;
  Json format_, version_, step_, config_;
  std::vector<Json*> open_;  // the config's containers being filled, innermost last
  bool params_is_array_ = false;
  bool params_open_ = false;
  size_t params_count_ = 0;
  std::string params_error_;
  float* destination_ = nullptr;
  size_t destination_count_ = 0;
};

}  // namespace

Status Trainer::ImportJson(std::string_view json_text) {
  ModelReader reader;
  Status status = ParseGuarded(json_text, kModelJsonLimits, &reader);
  if (!status.ok()) return status;
  if (!reader.error().empty()) return ModelError(reader.error());
  if (!reader.is_object()) return ModelError("expected an object");
  const ModelReader::Json& format = reader.format();
  if (!format.is_string() || format.get<std::string>() != kFormat) {
    return ModelError(std::string("format must be \"") + kFormat + "\"");
  }
  const ModelReader::Json& version = reader.version();
  if (!version.is_number_integer() || version.get<int64_t>() != kVersion) {
    return ModelError("version must be " + std::to_string(kVersion));
  }
  if (!reader.config().is_object()) return ModelError("config must be an object");
  int64_t step = 0;
  if (reader.has_step()) {
    const ModelReader::Json& step_json = reader.step();
    // Unsigned: above 2^63 - 1, never read as int64_t.
    const bool in_range =
        step_json.is_number_unsigned() ? step_json.get<uint64_t>() <= uint64_t{kMaxImportedStep}
        : step_json.is_number_integer() ? step_json.get<int64_t>() >= 0 &&
                                              step_json.get<int64_t>() <= kMaxImportedStep
                                        : false;
    if (!in_range) {
      return ModelError("step must be a whole number in [0, " + std::to_string(kMaxImportedStep) + "]");
    }
    step = step_json.get<int64_t>();
  }
  if (!reader.params_is_array()) return ModelError("params must be an array");
  if (!reader.params_error().empty()) return ModelError(reader.params_error());

  Config config;
  status = ParseConfig(reader.config().dump(), &config);
  if (!status.ok()) return ModelError("config: " + status.message());
  std::unique_ptr<Impl> fresh;
  status = Impl::Build(config, &fresh);
  if (!status.ok()) return ModelError("config: " + status.message());

  const size_t expected = fresh->layout.paramCount;
  if (reader.params_count() != expected) {
    return ModelError("params has " + std::to_string(reader.params_count()) +
                      " values, the config's network has " + std::to_string(expected));
  }
  // Second pass: the same text, now known to be sound, straight into the block.
  ModelReader filler;
  filler.FillInto(fresh->params.data(), expected);
  status = ParseGuarded(json_text, kModelJsonLimits, &filler);
  if (!status.ok()) return status;
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


size_t Trainer::MaxModelJsonBytes() { return kModelJsonLimits.maxBytes; }

}  // namespace relu
