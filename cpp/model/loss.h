// The output heads and their losses, over logits stored column-major
// [outputs x cols], one column per sample. Per-sample losses:
//   linear + MSE    0.5 * (z - t)^2                    t = the regression target
//   tanh + MSE      0.5 * (tanh(z) - t)^2              t = -1 / +1 (label 0 / 1)
//   sigmoid + BCE   max(z, 0) - z*t + log1p(exp(-|z|)) t = 0 / 1, from the logit
//   softmax + CE    logsumexp(z) - z[label]
// "MSE" is the mean of 0.5*(y - t)^2, the convention of TensorFlow Playground,
// whose gradient is simply (y - t). Reported losses are means over samples.
#pragma once

#include "model/network.h"

namespace relu {

// Applies `head` to the logits z: y gets the head outputs (regression value,
// tanh value, sigmoid probability, softmax probabilities). When dz is not
// null it gets dL/dz of the mean loss over the cols samples (dz may not alias
// z or y), or over mean_over samples when that is given: a batch split into
// pieces scales each piece as the whole batch would. Returns the sum of the
// per-sample losses, NaN if any is NaN.
//   z: [outputs x cols]   labels: [cols]   y: [outputs x cols]   dz: [outputs x cols]
double ApplyHead(Head head, int outputs, int cols, const float* z, const float* labels, float* y,
                 float* dz, int mean_over = 0);

// The head's outputs alone, for display (the grid): no labels, no loss. tanh
// and sigmoid go through the kernel set's vectorised forms (within 2.3e-7 of
// ApplyHead's, see kernels.h), softmax as in ApplyHead.
//   z: [outputs x cols]   y: [outputs x cols] (may equal z unless softmax)
void HeadOutputs(const kernels::KernelSet& kernels, Head head, int outputs, int cols, const float* z,
                 float* y);

// The class each of the cols outputs y predicts, as CountCorrect judges it:
// the largest softmax output, the sign of tanh, sigmoid above 0.5; -1 for
// regression.
void PredictClasses(Head head, int outputs, int cols, const float* y, int32_t* classes);

// Number of samples whose prediction matches the label: tanh y > 0, sigmoid
// p > 0.5, softmax argmax. Regression has no accuracy: returns 0.
//   y: [outputs x cols]   labels: [cols]
int CountCorrect(Head head, int outputs, int cols, const float* y, const float* labels);

bool IsClassification(Head head);

}  // namespace relu
