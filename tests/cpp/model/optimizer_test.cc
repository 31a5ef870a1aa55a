// Optimisers against hand-computed updates, schedules, regularisation and
// clipping. The optimisers run on a one-layer layout: W [1 x 2], b [1].
#include "model/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model_test_util.h"

namespace relu::testing {
namespace {

NetworkLayout TinyLayout() {
  Config config;
  config.hidden = {};
  config.activations = {};
  config.problem = Problem::kRegression;
  return MakeLayout(config, 2, 1);  // W0 = params[0..2), b0 = params[2]
}

struct OptimizerRun {
  NetworkLayout layout = TinyLayout();
  OptimizerState state;
  std::vector<float> params{1.0f, -2.0f, 0.5f};
  std::vector<LayerUpdate> updates = std::vector<LayerUpdate>(1);

  explicit OptimizerRun(Optimizer type) { EXPECT_TRUE(state.Reset(type, 3)); }
  void Apply(const Config& config, double lr, std::vector<float> grads) {
    ASSERT_TRUE(state.Update(config, lr, layout, grads.data(), params.data(), updates.data()));
  }
};

const std::vector<float> kG1{0.5f, -1.0f, 2.0f};
const std::vector<float> kG2{-0.25f, 3.0f, 1.0f};

TEST(Optimizer, Sgd) {
  OptimizerRun run(Optimizer::kSgd);
  run.Apply(Config{}, 0.1, kG1);
  EXPECT_FLOAT_EQ(run.params[0], 1.0f - 0.05f);
  EXPECT_FLOAT_EQ(run.params[1], -2.0f + 0.1f);
  EXPECT_FLOAT_EQ(run.params[2], 0.5f - 0.2f);
  // The squared norms count the weights only, not the bias.
  EXPECT_NEAR(run.updates[0].deltaSquares, 0.05 * 0.05 + 0.1 * 0.1, 1e-7);  // float sums
  EXPECT_NEAR(run.updates[0].weightSquares, 0.95 * 0.95 + 1.9 * 1.9, 1e-6);
  EXPECT_EQ(run.state.updates(), 1);
}

TEST(Optimizer, MomentumAndNesterov) {
  Config config;
  config.momentum = 0.9f;
  for (bool nesterov : {false, true}) {
    config.nesterov = nesterov;
    OptimizerRun run(Optimizer::kMomentum);
    run.Apply(config, 0.1, kG1);
    run.Apply(config, 0.1, kG2);
    for (int i = 0; i < 3; ++i) {
      const double v1 = kG1[i];
      const double v2 = 0.9 * v1 + kG2[i];
      const double step1 = nesterov ? kG1[i] + 0.9 * v1 : v1;
      const double step2 = nesterov ? kG2[i] + 0.9 * v2 : v2;
      const double initial = std::vector<double>{1.0, -2.0, 0.5}[i];
      EXPECT_NEAR(run.params[i], initial - 0.1 * step1 - 0.1 * step2, 1e-6) << i << nesterov;
    }
  }
}

TEST(Optimizer, RmsProp) {
  Config config;
  config.rmsDecay = 0.8f;
  config.epsilon = 1e-3f;
  OptimizerRun run(Optimizer::kRmsprop);
  run.Apply(config, 0.01, kG1);
  run.Apply(config, 0.01, kG2);
  for (int i = 0; i < 3; ++i) {
    double p = std::vector<double>{1.0, -2.0, 0.5}[i];
    const double s1 = 0.2 * kG1[i] * kG1[i];
    p -= 0.01 * kG1[i] / (std::sqrt(s1) + 1e-3);
    const double s2 = 0.8 * s1 + 0.2 * kG2[i] * kG2[i];
    p -= 0.01 * kG2[i] / (std::sqrt(s2) + 1e-3);
    EXPECT_NEAR(run.params[i], p, 1e-6) << i;
  }
}

TEST(Optimizer, AdamIsBiasCorrected) {
  Config config;
  config.beta1 = 0.9f;
  config.beta2 = 0.99f;
  config.epsilon = 1e-8f;
  OptimizerRun run(Optimizer::kAdam);
  run.Apply(config, 0.01, kG1);
  // The first bias-corrected step is lr * g / |g| = lr * sign(g).
  EXPECT_NEAR(run.params[0], 1.0 - 0.01, 1e-6);
  EXPECT_NEAR(run.params[1], -2.0 + 0.01, 1e-6);
  run.Apply(config, 0.01, kG2);
  for (int i = 0; i < 3; ++i) {
    const double m = 0.9 * 0.1 * kG1[i] + 0.1 * kG2[i];
    const double v = 0.99 * 0.01 * kG1[i] * kG1[i] + 0.01 * kG2[i] * kG2[i];
    const double m_hat = m / (1 - 0.81), v_hat = v / (1 - 0.9801);
    const double first = std::vector<double>{1.0, -2.0, 0.5}[i] - 0.01 * (kG1[i] > 0 ? 1 : -1);
    EXPECT_NEAR(run.params[i], first - 0.01 * m_hat / (std::sqrt(v_hat) + 1e-8), 1e-6) << i;
  }
}

TEST(Optimizer, ResetZeroesTheState) {
  OptimizerRun run(Optimizer::kMomentum);
  run.Apply(Config{}, 0.1, kG1);
  ASSERT_TRUE(run.state.Reset(Optimizer::kMomentum, 3));
  EXPECT_EQ(run.state.updates(), 0);
  const std::vector<float> before = run.params;
  run.Apply(Config{}, 0.1, kG2);  // with no velocity: a plain SGD step
  for (int i = 0; i < 3; ++i) EXPECT_FLOAT_EQ(run.params[i], before[i] - 0.1f * kG2[i]);
}

TEST(Optimizer, OverflowingUpdateIsReported) {
  for (Optimizer type :
       {Optimizer::kSgd, Optimizer::kMomentum, Optimizer::kRmsprop, Optimizer::kAdam}) {
    Config config;
    config.epsilon = 1e-12f;
    OptimizerRun fine(type);
    EXPECT_TRUE(fine.state.Update(config, 1e-3, fine.layout, kG1.data(), fine.params.data(),
                                  fine.updates.data()));
    // p - lr * g overflows (SGD, momentum), or g^2 does (RMSProp, Adam).
    OptimizerRun overflowing(type);
    overflowing.params = {3e38f, 0.0f, 0.0f};
    const std::vector<float> grads{-3e38f, 0.0f, 0.0f};
    EXPECT_FALSE(overflowing.state.Update(config, 10.0, overflowing.layout, grads.data(),
                                          overflowing.params.data(), overflowing.updates.data()))
        << OptimizerName(type);
  }
}

TEST(Schedule, EveryScheduleAtKnownSteps) {
  Config config;
  config.learningRate = 0.1f;
  config.decaySteps = 100;
  config.decayRate = 0.5f;
  const double lr = static_cast<double>(0.1f);
  config.schedule = Schedule::kConstant;
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 12345), lr);
  config.schedule = Schedule::kStep;
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 99), lr);
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 100), lr * 0.5);
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 250), lr * 0.25);
  config.schedule = Schedule::kExponential;
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 0), lr);
  EXPECT_NEAR(ScheduledLearningRate(config, 50), lr * std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(ScheduledLearningRate(config, 200), lr * 0.25, 1e-12);
  config.schedule = Schedule::kCosine;
  EXPECT_DOUBLE_EQ(ScheduledLearningRate(config, 0), lr);
  EXPECT_NEAR(ScheduledLearningRate(config, 50), lr * 0.5, 1e-12);
  EXPECT_NEAR(ScheduledLearningRate(config, 100), 0.0, 1e-12);
  EXPECT_NEAR(ScheduledLearningRate(config, 1000), 0.0, 1e-12);
}

