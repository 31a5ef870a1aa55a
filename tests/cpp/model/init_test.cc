// Initialisation: the statistics of every scheme over large layers, the
// orthogonality of the orthogonal scheme, biases, PReLU slopes and seeding.
#include "model/init.h"

#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/network.h"
#include "model/rng.h"

namespace relu {
namespace {

struct Moments {
  double mean = 0, variance = 0, min = 0, max = 0;
};

Moments MomentsOf(const float* w, size_t n) {
  Moments m;
  m.min = m.max = w[0];
  for (size_t i = 0; i < n; ++i) {
    m.mean += w[i];
    m.min = std::min<double>(m.min, w[i]);
    m.max = std::max<double>(m.max, w[i]);
  }
  m.mean /= static_cast<double>(n);
  for (size_t i = 0; i < n; ++i) m.variance += (w[i] - m.mean) * (w[i] - m.mean);
  m.variance /= static_cast<double>(n);
  return m;
}

// One hidden layer of `units` fed by `inputs`: layer 0's W is [units x inputs].
struct Initialised {
  NetworkLayout layout;
  std::vector<float> params;
  const float* weights(int l) const { return params.data() + layout.layers[l].weightOffset; }
  size_t weightCount(int l) const {
    return static_cast<size_t>(layout.layers[l].outputs) *
           static_cast<size_t>(layout.layers[l].inputs);
  }
};

Initialised Initialise(Config config, int inputs, int units, Act act = Act::kRelu) {
  config.hidden = {units};
  config.activations = {act};
  Initialised result;
  result.layout = MakeLayout(config, inputs, 1);
  result.params.assign(result.layout.paramCount, std::nanf(""));
  InitializeParams(result.layout, config, result.params.data());
  return result;
}

Config WithInit(Init init, float scale = 1.0f) {
  Config config;
  config.init = init;
  config.initScale = scale;
  config.seed = 5;
  return config;
}

// The sample variance of 262,144 draws is within about 0.3% of the truth
// (one standard error); 2% is a comfortable six-sigma bound.
void ExpectVariance(const Initialised& net, double expected) {
  const Moments m = MomentsOf(net.weights(0), net.weightCount(0));
  EXPECT_NEAR(m.variance, expected, 0.02 * expected);
  EXPECT_NEAR(m.mean, 0.0, 0.01 * std::sqrt(expected));
}

TEST(Init, HeNormalVarianceIsTwoOverFanIn) {
  ExpectVariance(Initialise(WithInit(Init::kHeNormal), 512, 512), 2.0 / 512);
  ExpectVariance(Initialise(WithInit(Init::kHeNormal), 256, 1024), 2.0 / 256);
}

TEST(Init, HeGainFollowsTheLeakySlope) {
  Config config = WithInit(Init::kHeNormal);
  config.leakySlope = 0.5f;
  ExpectVariance(Initialise(config, 512, 512, Act::kLeakyRelu), 2.0 / (1.25 * 512));
  config.preluInit = 0.75f;
  ExpectVariance(Initialise(config, 512, 512, Act::kPrelu), 2.0 / (1.5625 * 512));
  // Other activations take ReLU's gain (a = 0).
  ExpectVariance(Initialise(config, 512, 512, Act::kTanh), 2.0 / 512);
}

TEST(Init, HeUniformRangeAndVariance) {
  const Initialised net = Initialise(WithInit(Init::kHeUniform), 512, 512);
  const float limit = std::sqrt(6.0f / 512);
  const Moments m = MomentsOf(net.weights(0), net.weightCount(0));
  EXPECT_GE(m.min, -limit);
  EXPECT_LT(m.max, limit);
  EXPECT_GT(m.max, 0.99 * limit);
  ExpectVariance(net, 2.0 / 512);
}

TEST(Init, XavierUsesFanInPlusFanOut) {
  ExpectVariance(Initialise(WithInit(Init::kXavierNormal), 256, 768), 2.0 / 1024);
  const Initialised uniform = Initialise(WithInit(Init::kXavierUniform), 256, 768);
  const Moments m = MomentsOf(uniform.weights(0), uniform.weightCount(0));
  const float limit = std::sqrt(6.0f / 1024);  // as the initialiser computes it, in float
  EXPECT_GE(m.min, -limit);
  EXPECT_LT(m.max, limit);
  ExpectVariance(uniform, 2.0 / 1024);
}

TEST(Init, LecunNormalVarianceIsOneOverFanIn) {
  ExpectVariance(Initialise(WithInit(Init::kLecunNormal), 512, 512), 1.0 / 512);
}

TEST(Init, UniformAndNormalTakeTheScale) {
  const Initialised uniform = Initialise(WithInit(Init::kUniform, 0.3f), 512, 512);
  const Moments m = MomentsOf(uniform.weights(0), uniform.weightCount(0));
  EXPECT_GE(m.min, -0.3f);
  EXPECT_LT(m.max, 0.3f);
  ExpectVariance(uniform, 0.09 / 3);
  ExpectVariance(Initialise(WithInit(Init::kNormal, 2.0f), 512, 512), 4.0);
}

TEST(Init, PlaygroundIsUniformHalf) {
  const Initialised net = Initialise(WithInit(Init::kPlayground, 7.0f), 512, 512);  // scale ignored
  const Moments m = MomentsOf(net.weights(0), net.weightCount(0));
  EXPECT_GE(m.min, -0.5);
  EXPECT_LT(m.max, 0.5);
  ExpectVariance(net, 1.0 / 12);
}

TEST(Init, ZerosBiasesAndSlopes) {
  Config config = WithInit(Init::kZeros);
  config.biasInit = 0.1f;
  config.preluInit = 0.3f;
  config.preluPerUnit = true;
  const Initialised net = Initialise(config, 3, 4, Act::kPrelu);
  for (const LayerLayout& layer : net.layout.layers) {
    for (size_t i = 0; i < static_cast<size_t>(layer.outputs) * layer.inputs; ++i) {
      EXPECT_EQ(net.params[layer.weightOffset + i], 0.0f);
    }
    for (int i = 0; i < layer.outputs; ++i) EXPECT_EQ(net.params[layer.biasOffset + i], 0.1f);
  }
  ASSERT_EQ(net.layout.layers[0].slopeCount, 4);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(net.params[net.layout.layers[0].slopeOffset + i], 0.3f);
}

TEST(Init, OrthogonalRowsOrColumnsAreOrthonormal) {
  for (auto [inputs, units] : {std::pair{64, 64}, std::pair{100, 40}, std::pair{30, 90}}) {
    const Initialised net = Initialise(WithInit(Init::kOrthogonal, 1.5f), inputs, units);
    const Eigen::Map<const Eigen::MatrixXf> w(net.weights(0), units, inputs);
    // The smaller side is orthonormal, times the gain.
    const Eigen::MatrixXf gram =
        units <= inputs ? Eigen::MatrixXf(w * w.transpose()) : Eigen::MatrixXf(w.transpose() * w);
    const auto n = std::min(inputs, units);
    const Eigen::MatrixXf expected = 2.25f * Eigen::MatrixXf::Identity(n, n);
    EXPECT_LT((gram - expected).cwiseAbs().maxCoeff(), 1e-4f) << inputs << " -> " << units;
  }
}

// With the sign fix, Q is Haar-distributed: its diagonal has mean 0 instead
// of the positive bias Householder's convention leaves.
TEST(Init, OrthogonalHasNoSignBias) {
  double diagonal_sum = 0;
  int count = 0;
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    Config config = WithInit(Init::kOrthogonal);
    config.seed = seed;
    const Initialised net = Initialise(config, 8, 8);
    for (int i = 0; i < 8; ++i, ++count) diagonal_sum += net.weights(0)[i * 8 + i];
  }
  // Each diagonal entry has variance about 1/8: the mean of 1600 has sd ~0.009.
  EXPECT_NEAR(diagonal_sum / count, 0.0, 0.05);
}

TEST(Init, SameSeedSameWeightsOtherSeedOthers) {
  Config config = WithInit(Init::kHeNormal);
  const Initialised a = Initialise(config, 16, 16);
  const Initialised b = Initialise(config, 16, 16);
  EXPECT_EQ(a.params, b.params);
  config.seed = 6;
  EXPECT_NE(Initialise(config, 16, 16).params, a.params);
}

// Weights come from the seed's init stream, in column-major order, so that
// the data (another stream) does not shift when the network changes.
TEST(Init, DrawsComeFromTheInitStream) {
  Config config = WithInit(Init::kPlayground);
  config.seed = 1;
  const Initialised net = Initialise(config, 2, 2);
  Rng rng(1, kStreamInit);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(net.params[i], rng.Uniform(-0.5f, 0.5f));
}

}  // namespace
}  // namespace relu
