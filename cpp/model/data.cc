// The playground's datasets. TensorFlow Playground's six sets keep its
// geometry (radii, centres, spiral turns, label scales) and its way of using
// noise: `noise` percent becomes a fraction f in [0, 0.5] that scales a random
// perturbation of the point, or of the point the label is computed from.
// Moons, checkerboard and the 3-class spiral are ours, with noise applied the
// same way. Arithmetic is in double and rounded to float once per value, so
// that native and WebAssembly builds produce the same floats.
#include "model/data.h"

#include <algorithm>
#include <cmath>

#include "model/rng.h"

namespace relu {

// Generated from data/digits/digits.bin by cmake/EmbedBytes.cmake.
extern const unsigned char kDigitsBytes[];
extern const size_t kDigitsBytesSize;

namespace {

// A digits record: the pixels, then the label.
constexpr size_t kDigitRecord = kDigitPixels + 1;

constexpr double kPi = 3.14159265358979323846;

double UniformIn(Rng& rng, double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng.Uniform()); }

// Generated points stay on the drawn plane even when a Gaussian tail or a
// perturbation would carry them off it.
float OnPlane(double coordinate) {
  return static_cast<float>(std::clamp(coordinate, -static_cast<double>(kDomain), static_cast<double>(kDomain)));
}

void Add(std::vector<Point>* points, double x1, double x2, double label) {
  points->push_back(Point{OnPlane(x1), OnPlane(x2), static_cast<float>(label)});
}

// Size of class `c` of `k` when n points are shared out as evenly as possible.
int ClassSize(int n, int k, int c) { return n / k + (c < n % k ? 1 : 0); }

// Inside radius 2.5 is class 1, the ring 3.5..5 class 0; the label is read at
// the perturbed point, so noise flips labels near the gap.
void Circle(int n, double noise, Rng& rng, std::vector<Point>* points) {
  constexpr double kRadius = 5.0;
  for (int label = 1; label >= 0; --label) {
    const double r_lo = label == 1 ? 0.0 : kRadius * 0.7;
    const double r_hi = label == 1 ? kRadius * 0.5 : kRadius;
    for (int i = 0; i < ClassSize(n, 2, 1 - label); ++i) {
      const double r = UniformIn(rng, r_lo, r_hi);
      const double angle = UniformIn(rng, 0, 2 * kPi);
      const double x1 = r * std::sin(angle);
      const double x2 = r * std::cos(angle);
      const double nx1 = x1 + UniformIn(rng, -kRadius, kRadius) * noise;
      const double nx2 = x2 + UniformIn(rng, -kRadius, kRadius) * noise;
      Add(points, x1, x2, std::hypot(nx1, nx2) < kRadius * 0.5 ? 1 : 0);
    }
  }
}

// Quadrants, kept 0.3 apart from the axes; class 1 where x1*x2 >= 0.
void Xor(int n, double noise, Rng& rng, std::vector<Point>* points) {
  constexpr double kPadding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x1 = UniformIn(rng, -5, 5);
    x1 += x1 > 0 ? kPadding : -kPadding;
    double x2 = UniformIn(rng, -5, 5);
    x2 += x2 > 0 ? kPadding : -kPadding;
    const double nx1 = x1 + UniformIn(rng, -5, 5) * noise;
    const double nx2 = x2 + UniformIn(rng, -5, 5) * noise;
    Add(points, x1, x2, nx1 * nx2 >= 0 ? 1 : 0);
  }
}

// Two Gaussians at (2, 2) (class 1) and (-2, -2) (class 0); noise widens them:
// variance from 0.5 at no noise to 4 at the most.
void Gauss(int n, double noise, Rng& rng, std::vector<Point>* points) {
  const double stddev = std::sqrt(0.5 + 3.5 * (noise / 0.5));
  for (int label = 1; label >= 0; --label) {
    const double centre = label == 1 ? 2.0 : -2.0;
    for (int i = 0; i < ClassSize(n, 2, 1 - label); ++i) {
      const double x1 = centre + stddev * static_cast<double>(rng.Normal());
      const double x2 = centre + stddev * static_cast<double>(rng.Normal());
      Add(points, x1, x2, label);
    }
  }
}

