// Trainer::ImportJson on any bytes: it never crashes, a refusal keeps the
// trainer as it was, and an accepted model exports to a document that
// imports back to the same config and parameters, and trains on.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "model/config/config.h"
#include "model/trainer.h"

namespace {

std::unique_ptr<relu::Trainer> TinyTrainer() {
  relu::Config config;
  config.numSamples = 40;
  config.hidden = {3};
  config.activations = {relu::Act::kRelu};
  relu::Status status;
  auto trainer = relu::Trainer::Create(config, &status);
  FUZZ_CHECK(trainer != nullptr, status.message());
  return trainer;
}

std::vector<float> Params(const relu::Trainer& trainer) {
  return std::vector<float>(trainer.params(), trainer.params() + trainer.paramCount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<relu::Trainer> target = TinyTrainer();
  static std::unique_ptr<relu::Trainer> copy = TinyTrainer();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::string config_before = relu::ConfigToJson(target->config());
  const std::vector<float> params_before = Params(*target);
  const int64_t step_before = target->metrics().step;
  const relu::Status status = target->ImportJson(text);
  if (!status.ok()) {
    FUZZ_CHECK(!status.message().empty(), "empty message");
    FUZZ_CHECK(relu::ConfigToJson(target->config()) == config_before, status.message());
    FUZZ_CHECK(Params(*target) == params_before, status.message());
    FUZZ_CHECK(target->metrics().step == step_before, status.message());
    return 0;
  }
  std::string exported;
  const relu::Status written = target->ExportJson(&exported);
  FUZZ_CHECK(written.ok(), written.message());
  const relu::Status again = copy->ImportJson(exported);
  FUZZ_CHECK(again.ok(), again.message());
  FUZZ_CHECK(relu::ConfigToJson(copy->config()) == relu::ConfigToJson(target->config()), exported);
  const std::vector<float> imported = Params(*target);
  const std::vector<float> reimported = Params(*copy);
  // Bitwise: -0 and 0 are different parameters, and the export must keep them.
  FUZZ_CHECK(imported.size() == reimported.size() &&
                 std::memcmp(imported.data(), reimported.data(), imported.size() * sizeof(float)) == 0,
             exported);
  FUZZ_CHECK(copy->metrics().step == target->metrics().step, exported);
  // Training on is fine, diverging included; only small networks, to keep the pace.
  if (target->paramCount() <= 4096 && target->trainPoints().size() <= 2000) {
    const relu::Status stepped = target->Step(2);
    FUZZ_CHECK(stepped.ok() || target->metrics().diverged, stepped.message());
  }
  return 0;
}
