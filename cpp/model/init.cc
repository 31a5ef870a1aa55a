#include "model/init.h"

#include <Eigen/Core>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>

#include "model/rng.h"

namespace relu {
namespace {

void FillUniform(Rng* rng, float limit, size_t n, float* w) {
  for (size_t i = 0; i < n; ++i) w[i] = rng->Uniform(-limit, limit);
}

void FillNormal(Rng* rng, float stddev, size_t n, float* w) {
  for (size_t i = 0; i < n; ++i) w[i] = rng->Normal(0.0f, stddev);
}

// Q of the QR decomposition of a Gaussian matrix, with each column's sign set
// by R's diagonal so that Q is uniformly (Haar) distributed rather than biased
// by the Householder convention (Mezzadri 2007). Rows or columns of W,
// whichever are fewer, come out orthonormal; then scaled by `gain`.
void FillOrthogonal(Rng* rng, float gain, int rows, int cols, float* w) {
  const int tall = std::max(rows, cols), narrow = std::min(rows, cols);
  Eigen::MatrixXd gaussian(tall, narrow);
  for (Eigen::Index j = 0; j < narrow; ++j) {
    for (Eigen::Index i = 0; i < tall; ++i) gaussian(i, j) = rng->Normal();
  }
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(tall, narrow);
  const Eigen::MatrixXd& r = qr.matrixQR();
  for (Eigen::Index k = 0; k < narrow; ++k) {
    if (r(k, k) < 0) q.col(k) = -q.col(k);
  }
  Eigen::Map<Eigen::MatrixXf> out(w, rows, cols);
  if (rows >= cols) {
    out = (q * gain).cast<float>();
  } else {
    out = (q.transpose() * gain).cast<float>();
  }
}

void FillWeights(Rng* rng, const LayerLayout& layer, const Config& config, float* w) {
  const size_t n = static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs);
  const float fan_in = static_cast<float>(layer.inputs);
  const float fan_sum = static_cast<float>(layer.inputs + layer.outputs);
  const float a = HeSlope(layer.act, config);
  const float he_variance = 2.0f / ((1.0f + a * a) * fan_in);
  switch (config.init) {
    case Init::kZeros:
      std::fill(w, w + n, 0.0f);
      return;
    case Init::kUniform:
      return FillUniform(rng, config.initScale, n, w);
    case Init::kNormal:
      return FillNormal(rng, config.initScale, n, w);
    case Init::kPlayground:
      return FillUniform(rng, 0.5f, n, w);
    case Init::kXavierUniform:
      return FillUniform(rng, std::sqrt(6.0f / fan_sum), n, w);
    case Init::kXavierNormal:
      return FillNormal(rng, std::sqrt(2.0f / fan_sum), n, w);
    case Init::kHeUniform:
      // U(-l, l) has variance l^2 / 3.
      return FillUniform(rng, std::sqrt(3.0f * he_variance), n, w);
    case Init::kHeNormal:
      return FillNormal(rng, std::sqrt(he_variance), n, w);
    case Init::kLecunNormal:
      return FillNormal(rng, std::sqrt(1.0f / fan_in), n, w);
    case Init::kOrthogonal:
      return FillOrthogonal(rng, config.initScale, layer.outputs, layer.inputs, w);
  }
}

}  // namespace

float HeSlope(Act act, const Config& config) {
  if (act == Act::kLeakyRelu) return config.leakySlope;
  if (act == Act::kPrelu) return config.preluInit;
  return 0.0f;
}

void InitializeParams(const NetworkLayout& layout, const Config& config, float* params) {
  Rng rng(config.seed, kStreamInit);
  for (const LayerLayout& layer : layout.layers) {
    FillWeights(&rng, layer, config, params + layer.weightOffset);
    std::fill_n(params + layer.biasOffset, layer.outputs, config.biasInit);
    std::fill_n(params + layer.slopeOffset, layer.slopeCount, config.preluInit);
  }
}

}  // namespace relu