// Interleaved arms of 1.75 turns out to radius 5, one per class, rotated
// 2*pi/classes apart; the points themselves are perturbed by up to +-noise.
void Spiral(int n, int classes, double noise, Rng& rng, std::vector<Point>* points, bool first_class_is_one) {
  for (int c = 0; c < classes; ++c) {
    const int count = ClassSize(n, classes, c);
    const double turn_offset = 2 * kPi * c / classes;
    // TensorFlow Playground's two arms: the unrotated one is the positive class.
    const int label = first_class_is_one ? 1 - c : c;
    for (int i = 0; i < count; ++i) {
      const double fraction = static_cast<double>(i) / count;
      const double r = fraction * 5;
      const double t = 1.75 * fraction * 2 * kPi + turn_offset;
      const double x1 = r * std::sin(t) + UniformIn(rng, -1, 1) * noise;
      const double x2 = r * std::cos(t) + UniformIn(rng, -1, 1) * noise;
      Add(points, x1, x2, label);
    }
  }
}

// reg-plane: target (x1 + x2) / 10.
double RegPlaneTarget(double x1, double x2) { return (x1 + x2) / 10; }

// reg-gauss: six bumps of height +-1 and radius 2 on a 3x2 grid, alternating
// in sign; the target is that of the bump of largest magnitude.
double RegGaussTarget(double x1, double x2) {
  static const double kBumps[6][3] = {
      {-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1},
  };
  double target = 0;
  for (const auto& bump : kBumps) {
    const double height = std::clamp(1 - std::hypot(x1 - bump[0], x2 - bump[1]) / 2, 0.0, 1.0);
    const double value = bump[2] * height;
    if (std::fabs(value) > std::fabs(target)) target = value;
  }
  return target;
}

// Both regression sets: uniform points, the target read at the point
// perturbed by up to +-6 * noise per axis.
void Regression(int n, double noise, double (*target)(double, double), Rng& rng, std::vector<Point>* points) {
  const double radius = kDomain;
  for (int i = 0; i < n; ++i) {
    const double x1 = UniformIn(rng, -radius, radius);
    const double x2 = UniformIn(rng, -radius, radius);
    const double nx1 = x1 + UniformIn(rng, -radius, radius) * noise;
    const double nx2 = x2 + UniformIn(rng, -radius, radius) * noise;
    Add(points, x1, x2, target(nx1, nx2));
  }
}

// Two interleaved half circles of radius 3.5 (class 0 opens downwards, class 1
// upwards), centred on the plane; points perturbed by up to +-3.5 * noise.
void Moons(int n, double noise, Rng& rng, std::vector<Point>* points) {
  constexpr double kRadius = 3.5;
  for (int label = 0; label < 2; ++label) {
    for (int i = 0; i < ClassSize(n, 2, label); ++i) {
      const double t = UniformIn(rng, 0, kPi);
      // Unit moons: (cos t, sin t) and (1 - cos t, 0.5 - sin t), centred at (0.5, 0.25).
      const double u1 = label == 0 ? std::cos(t) : 1 - std::cos(t);
      const double u2 = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
      const double x1 = (u1 - 0.5) * kRadius + UniformIn(rng, -kRadius, kRadius) * noise;
      const double x2 = (u2 - 0.25) * kRadius + UniformIn(rng, -kRadius, kRadius) * noise;
      Add(points, x1, x2, label);
    }
  }
}

// 4x4 cells of side 3 over the plane, class = parity of the cell; points keep
// 0.15 from the cell edges (as XOR keeps off the axes) and the label is read
// at the point perturbed by up to +-3 * noise.
void Checkerboard(int n, double noise, Rng& rng, std::vector<Point>* points) {
  constexpr int kCells = 4;
  constexpr double kCell = 2 * static_cast<double>(kDomain) / kCells;
  constexpr double kPadding = 0.15;
  const auto cell_of = [](double x) { return static_cast<long>(std::floor((x + kDomain) / kCell)); };
  for (int i = 0; i < n; ++i) {
    const double x1 = -kDomain + kCell * rng.Below(kCells) + UniformIn(rng, kPadding, kCell - kPadding);
    const double x2 = -kDomain + kCell * rng.Below(kCells) + UniformIn(rng, kPadding, kCell - kPadding);
    const double nx1 = x1 + UniformIn(rng, -kCell, kCell) * noise;
    const double nx2 = x2 + UniformIn(rng, -kCell, kCell) * noise;
    Add(points, x1, x2, static_cast<double>(((cell_of(nx1) + cell_of(nx2)) % 2 + 2) % 2));
  }
}

// Every image, in the file's order; the shuffle below mixes them as any set.
Status Digits(std::vector<Point>* points) {
  if (kDigitsBytesSize != static_cast<size_t>(kDigitCount) * kDigitRecord) {
    return Status::Error("dataset: the embedded digits hold " + std::to_string(kDigitsBytesSize) +
                         " bytes, expected " + std::to_string(kDigitCount) + " images of " +
                         std::to_string(kDigitRecord));
  }
  for (int i = 0; i < kDigitCount; ++i) {
    points->push_back(Point{static_cast<float>(i), 0.0f, static_cast<float>(DigitLabel(i))});
  }
  return Status::Ok();
}

}  // namespace