TEST(Schedule, TrainerReportsTheScheduledRate) {
  Config config = SmallTrainerConfig();
  config.schedule = Schedule::kStep;
  config.decaySteps = 3;
  config.decayRate = 0.1f;
  auto trainer = MustCreate(config);
  ASSERT_TRUE(trainer->Step(3).ok());  // steps 0, 1, 2 of the schedule
  EXPECT_DOUBLE_EQ(trainer->metrics().learningRate, static_cast<double>(config.learningRate));
  ASSERT_TRUE(trainer->Step(1).ok());
  EXPECT_NEAR(trainer->metrics().learningRate, config.learningRate * 0.1, 1e-9);
}

TEST(Regularization, OnlyWeightsAndWithSignOfZeroZero) {
  const NetworkLayout layout = TinyLayout();
  const std::vector<float> params{0.5f, 0.0f, 2.0f};  // w = (0.5, 0), b = 2
  std::vector<float> grads{1.0f, 1.0f, 1.0f};
  AddRegularization(layout, 0.1f, 0.2f, params.data(), grads.data());
  EXPECT_FLOAT_EQ(grads[0], 1.0f + 0.1f + 0.2f * 0.5f);
  EXPECT_FLOAT_EQ(grads[1], 1.0f);  // sign(0) = 0, 0.2 * 0 = 0
  EXPECT_FLOAT_EQ(grads[2], 1.0f);  // the bias is not regularised
}

