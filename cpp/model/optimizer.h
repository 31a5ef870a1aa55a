// Learning-rate schedules, regularisation and the optimiser updates, all
// element-wise over the one parameter block. (Clipping, which needs the whole
// gradient's norm, is the trainer's.)
//
// Conventions (those of PyTorch, where the literature differs):
//   sgd       p -= lr * g
//   momentum  v = mu*v + g;  p -= lr * v   (Nesterov: p -= lr * (g + mu*v))
//   rmsprop   s = rho*s + (1-rho)*g^2;  p -= lr * g / (sqrt(s) + eps)
//   adam      m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;
//             p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps),  t = 1, 2, ...
// Regularisation adds l1*sign(w) + l2*w to the gradient of the weights only
// (penalty l1*|w| + 0.5*l2*w^2), never to biases or PReLU slopes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/buffer.h"
#include "model/config/config.h"
#include "model/network.h"

namespace relu {

// Learning rate of the update that follows `step` completed updates.
double ScheduledLearningRate(const Config& config, int64_t step);

// Adds the L1/L2 gradient of every weight matrix to grads (biases and slopes untouched).
void AddRegularization(const NetworkLayout& layout, float l1, float l2, const float* params,
                       float* grads);

// Sum of squares of x[0..n), in double so that large layers do not lose it.
double SumOfSquares(const float* x, size_t n);

// What an update did to one weight matrix.
struct LayerUpdate {
  double deltaSquares = 0;   // ||delta W||^2
  double weightSquares = 0;  // ||W||^2 after the update
};

class OptimizerState {
 public:
  // Sets the optimiser and zeroes its state (moments and step count t).
  // False, with the state unchanged, when memory is short; never fails when
  // the number of moments and parameters stays the same.
  bool Reset(Optimizer type, size_t param_count);
  Optimizer type() const { return type_; }
  int64_t updates() const { return updates_; }
  // Floats of state an optimiser keeps per parameter.
  static int MomentCount(Optimizer type);

  // Applies the update in place and reports, per weight layer of `layout`,
  // ||delta W||^2 and ||W||^2 after the update (biases and slopes are updated
  // but not counted). Returns false when a new parameter or moment is
  // non-finite: parameters and moments are then partly updated, and the
  // caller restores its copy of the parameters and calls Reset().
  bool Update(const Config& config, double learning_rate, const NetworkLayout& layout,
              const float* grads, float* params, LayerUpdate* layers);

 private:
  Optimizer type_ = Optimizer::kSgd;
  int64_t updates_ = 0;
  FloatBuffer first_, second_;  // momentum velocity / RMS average / Adam m, and Adam v
};

}  // namespace relu