void DigitPixels(int index, float* out) {
  const unsigned char* image = kDigitsBytes + static_cast<size_t>(index) * kDigitRecord;
  for (int p = 0; p < kDigitPixels; ++p) out[p] = static_cast<float>(image[p]) / static_cast<float>(kDigitMaxValue);
}

int DigitLabel(int index) {
  return kDigitsBytes[static_cast<size_t>(index) * kDigitRecord + kDigitPixels];
}

Status GenerateData(const Config& config, std::vector<Point>* train, std::vector<Point>* test) {
  if (train == nullptr || test == nullptr) return Status::Error("GenerateData: no output given");
  Status valid = ValidateConfig(config);
  if (!valid.ok()) return valid;

  Rng rng(config.seed, kStreamData);
  const int n = config.numSamples;
  const double noise = static_cast<double>(config.noise) / 100;
  std::vector<Point> points;
  points.reserve(static_cast<size_t>(SampleCount(config)));
  switch (config.dataset) {
    case Dataset::kCircle: Circle(n, noise, rng, &points); break;
    case Dataset::kXor: Xor(n, noise, rng, &points); break;
    case Dataset::kGauss: Gauss(n, noise, rng, &points); break;
    case Dataset::kSpiral: Spiral(n, 2, noise, rng, &points, /*first_class_is_one=*/true); break;
    case Dataset::kRegPlane: Regression(n, noise, RegPlaneTarget, rng, &points); break;
    case Dataset::kRegGauss: Regression(n, noise, RegGaussTarget, rng, &points); break;
    case Dataset::kMoons: Moons(n, noise, rng, &points); break;
    case Dataset::kCheckerboard: Checkerboard(n, noise, rng, &points); break;
    case Dataset::kSpiral3: Spiral(n, 3, noise, rng, &points, /*first_class_is_one=*/false); break;
    case Dataset::kCustom: points = config.points; break;
    case Dataset::kDigits:
      if (Status status = Digits(&points); !status.ok()) return status;
      break;
  }

  rng.Shuffle(points.data(), points.size());
  const long train_count = TrainCount(static_cast<int>(points.size()), config.trainRatio);
  train->assign(points.begin(), points.begin() + train_count);
  test->assign(points.begin() + train_count, points.end());
  return Status::Ok();
}

int TrainCount(int total, float train_ratio) {
  const long count = std::lround(static_cast<double>(total) * static_cast<double>(train_ratio));
  // At least one point to train on, and (with two or more) one to test on.
  return static_cast<int>(std::clamp(count, 1L, std::max(1L, static_cast<long>(total) - 1)));
}

int SampleCount(const Config& config) {
  if (config.dataset == Dataset::kCustom) return static_cast<int>(config.points.size());
  if (config.dataset == Dataset::kDigits) return kDigitCount;
  return config.numSamples;
}

int NumClasses(const Config& config) {
  switch (config.problem) {
    case Problem::kRegression: return 1;
    case Problem::kBinary: return 2;
    case Problem::kMulticlass: break;
  }
  if (config.dataset == Dataset::kSpiral3) return 3;
  if (config.dataset == Dataset::kDigits) return kDigitClasses;
  if (config.dataset != Dataset::kCustom) return 2;
  // Custom points: as many classes as the largest label says, at least two.
  float largest = 1;
  for (const Point& p : config.points) largest = std::max(largest, p.label);
  // min() before the cast: an unvalidated label could be out of int's range.
  return static_cast<int>(std::min(largest, static_cast<float>(kMaxClasses - 1))) + 1;
}

void ComputeFeatures(uint32_t features, float x1, float x2, float* out) {
  // Only the enabled ones: sin is most of the grid pass's feature cost.
  const double a = x1;
  const double b = x2;
  int next = 0;
  if (features & kFeatX1) out[next++] = static_cast<float>(a);
  if (features & kFeatX2) out[next++] = static_cast<float>(b);
  if (features & kFeatX1Squared) out[next++] = static_cast<float>(a * a);
  if (features & kFeatX2Squared) out[next++] = static_cast<float>(b * b);
  if (features & kFeatX1X2) out[next++] = static_cast<float>(a * b);
  if (features & kFeatSinX1) out[next++] = static_cast<float>(std::sin(a));
  if (features & kFeatSinX2) out[next++] = static_cast<float>(std::sin(b));
}

}  // namespace relu
