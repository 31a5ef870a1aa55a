#include "model/loss.h"

#include <algorithm>
#include <cmath>

namespace relu {
namespace {

// Class index of a classification label; clamped so that a malformed label
// can never index outside the column.
int ClassIndex(float label, int outputs) {
  if (!(label > 0.0f)) return 0;
  return std::min(static_cast<int>(label), outputs - 1);
}

// exp of a non-positive argument never overflows.
double StableSigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

double SoftmaxColumn(int outputs, const float* z, int label, float* y, float* dz, float scale) {
  // Shifting by the largest logit keeps exp() finite; a NaN or infinite
  // logit still makes the loss NaN, so divergence is seen.
  float peak = z[0];
  for (int k = 1; k < outputs; ++k) peak = std::max(peak, z[k]);
  double sum = 0.0;
  for (int k = 0; k < outputs; ++k) sum += std::exp(static_cast<double>(z[k]) - peak);
  const double log_sum = std::log(sum);
  for (int k = 0; k < outputs; ++k) {
    const double p = std::exp(static_cast<double>(z[k]) - peak - log_sum);
    y[k] = static_cast<float>(p);
    if (dz) dz[k] = static_cast<float>((p - (k == label ? 1.0 : 0.0)) * scale);
  }
  return static_cast<double>(peak) + log_sum - z[label];
}

}  // namespace

bool IsClassification(Head head) { return head != Head::kLinearMse; }

double ApplyHead(Head head, int outputs, int cols, const float* z, const float* labels, float* y,
                 float* dz, int mean_over) {
  const int samples = mean_over > 0 ? mean_over : cols;
  const float scale = samples > 0 ? 1.0f / static_cast<float>(samples) : 0.0f;
  double total = 0.0;
  if (head == Head::kSoftmaxCe) {
    for (int j = 0; j < cols; ++j) {
      const size_t column = static_cast<size_t>(j) * static_cast<size_t>(outputs);
      total += SoftmaxColumn(outputs, z + column, ClassIndex(labels[j], outputs), y + column,
                             dz ? dz + column : nullptr, scale);
    }
    return total;
  }
  // The other heads have one output per sample.
  for (int j = 0; j < cols; ++j) {
    const double logit = z[j];
    double loss = 0.0, grad = 0.0, out = logit;
    switch (head) {
      case Head::kLinearMse: {
        const double diff = logit - labels[j];
        loss = 0.5 * diff * diff;
        grad = diff;
        break;
      }
      case Head::kTanhMse: {
        out = std::tanh(logit);
        const double diff = out - (labels[j] > 0.5f ? 1.0 : -1.0);
        loss = 0.5 * diff * diff;
        grad = diff * (1.0 - out * out);
        break;
      }
      case Head::kSigmoidBce: {
        const double target = labels[j] > 0.5f ? 1.0 : 0.0;
        out = StableSigmoid(logit);
        loss = std::max(logit, 0.0) - logit * target + std::log1p(std::exp(-std::fabs(logit)));
        grad = out - target;
        break;
      }
      case Head::kSoftmaxCe:
        break;
    }
    total += loss;
    y[j] = static_cast<float>(out);
    if (dz) dz[j] = static_cast<float>(grad) * scale;
  }
  return total;
}

void HeadOutputs(const kernels::KernelSet& kernels, Head head, int outputs, int cols, const float* z,
                 float* y) {
  const size_t n = static_cast<size_t>(outputs) * static_cast<size_t>(cols);
  switch (head) {
    case Head::kLinearMse:
      if (y != z) std::copy(z, z + n, y);
      return;
    case Head::kTanhMse:
      kernels[Act::kTanh].forward(n, z, y, nullptr);
      return;
    case Head::kSigmoidBce:
      kernels[Act::kSigmoid].forward(n, z, y, nullptr);
      return;
    case Head::kSoftmaxCe:
      for (int j = 0; j < cols; ++j) {
        const size_t column = static_cast<size_t>(j) * static_cast<size_t>(outputs);
        SoftmaxColumn(outputs, z + column, 0, y + column, nullptr, 0.0f);
      }
      return;
  }
}

void PredictClasses(Head head, int outputs, int cols, const float* y, int32_t* classes) {
  for (int j = 0; j < cols; ++j) {
    switch (head) {
      case Head::kLinearMse: classes[j] = -1; break;
      case Head::kTanhMse: classes[j] = y[j] > 0.0f; break;
      case Head::kSigmoidBce: classes[j] = y[j] > 0.5f; break;
      case Head::kSoftmaxCe: {
        const float* column = y + static_cast<size_t>(j) * static_cast<size_t>(outputs);
        classes[j] = static_cast<int32_t>(std::max_element(column, column + outputs) - column);
        break;
      }
    }
  }
}

int CountCorrect(Head head, int outputs, int cols, const float* y, const float* labels) {
  int correct = 0;
  for (int j = 0; j < cols; ++j) {
    switch (head) {
      case Head::kLinearMse:
        return 0;
      case Head::kTanhMse:
        correct += (y[j] > 0.0f) == (labels[j] > 0.5f);
        break;
      case Head::kSigmoidBce:
        correct += (y[j] > 0.5f) == (labels[j] > 0.5f);
        break;
      case Head::kSoftmaxCe: {
        const float* column = y + static_cast<size_t>(j) * static_cast<size_t>(outputs);
        const int best = static_cast<int>(std::max_element(column, column + outputs) - column);
        correct += best == ClassIndex(labels[j], outputs);
        break;
      }
    }
  }
  return correct;
}

}  // namespace relu
