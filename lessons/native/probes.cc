#include "probes.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include "model/data.h"
#include "model/network.h"

namespace relu::lessons {
namespace {

// Enough columns per forward pass to keep the workspace small for any net.
constexpr int kChunk = 128;

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

}  // namespace

std::vector<std::vector<bool>> OffUnitMasks(const Trainer& trainer) {
  const Config& config = trainer.config();
  const NetworkLayout layout = MakeLayout(config, NumInputs(config), NumOutputs(config));
  const int hidden = static_cast<int>(layout.layers.size()) - 1;
  std::vector<std::vector<bool>> off(static_cast<size_t>(hidden));
  for (int l = 0; l < hidden; ++l) off[l].assign(static_cast<size_t>(layout.layers[l].outputs), true);

  Workspace ws;
  if (!ws.Resize(layout, kChunk)) return {};
  const kernels::KernelSet& kernels = kernels::SelectKernels();
  const std::vector<Point>& points = trainer.trainPoints();
  const int inputs = layout.inputs;
  for (size_t start = 0; start < points.size(); start += kChunk) {
    const int cols = static_cast<int>(std::min<size_t>(kChunk, points.size() - start));
    for (int j = 0; j < cols; ++j) {
      const Point& p = points[start + static_cast<size_t>(j)];
      float* column = ws.input() + static_cast<size_t>(j) * inputs;
      // A digit's point holds its image's index in x1; its inputs are the pixels, as the trainer feeds them.
      if (config.dataset == Dataset::kDigits) {
        DigitPixels(static_cast<int>(p.x1), column);
      } else {
        ComputeFeatures(config.features, p.x1, p.x2, column);
      }
    }
    Forward(layout, kernels, trainer.params(), cols, &ws);
    for (int l = 0; l < hidden; ++l) {
      const int units = layout.layers[l].outputs;
      const float* pre = ws.pre(l);
      for (int j = 0; j < cols; ++j) {
        for (int u = 0; u < units; ++u) {
          if (!(pre[static_cast<size_t>(j) * units + u] <= 0.0f)) off[l][u] = false;
        }
      }
    }
  }
  return off;
}

std::vector<float> UnitSpread(const Trainer& trainer) {
  const int hidden = trainer.layerCount() - 1;
  std::vector<float> spread(static_cast<size_t>(hidden), 0.0f);
  const float* params = trainer.params();
  for (int l = 0; l < hidden; ++l) {
    const int rows = trainer.layerOutputs(l);
    const int cols = trainer.layerInputs(l);
    const float* w = params + trainer.weightOffset(l);  // [rows x cols], column-major
    const float* b = params + trainer.biasOffset(l);
    float largest = 0.0f;
    for (int r = 1; r < rows; ++r) {
      largest = std::max(largest, std::fabs(b[r] - b[0]));
      for (int c = 0; c < cols; ++c) {
        const size_t column = static_cast<size_t>(c) * rows;
        largest = std::max(largest, std::fabs(w[column + r] - w[column]));
      }
    }
    spread[l] = largest;
  }
  return spread;
}

std::vector<float> OutputGrid(Trainer* trainer, int n) {
  std::vector<float> grid(trainer->gridNodeCount(false) * static_cast<size_t>(n) * n);
  if (!trainer->EvalGrid(n, false, grid.data(), grid.size()).ok()) return {};
  grid.resize(static_cast<size_t>(n) * n);  // node 0 comes first
  return grid;
}

float OutputRange(Trainer* trainer, int n) {
  std::vector<float> grid(trainer->gridNodeCount(false) * static_cast<size_t>(n) * n);
  if (!trainer->EvalGrid(n, false, grid.data(), grid.size()).ok()) return -1.0f;
  const auto [low, high] = std::minmax_element(grid.begin(), grid.end());
  return *high - *low;
}

int RegionCount(Trainer* trainer, int n) {
  std::vector<float> grid(trainer->gridNodeCount(false) * static_cast<size_t>(n) * n);
  GridRegions regions;
  if (!trainer->EvalGrid(n, false, grid.data(), grid.size(), &regions).ok()) return -1;
  return regions.status.ok() ? regions.count : -1;
}

double MedianStepMicros(Trainer* trainer, int steps, int repeats) {
  using Clock = std::chrono::steady_clock;
  if (!trainer->Step(steps).ok()) return -1.0;  // warm-up: caches, branch predictors
  std::vector<double> micros;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    if (!trainer->Step(steps).ok()) return -1.0;
    const std::chrono::duration<double, std::micro> elapsed = Clock::now() - start;
    micros.push_back(elapsed.count() / steps);
  }
  return Median(micros);
}

double MedianKernelNanos(kernels::Act act, float alpha, int n, int repeats) {
  using Clock = std::chrono::steady_clock;
  const kernels::ActKernels& kernel = kernels::SelectKernels()[act];
  const kernels::ActParams params{alpha};
  // Inputs spread over both sides of zero, where the kinks and curves are.
  std::vector<float> x(static_cast<size_t>(n)), y(x.size()), dy(x.size(), 1.0f), dx(x.size());
  for (size_t i = 0; i < x.size(); ++i) x[i] = 4.0f * std::sin(0.37f * static_cast<float>(i));
  std::vector<double> nanos;
  for (int r = 0; r <= repeats; ++r) {
    const auto start = Clock::now();
    kernel.forward(x.size(), x.data(), y.data(), &params);
    kernel.backward(x.size(), x.data(), y.data(), dy.data(), dx.data(), &params);
    const std::chrono::duration<double, std::nano> elapsed = Clock::now() - start;
    if (r > 0) nanos.push_back(elapsed.count() / n);  // r == 0 warms up
  }
  // Keep the results observable so the calls cannot be optimised away.
  volatile float sink = y[x.size() / 2] + dx[x.size() / 3];
  (void)sink;
  return Median(nanos);
}

}  // namespace relu::lessons