TEST(Regularization, SkipsPreluSlopes) {
  Config config = NetConfig({2}, Act::kPrelu, Problem::kRegression);
  const NetworkLayout layout = MakeLayout(config, 1, 1);
  std::vector<float> params(layout.paramCount, 1.0f), grads(layout.paramCount, 0.0f);
  AddRegularization(layout, 0.0f, 1.0f, params.data(), grads.data());
  EXPECT_EQ(grads[layout.layers[0].slopeOffset], 0.0f);
  EXPECT_EQ(grads[layout.layers[0].weightOffset], 1.0f);
}

// With plain SGD and clipping on, a step moves the parameters by exactly
// lr * clipNorm when the gradient is larger than the clip.
TEST(Clipping, ScalesTheGlobalNormDownToTheLimit) {
  Config config = SmallTrainerConfig();
  config.learningRate = 0.5f;
  config.clipNorm = 1e-3f;
  auto clipped = MustCreate(config);
  const std::vector<float> before = Params(*clipped);
  ASSERT_TRUE(clipped->Step(1).ok());
  double moved = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    moved += std::pow(static_cast<double>(clipped->params()[i]) - before[i], 2);
  }
  EXPECT_NEAR(std::sqrt(moved), 0.5 * 1e-3, 1e-6);
  // The reported gradient norm is from before clipping.
  double grad_squares = 0;
  for (const LayerDiagnostics& layer : clipped->metrics().layers)
    grad_squares += layer.gradNorm * layer.gradNorm;
  EXPECT_GT(std::sqrt(grad_squares), 1e-2);
}

TEST(StepMetrics, NormsAndUpdateRatioMatchTheParameters) {
  Config config = SmallTrainerConfig();
  config.l2 = 0.01f;
  auto trainer = MustCreate(config);
  const std::vector<float> before = Params(*trainer);
  ASSERT_TRUE(trainer->Step(1).ok());
  for (int l = 0; l < trainer->layerCount(); ++l) {
    const size_t begin = trainer->weightOffset(l), end = trainer->biasOffset(l);
    double weights = 0, delta = 0;
    for (size_t i = begin; i < end; ++i) {
      weights += std::pow(static_cast<double>(trainer->params()[i]), 2);
      delta += std::pow(static_cast<double>(trainer->params()[i]) - before[i], 2);
    }
    const LayerDiagnostics& diag = trainer->metrics().layers[l];
    EXPECT_NEAR(diag.weightNorm, std::sqrt(weights), 1e-5 * std::sqrt(weights)) << l;
    EXPECT_NEAR(diag.updateRatio, std::sqrt(delta / weights), 1e-3 * diag.updateRatio + 1e-9) << l;
    // SGD: the update is lr times the (regularised) gradient.
    EXPECT_NEAR(diag.gradNorm * config.learningRate, std::sqrt(delta),
                1e-3 * std::sqrt(delta) + 1e-9)
        << l;
  }
  EXPECT_TRUE(std::isfinite(trainer->metrics().batchLoss));
}

}  // namespace
}  // namespace relu::testing
