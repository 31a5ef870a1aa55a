#include "model/reference.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace relu {
namespace {

constexpr double kSeluLambda = 1.0507009873554804934193349852946;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kGeluC = 0.7978845608028654;  // sqrt(2 / pi)

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Loss of one sample and dLoss/dz, written straight from the definitions.
double HeadLoss(Head head, const std::vector<double>& z, float label, std::vector<double>* dz) {
  const size_t k_count = z.size();
  dz->assign(k_count, 0.0);
  switch (head) {
    case Head::kLinearMse:
      (*dz)[0] = z[0] - label;
      return 0.5 * (z[0] - label) * (z[0] - label);
    case Head::kTanhMse: {
      const double target = label > 0.5f ? 1.0 : -1.0;
      const double y = std::tanh(z[0]);
      (*dz)[0] = (y - target) * (1.0 - y * y);
      return 0.5 * (y - target) * (y - target);
    }
    case Head::kSigmoidBce: {
      const double target = label > 0.5f ? 1.0 : 0.0;
      const double p = Sigmoid(z[0]);
      (*dz)[0] = p - target;
      return -(target * std::log(p) + (1.0 - target) * std::log(1.0 - p));
    }
    case Head::kSoftmaxCe:
      break;
  }
  const auto label_index = static_cast<size_t>(label);
  double sum = 0.0;
  for (double v : z) sum += std::exp(v);
  for (size_t k = 0; k < k_count; ++k) {
    (*dz)[k] = std::exp(z[k]) / sum - (k == label_index ? 1.0 : 0.0);
  }
  return std::log(sum) - z[label_index];
}

}  // namespace

double ReferenceActivation(Act act, double x, double alpha) {
  switch (act) {
    case Act::kLinear:
      return x;
    case Act::kRelu:
      return x > 0 ? x : 0.0;
    case Act::kLeakyRelu:
    case Act::kPrelu:
      return x > 0 ? x : alpha * x;
    case Act::kElu:
      return x > 0 ? x : alpha * (std::exp(x) - 1.0);
    case Act::kSelu:
      return kSeluLambda * (x > 0 ? x : kSeluAlpha * (std::exp(x) - 1.0));
    case Act::kGelu:
      return 0.5 * x * (1.0 + std::tanh(kGeluC * (x + 0.044715 * x * x * x)));
    case Act::kSilu:
      return x * Sigmoid(x);
    case Act::kSoftplus:
      return std::log(1.0 + std::exp(x));
    case Act::kSigmoid:
      return Sigmoid(x);
    case Act::kTanh:
      return std::tanh(x);
  }
  return x;
}

double ReferenceActivationDerivative(Act act, double x, double alpha) {
  switch (act) {
    case Act::kLinear:
      return 1.0;
    case Act::kRelu:
      return x > 0 ? 1.0 : 0.0;
    case Act::kLeakyRelu:
    case Act::kPrelu:
      return x > 0 ? 1.0 : alpha;
    case Act::kElu:
      return x > 0 ? 1.0 : alpha * std::exp(x);
    case Act::kSelu:
      return kSeluLambda * (x > 0 ? 1.0 : kSeluAlpha * std::exp(x));
    case Act::kGelu: {
      const double t = std::tanh(kGeluC * (x + 0.044715 * x * x * x));
      return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * kGeluC * (1.0 + 3.0 * 0.044715 * x * x);
    }
    case Act::kSilu: {
      const double s = Sigmoid(x);
      return s + x * s * (1.0 - s);
    }
    case Act::kSoftplus:
      return Sigmoid(x);
    case Act::kSigmoid:
      return Sigmoid(x) * (1.0 - Sigmoid(x));
    case Act::kTanh:
      return 1.0 - std::tanh(x) * std::tanh(x);
  }
  return 1.0;
}

double ReferenceLossAndGradient(const NetworkLayout& layout, const double* params,
                                const double* inputs, const float* labels, int cols,
                                double* grads) {
  const size_t count = layout.layers.size();
  if (grads) std::fill(grads, grads + layout.paramCount, 0.0);
  std::vector<std::vector<double>> pre(count), act(count + 1);
  std::vector<double> dz, dx;
  double total = 0.0;
  for (int j = 0; j < cols; ++j) {
    const double* x = inputs + static_cast<size_t>(j) * layout.inputs;
    act[0].assign(x, x + layout.inputs);  // act[l] is layer l's input
    for (size_t l = 0; l < count; ++l) {
      const LayerLayout& layer = layout.layers[l];
      const bool is_output = l == count - 1;
      pre[l].assign(layer.outputs, 0.0);
      act[l + 1].assign(layer.outputs, 0.0);
      for (int r = 0; r < layer.outputs; ++r) {
        double z = params[layer.biasOffset + r];
        for (int k = 0; k < layer.inputs; ++k) {
          z += params[layer.weightOffset + static_cast<size_t>(k) * layer.outputs + r] * act[l][k];
        }
        const double alpha = layer.act == Act::kPrelu
                                 ? params[layer.slopeOffset + (layer.slopeCount == 1 ? 0 : r)]
                                 : layer.actParams.alpha;
        pre[l][r] = z;
        act[l + 1][r] = is_output ? z : ReferenceActivation(layer.act, z, alpha);
      }
    }
    total += HeadLoss(layout.head, pre[count - 1], labels[j], &dz);
    if (!grads) continue;
    for (size_t l = count; l-- > 0;) {
      const LayerLayout& layer = layout.layers[l];
      if (l != count - 1) {  // dz holds dL/dA: through the activation
        for (int r = 0; r < layer.outputs; ++r) {
          const size_t slope_index = layer.slopeOffset + (layer.slopeCount == 1 ? 0 : r);
          const double alpha =
              layer.act == Act::kPrelu ? params[slope_index] : layer.actParams.alpha;
          if (layer.act == Act::kPrelu && !(pre[l][r] > 0)) grads[slope_index] += dz[r] * pre[l][r];
          dz[r] *= ReferenceActivationDerivative(layer.act, pre[l][r], alpha);
        }
      }
      dx.assign(layer.inputs, 0.0);
      for (int r = 0; r < layer.outputs; ++r) {
        grads[layer.biasOffset + r] += dz[r];
        for (int k = 0; k < layer.inputs; ++k) {
          const size_t w = layer.weightOffset + static_cast<size_t>(k) * layer.outputs + r;
          grads[w] += dz[r] * act[l][k];
          dx[k] += params[w] * dz[r];
        }
      }
      dz.swap(dx);
    }
  }
  const double scale = cols > 0 ? 1.0 / cols : 0.0;
  if (grads) {
    for (size_t i = 0; i < layout.paramCount; ++i) grads[i] *= scale;
  }
  return total * scale;
}

}  // namespace relu
