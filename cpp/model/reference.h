// A naive reference of the network's maths: plain loops, one sample at a
// time, in double. Slow and obviously right, it is what the tests hold the
// optimised float path (network.h, loss.h) to, and what central differences
// are taken of.
#pragma once

#include "model/network.h"

namespace relu {

// f(x) and f'(x) of kernels.h in double, with the same conventions (the
// derivative at a kink is the left-hand one). `alpha` is the leaky slope,
// the ELU alpha or the PReLU slope.
double ReferenceActivation(Act act, double x, double alpha);
double ReferenceActivationDerivative(Act act, double x, double alpha);

// Mean loss of the network over `cols` samples and, if grads is not null,
// its gradient with respect to every parameter (data term only).
//   params: [paramCount]   inputs: [inputs x cols] column-major   labels: [cols]
//   grads:  [paramCount] (overwritten)
double ReferenceLossAndGradient(const NetworkLayout& layout, const double* params,
                                const double* inputs, const float* labels, int cols, double* grads);

}  // namespace relu
