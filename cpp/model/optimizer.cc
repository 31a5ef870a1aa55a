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
  // Adam's bias correction; t = 0 for the others, which do not use it.
  const auto steps = static_cast<double>(t);
  if (t == 0) return rule;
  rule.correction1 = static_cast<float>(1.0 - std::pow(static_cast<double>(config.beta1), steps));
  rule.correction2 = static_cast<float>(1.0 - std::pow(static_cast<double>(config.beta2), steps));
  return rule;
}

// Reductions run in kPartialSums independent partial sums, combined at the end:
// a single running sum pins the order of additions and keeps the loop scalar,
// while independent sums vectorise, and their fixed order still gives the
// same result on every platform.
constexpr size_t kPartialSums = 8;

// What one sweep over a range of parameters reports.
struct SweepSums {
  double deltaSquares = 0;    // sum of squared parameter changes
  double updatedSquares = 0;  // sum of squared new parameters
  float poison = 0;           // 0, or NaN if any new parameter or moment is non-finite
};

// One parameter's change and new moments.
struct Change {
  float delta = 0, m = 0, v = 0;
};

// The one place the update formulas live.
template <Optimizer kType>
inline Change Compute(const Rule& r, float g, float m_old, float v_old) {
  Change c;
  if constexpr (kType == Optimizer::kSgd) {
    c.delta = -r.lr * g;
  } else if constexpr (kType == Optimizer::kMomentum) {
    c.m = r.momentum * m_old + g;
    c.delta = -r.lr * (r.nesterov ? g + r.momentum * c.m : c.m);
  } else if constexpr (kType == Optimizer::kRmsprop) {
    c.m = r.rho * m_old + (1.0f - r.rho) * g * g;
    c.delta = -r.lr * g / (std::sqrt(c.m) + r.epsilon);
  } else {
    c.m = r.beta1 * m_old + (1.0f - r.beta1) * g;
    c.v = r.beta2 * v_old + (1.0f - r.beta2) * g * g;
    c.delta = -r.lr * (c.m / r.correction1) / (std::sqrt(c.v / r.correction2) + r.epsilon);
  }
  return c;
}

// Applies parameter i's update and adds to the sums. Non-finite values are
// detected without branches: x - x is 0 for finite x and NaN otherwise.
// (A macro-free body shared by the vector loop and its tail; it takes the
// pointers by value so that their __restrict survives inlining.)
template <Optimizer kType>
inline void Apply(const Rule& r, size_t i, const float* __restrict grads, float* __restrict params,
                  float* __restrict first, float* __restrict second, float& delta_squares,
                  float& updated_squares, float& poison) {
  const float m_old = kType == Optimizer::kSgd ? 0.0f : first[i];
  const float v_old = kType == Optimizer::kAdam ? second[i] : 0.0f;
  const Change c = Compute<kType>(r, grads[i], m_old, v_old);
  const float updated = params[i] + c.delta;
  params[i] = updated;
  if constexpr (kType != Optimizer::kSgd) first[i] = c.m;
  if constexpr (kType == Optimizer::kAdam) second[i] = c.v;
  delta_squares += c.delta * c.delta;
  updated_squares += updated * updated;
  poison += (updated - updated) + (c.m - c.m) + (c.v - c.v);
}

template <Optimizer kType>
SweepSums Sweep(const Rule& r, size_t begin, size_t end, const float* __restrict grads,
                float* __restrict params, float* __restrict first, float* __restrict second) {
  // Float lanes keep the loop in one vector type; the norms they feed are
  // diagnostics, where float precision is plenty.
  float delta_lanes[kPartialSums] = {}, updated_lanes[kPartialSums] = {}, poison_lanes[kPartialSums] = {};
  size_t i = begin;
  for (; i + kPartialSums <= end; i += kPartialSums) {
    for (size_t l = 0; l < kPartialSums; ++l) {
      Apply<kType>(r, i + l, grads, params, first, second, delta_lanes[l], updated_lanes[l],
                   poison_lanes[l]);
    }
  }
  float delta_tail = 0.0f, updated_tail = 0.0f, poison_tail = 0.0f;
  for (; i < end; ++i) {
    Apply<kType>(r, i, grads, params, first, second, delta_tail, updated_tail, poison_tail);
  }
  SweepSums sums;
  sums.deltaSquares = delta_tail;
  sums.updatedSquares = updated_tail;
  sums.poison = poison_tail;
  for (size_t l = 0; l < kPartialSums; ++l) {
    sums.deltaSquares += delta_lanes[l];
    sums.updatedSquares += updated_lanes[l];
    sums.poison += poison_lanes[l];
  }
  return sums;
}

SweepSums SweepAny(Optimizer type, const Rule& r, size_t begin, size_t end, const float* grads,
                   float* params, float* first, float* second) {
  switch (type) {
    case Optimizer::kSgd:
      return Sweep<Optimizer::kSgd>(r, begin, end, grads, params, first, second);
    case Optimizer::kMomentum:
      return Sweep<Optimizer::kMomentum>(r, begin, end, grads, params, first, second);
    case Optimizer::kRmsprop:
      return Sweep<Optimizer::kRmsprop>(r, begin, end, grads, params, first, second);
    case Optimizer::kAdam:
      break;
  }
  return Sweep<Optimizer::kAdam>(r, begin, end, grads, params, first, second);
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
  double lanes[kPartialSums] = {};
  size_t i = 0;
  for (; i + kPartialSums <= n; i += kPartialSums) {
    for (size_t l = 0; l < kPartialSums; ++l) lanes[l] += static_cast<double>(x[i + l]) * x[i + l];
  }
  double sum = 0.0;
  for (; i < n; ++i) sum += static_cast<double>(x[i]) * x[i];
  for (double lane : lanes) sum += lane;
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
  const size_t first_size = moments >= 1 ? param_count : 0;
  const size_t second_size = moments >= 2 ? param_count : 0;
  if (first_.size() == first_size && second_.size() == second_size) {
    first_.Zero();  // the same shape: no allocation, so this cannot fail
    second_.Zero();
  } else {
    FloatBuffer first, second;
    if (!first.Assign(first_size) || !second.Assign(second_size)) return false;
    first_.swap(first);
    second_.swap(second);
  }
  type_ = type;
  updates_ = 0;
  return true;
}

bool OptimizerState::Update(const Config& config, double learning_rate, const NetworkLayout& layout,
                            const float* grads, float* params, LayerUpdate* layers) {
  ++updates_;
  const Rule rule = MakeRule(config, learning_rate, type_ == Optimizer::kAdam ? updates_ : 0);
  float* first = first_.data();
  float* second = second_.data();
  float poison = 0.0f;
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const SweepSums weights =
        SweepAny(type_, rule, layer.weightOffset, layer.biasOffset, grads, params, first, second);
    const SweepSums rest = SweepAny(type_, rule, layer.biasOffset, layout.parametersEnd(l), grads,
                                    params, first, second);
    layers[l].deltaSquares = weights.deltaSquares;
    layers[l].weightSquares = weights.updatedSquares;
    poison += weights.poison + rest.poison;
  }
  return poison == 0.0f;
}

}  // namespace relu
