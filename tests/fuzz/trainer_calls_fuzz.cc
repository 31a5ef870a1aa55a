// The trainer's other inputs, as the bindings pass them on: raw Config
// structs to Configure (every float may be NaN, infinite or out of range,
// which ValidateConfig must catch without a parser in front), single weights,
// whole parameter blocks, grid sizes and buffer lengths, and step counts, in
// any order. Nothing may crash; a refused call changes nothing; after every
// call the parameters are finite.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "model/config/config.h"
#include "model/trainer.h"

namespace {

relu::Config SmallConfig() {
  relu::Config config;
  config.numSamples = 60;
  config.hidden = {3, 2};
  return config;
}

// A float from the input: often a special value, else any bit pattern.
float AnyFloat(FuzzedDataProvider* input) {
  static const float kSpecial[] = {0.0f, -0.0f, 1.0f, -1.0f, 1e-45f, 3.4e38f, -3.4e38f,
                                   INFINITY, -INFINITY, NAN, 1e-7f, 0.5f, 10.0f, 1e6f};
  if (input->ConsumeBool()) return input->PickValueInArray(kSpecial);
  return input->ConsumeFloatingPoint<float>();
}

void Mutate(relu::Config* config, FuzzedDataProvider* input) {
  switch (input->ConsumeIntegralInRange(0, 15)) {
    case 0: config->learningRate = AnyFloat(input); break;
    case 1: config->momentum = AnyFloat(input); break;
    case 2: config->beta1 = AnyFloat(input); break;
    case 3: config->beta2 = AnyFloat(input); break;
    case 4: config->epsilon = AnyFloat(input); break;
    case 5: config->clipNorm = AnyFloat(input); break;
    case 6: config->l1 = AnyFloat(input); config->l2 = AnyFloat(input); break;
    case 7: config->decayRate = AnyFloat(input); config->decaySteps = input->ConsumeIntegral<int>(); break;
    case 8: config->batchSize = input->ConsumeIntegral<int>(); break;
    case 9: config->leakySlope = AnyFloat(input); config->eluAlpha = AnyFloat(input); break;
    case 10: config->noise = AnyFloat(input); config->trainRatio = AnyFloat(input); break;
    case 11: config->numSamples = input->ConsumeIntegralInRange(-10, 600); break;
    case 12: {
      config->hidden.assign(input->ConsumeIntegralInRange<size_t>(0, 4), 0);
      for (int& units : config->hidden) units = input->ConsumeIntegralInRange(-2, 12);
      config->activations.assign(input->ConsumeIntegralInRange<size_t>(0, 5), relu::Act::kPrelu);
      break;
    }
    case 13:
      config->dataset = static_cast<relu::Dataset>(input->ConsumeIntegralInRange(0, 11));
      config->problem = static_cast<relu::Problem>(input->ConsumeIntegralInRange(0, 3));
      break;
    case 14:
      config->points.assign(input->ConsumeIntegralInRange<size_t>(0, 40), relu::Point{});
      for (relu::Point& p : config->points) p = {AnyFloat(input), AnyFloat(input), AnyFloat(input)};
      break;
    default:
      config->initScale = AnyFloat(input);
      config->biasInit = AnyFloat(input);
      config->init = static_cast<relu::Init>(input->ConsumeIntegralInRange(0, 11));
      config->optimizer = static_cast<relu::Optimizer>(input->ConsumeIntegralInRange(0, 4));
      config->schedule = static_cast<relu::Schedule>(input->ConsumeIntegralInRange(0, 4));
      config->features = input->ConsumeIntegral<uint32_t>();
      config->seed = input->ConsumeIntegral<uint32_t>();
      break;
  }
}

std::vector<float> Params(const relu::Trainer& trainer) {
  return std::vector<float>(trainer.params(), trainer.params() + trainer.paramCount());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  relu::Status status;
  std::unique_ptr<relu::Trainer> trainer = relu::Trainer::Create(SmallConfig(), &status);
  FUZZ_CHECK(trainer != nullptr, status.message());
  std::vector<float> pieced_grid;  // EvalGridWithin's buffer, kept between calls
  for (int call = 0; call < 24 && input.remaining_bytes() > 0; ++call) {
    const std::vector<float> before = Params(*trainer);
    const std::string config_before = relu::ConfigToJson(trainer->config());
    bool may_change = true;
    switch (input.ConsumeIntegralInRange(0, 8)) {
      case 0: {
        relu::Config next = trainer->config();
        Mutate(&next, &input);
        status = trainer->Configure(next);
        break;
      }
      case 1:
        status = trainer->SetWeight(input.ConsumeIntegralInRange(-2, 4), input.ConsumeIntegralInRange(-2, 14),
                                    input.ConsumeIntegralInRange(-2, 14), AnyFloat(&input));
        break;
      case 2: {
        std::vector<float> values(trainer->paramCount() + input.ConsumeIntegralInRange(-1, 1));
        for (float& v : values) v = input.ConsumeBool() ? AnyFloat(&input) : 0.1f;
        status = trainer->SetParams(values.data(), values.size());
        break;
      }
      case 3: {
        const int n = input.ConsumeIntegralInRange(-1, 40);
        const bool hidden = input.ConsumeBool();
        const size_t needed = n > 0 ? trainer->gridNodeCount(hidden) * size_t(n) * size_t(n) : 0;
        std::vector<float> grid(needed + 1);
        const size_t given = input.ConsumeBool() ? needed : needed / 2;
        status = trainer->EvalGrid(n, hidden, grid.data(), given);
        may_change = false;
        break;
      }
      case 4:
        status = trainer->Step(input.ConsumeIntegralInRange(-3, 20));
        if (trainer->metrics().diverged) status = relu::Status::Ok();
        break;
      case 5:
        status = trainer->StepEpochs(input.ConsumeIntegralInRange(-1, 1));
        if (trainer->metrics().diverged) status = relu::Status::Ok();
        break;
      case 6: {  // a pass in pieces, left part done or finished; the next call may resume it
        bool finished = false;
        status = trainer->EvaluateWithin(input.ConsumeBool() ? AnyFloat(&input) : 1e3, &finished);
        FUZZ_CHECK(!finished || !trainer->evaluationInProgress(), "finished with a pass in progress");
        may_change = false;
        break;
      }
      case 7: {  // a grid in pieces into a buffer kept between calls, so that a later call can resume
        const int n = input.ConsumeIntegralInRange(1, 24);
        const bool hidden = input.ConsumeBool();
        const size_t needed = trainer->gridNodeCount(hidden) * size_t(n) * size_t(n);
        if (pieced_grid.size() < needed) pieced_grid.resize(needed);
        bool finished = false;
        status = trainer->EvalGridWithin(n, hidden, pieced_grid.data(), pieced_grid.size(),
                                         input.ConsumeBool() ? AnyFloat(&input) : 1e3, &finished);
        may_change = false;
        break;
      }
      default:
        trainer->Evaluate();
        status = relu::Status::Ok();
        may_change = false;
        break;
    }
    if (!status.ok() || !may_change) {
      FUZZ_CHECK(!status.message().empty() || status.ok(), "empty message");
      FUZZ_CHECK(Params(*trainer) == before, status.message());
      FUZZ_CHECK(relu::ConfigToJson(trainer->config()) == config_before, status.message());
    }
    for (float p : Params(*trainer)) FUZZ_CHECK(std::isfinite(p), "a parameter is not finite");
  }
  return 0;
}
