// ParseConfig on any bytes: it never crashes, every refusal has a message,
// and what it accepts reads back unchanged from its canonical JSON. Small
// accepted configs are also built, trained a few steps, evaluated and drawn,
// so the data generators and the network run on whatever a config can say.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "model/config/config.h"
#include "model/trainer.h"

namespace {

bool Small(const relu::Config& config) {
  int units = 0;
  for (int width : config.hidden) units += width;
  return units <= 64 && config.hidden.size() <= 8 && config.numSamples <= 1000 &&
         config.points.size() <= 1000;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  relu::Config config;
  relu::Status status = relu::ParseConfig(text, &config);
  if (!status.ok()) {
    FUZZ_CHECK(!status.message().empty(), "empty message");
    return 0;
  }
  const std::string canonical = relu::ConfigToJson(config);
  relu::Config again;
  status = relu::ParseConfig(canonical, &again);
  FUZZ_CHECK(status.ok(), status.message() + " for " + canonical);
  FUZZ_CHECK(relu::ConfigToJson(again) == canonical, canonical);
  if (!Small(config)) return 0;

  std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(config, &status);
  // A valid config may still name too few custom points to train on.
  if (!trainer) return 0;
  status = trainer->Step(3);
  FUZZ_CHECK(status.ok() || trainer->metrics().diverged, status.message());
  trainer->Evaluate();
  constexpr int kGrid = 4;
  std::vector<float> grid(trainer->gridNodeCount(true) * kGrid * kGrid);
  status = trainer->EvalGrid(kGrid, true, grid.data(), grid.size());
  FUZZ_CHECK(status.ok(), status.message());
  return 0;
}
