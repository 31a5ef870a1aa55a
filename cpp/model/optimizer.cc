#include "model/optimizer.h"

#include <algorithm>
#include <cmath>

namespace relu {
namespace {

constexpr double kPi = 3.141592653589793;

// The per-step constants of one update.
struct Rule {
  float lr = 0, momentum = 0, rho = 0, beta1 = 0, beta2 = 0, epsilon = 0;
  float correction1 = 1, correction2 = 1;  // Adam's 1 - beta^t
  bool nesterov = false;
};

Rule MakeRule(const Config& config, double learning_rate, int64_t t) {
  Rule rule;
  rule.lr = static_cast<float>(learning_rate);
  rule.momentum = config.momentum;
  rule.nesterov = config.nesterov;
  rule.rho = config.rmsDecay;
  rule.beta1 = config.beta1;
  rule.beta2 = config.beta2;
  rule.epsilon = config.epsilon;
  const auto steps = static_cast<double>(t);
  rule.correction1 = static_cast<float>(1.0 - std::pow(static_cast<double>(config.beta1), steps));
  rule.correction2 = static_cast<float>(1.0 - std::pow(static_cast<double>(config.beta2), steps));
  return rule;
}

// The one place the update formulas live. In check mode nothing is written
// and the result is NaN if any new parameter or moment would be non-finite
// (x - x is 0 for finite x, NaN otherwise: a branch-free test that
// vectorises); in commit mode the new values are stored and the result is
// the sum of squared parameter changes.
template <Optimizer kType, bool kCommit>
double Sweep(const Rule& r, size_t begin, size_t end, const float* grads, const float* params,
             const float* first, const float* second, float* params_out, float* first_out,
             float* second_out) {
  double result = 0.0;
  for (size_t i = begin; i < end; ++i) {
    const float g = grads[i];
    float m = 0.0f, v = 0.0f, delta = 0.0f;
    if constexpr (kType == Optimizer::kSgd) {
      delta = -r.lr * g;
    } else if constexpr (kType == Optimizer::kMomentum) {
      m = r.momentum * first[i] + g;
      delta = -r.lr * (r.nesterov ? g + r.momentum * m : m);
    } else if constexpr (kType == Optimizer::kRmsprop) {
      m = r.rho * first[i] + (1.0f - r.rho) * g * g;
      delta = -r.lr * g / (std::sqrt(m) + r.epsilon);
    } else {
      m = r.beta1 * first[i] + (1.0f - r.beta1) * g;
      v = r.beta2 * second[i] + (1.0f - r.beta2) * g * g;
      delta = -r.lr * (m / r.correction1) / (std::sqrt(v / r.correction2) + r.epsilon);
    }
    const float updated = params[i] + delta;
    if constexpr (kCommit) {
      params_out[i] = updated;
      if constexpr (kType != Optimizer::kSgd) first_out[i] = m;
      if constexpr (kType == Optimizer::kAdam) second_out[i] = v;
      result += static_cast<double>(delta) * delta;
    } else {
      result += static_cast<double>((updated - updated) + (m - m) + (v - v));
    }
  }
  return result;
}

template <bool kCommit>
double SweepAny(Optimizer type, const Rule& r, size_t begin, size_t end, const float* grads,
                const float* params, const float* first, const float* second, float* params_out,
                float* first_out, float* second_out) {
  switch (type) {
    case Optimizer::kSgd:
      return Sweep<Optimizer::kSgd, kCommit>(r, begin, end, grads, params, first, second,
                                             params_out, first_out, second_out);
    case Optimizer::kMomentum:
      return Sweep<Optimizer::kMomentum, kCommit>(r, begin, end, grads, params, first, second,
                                                  params_out, first_out, second_out);
    case Optimizer::kRmsprop:
      return Sweep<Optimizer::kRmsprop, kCommit>(r, begin, end, grads, params, first, second,
                                                 params_out, first_out, second_out);
    case Optimizer::kAdam:
      break;
  }
  return Sweep<Optimizer::kAdam, kCommit>(r, begin, end, grads, params, first, second, params_out,
                                          first_out, second_out);
}

}  // namespace

double ScheduledLearningRate(const Config& config, int64_t step) {
  const double base = config.learningRate;
  const double rate = config.decayRate;
  const auto decay_steps = static_cast<double>(config.decaySteps);
  const auto t = static_cast<double>(step);
  switch (config.schedule) {
    case Schedule::kConstant:
      return base;
    case Schedule::kStep:
      return base * std::pow(rate, std::floor(t / decay_steps));
    case Schedule::kExponential:
      return base * std::pow(rate, t / decay_steps);
    case Schedule::kCosine:
      return base * 0.5 * (1.0 + std::cos(kPi * std::min(t, decay_steps) / decay_steps));
  }
  return base;
}

void AddRegularization(const NetworkLayout& layout, float l1, float l2, const float* params,
                       float* grads) {
  if (l1 == 0.0f && l2 == 0.0f) return;
  for (const LayerLayout& layer : layout.layers) {
    const size_t n = static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs);
    const float* w = params + layer.weightOffset;
    float* g = grads + layer.weightOffset;
    for (size_t i = 0; i < n; ++i) {
      const float sign = static_cast<float>((w[i] > 0.0f) - (w[i] < 0.0f));  // sign(0) = 0
      g[i] += l1 * sign + l2 * w[i];
    }
  }
}

double SumOfSquares(const float* x, size_t n) {
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) sum += static_cast<double>(x[i]) * x[i];
  return sum;
}

int OptimizerState::MomentCount(Optimizer type) {
  switch (type) {
    case Optimizer::kSgd:
      return 0;
    case Optimizer::kMomentum:
    case Optimizer::kRmsprop:
      return 1;
    case Optimizer::kAdam:
      break;
  }
  return 2;
}

bool OptimizerState::Reset(Optimizer type, size_t param_count) {
  const int moments = MomentCount(type);
  FloatBuffer first, second;
  if (moments >= 1 && !first.Assign(param_count)) return false;
  if (moments >= 2 && !second.Assign(param_count)) return false;
  first_.swap(first);
  second_.swap(second);
  type_ = type;
  size_ = param_count;
  updates_ = 0;
  return true;
}

bool OptimizerState::UpdateIsFinite(const Config& config, double learning_rate, const float* grads,
                                    const float* params) const {
  const Rule rule = MakeRule(config, learning_rate, updates_ + 1);
  const double poison = SweepAny<false>(type_, rule, 0, size_, grads, params, first_.data(),
                                        second_.data(), nullptr, nullptr, nullptr);
  return poison == 0.0;
}

void OptimizerState::Update(const Config& config, double learning_rate, const NetworkLayout& layout,
                            const float* grads, float* params, double* delta_squares) {
  ++updates_;
  const Rule rule = MakeRule(config, learning_rate, updates_);
  float* first = first_.data();
  float* second = second_.data();
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const size_t weights_end = layer.biasOffset;
    const size_t layer_end =
        l + 1 < layout.layers.size() ? layout.layers[l + 1].weightOffset : layout.paramCount;
    delta_squares[l] = SweepAny<true>(type_, rule, layer.weightOffset, weights_end, grads, params,
                                      first, second, params, first, second);
    SweepAny<true>(type_, rule, weights_end, layer_end, grads, params, first, second, params,
                   first, second);
  }
}

}  // namespace relu
