// The dataset generators: reproducible from the seed, the promised sizes,
// labels and ranges, and each set is the shape it claims to be.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "model/config/config.h"
#include "model/data.h"

namespace relu {
namespace {

constexpr double kPi = 3.14159265358979323846;

Config ConfigFor(Dataset dataset, int num_samples = 500, float noise = 0, uint32_t seed = 1) {
  Config c;
  c.dataset = dataset;
  c.numSamples = num_samples;
  c.noise = noise;
  c.seed = seed;
  if (dataset == Dataset::kRegPlane || dataset == Dataset::kRegGauss) c.problem = Problem::kRegression;
  if (dataset == Dataset::kSpiral3) c.problem = Problem::kMulticlass;
  if (dataset == Dataset::kCustom) c.points = {{0, 0, 0}, {1, 1, 1}, {-1, 2, 1}, {3, -3, 0}, {5, 5, 1}};
  return c;
}

std::vector<Point> AllPoints(const Config& config) {
  std::vector<Point> train;
  std::vector<Point> test;
  const Status status = GenerateData(config, &train, &test);
  EXPECT_TRUE(status.ok()) << status.message();
  train.insert(train.end(), test.begin(), test.end());
  return train;
}

std::map<float, int> LabelCounts(const std::vector<Point>& points) {
  std::map<float, int> counts;
  for (const Point& p : points) ++counts[p.label];
  return counts;
}

bool SamePoints(const std::vector<Point>& a, const std::vector<Point>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].x1 != b[i].x1 || a[i].x2 != b[i].x2 || a[i].label != b[i].label) return false;
  }
  return true;
}

const Dataset kGenerated[] = {
    Dataset::kCircle, Dataset::kXor,   Dataset::kGauss,        Dataset::kSpiral,  Dataset::kRegPlane,
    Dataset::kRegGauss, Dataset::kMoons, Dataset::kCheckerboard, Dataset::kSpiral3,
};

TEST(Data, SameSeedSamePointsOtherSeedOtherPoints) {
  for (Dataset d : kGenerated) {
    SCOPED_TRACE(DatasetName(d));
    const Config config = ConfigFor(d, 300, 20);
    EXPECT_TRUE(SamePoints(AllPoints(config), AllPoints(config)));
    EXPECT_FALSE(SamePoints(AllPoints(config), AllPoints(ConfigFor(d, 300, 20, 2))));
  }
}

// Golden values, written down from a native run: the same test passes in the
// WebAssembly build, which is what "one seed, the same data natively and in
// WASM" requires (our PCG32, Box-Muller in double, sin/cos rounded once).
TEST(Data, GoldenPointsAreTheSameOnEveryPlatform) {
  Config spiral = ConfigFor(Dataset::kSpiral3, 300, 10, 42);
  std::vector<Point> train;
  std::vector<Point> test;
  ASSERT_TRUE(GenerateData(spiral, &train, &test).ok());
  const Point expected_train[3] = {
      {0x1.4f5efp-1f, 0x1.04342ap-3f, 0}, {0x1.d019fp+1f, -0x1.37027cp-1f, 0}, {0x1.1edd3cp+0f, 0x1.9e5528p-1f, 2}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(train[i].x1, expected_train[i].x1) << i;
    EXPECT_EQ(train[i].x2, expected_train[i].x2) << i;
    EXPECT_EQ(train[i].label, expected_train[i].label) << i;
  }
  EXPECT_EQ(test[0].x1, -0x1.5cc634p+1f);
  EXPECT_EQ(test[0].x2, -0x1.3c2a74p+1f);
  Config gauss = ConfigFor(Dataset::kGauss, 500, 25, 7);
  ASSERT_TRUE(GenerateData(gauss, &train, &test).ok());
  EXPECT_EQ(train[0].x1, 0x1.2de652p+2f);
  EXPECT_EQ(train[0].x2, 0x1.e11a16p-1f);
  EXPECT_EQ(train[0].label, 1.0f);
}

TEST(Data, NetworkAndOptimiserSettingsDoNotChangeTheData) {
  const Config base = ConfigFor(Dataset::kSpiral, 200, 10);
  Config other = base;
  other.hidden = {8, 8, 8};
  other.activations.assign(3, Act::kTanh);
  other.init = Init::kXavierNormal;
  other.learningRate = 0.5f;
  other.batchSize = 3;
  EXPECT_TRUE(SamePoints(AllPoints(base), AllPoints(other)));
}

TEST(Data, SizesAndSplit) {
  for (Dataset d : kGenerated) {
    for (int n : {10, 11, 501, 2000}) {
      for (float ratio : {0.1f, 0.5f, 0.73f, 0.9f}) {
        Config c = ConfigFor(d, n);
        c.trainRatio = ratio;
        std::vector<Point> train;
        std::vector<Point> test;
        ASSERT_TRUE(GenerateData(c, &train, &test).ok());
        EXPECT_EQ(train.size() + test.size(), static_cast<size_t>(n)) << DatasetName(d);
        EXPECT_EQ(train.size(), static_cast<size_t>(std::lround(n * static_cast<double>(ratio))));
      }
    }
  }
}

TEST(Data, EveryGeneratedPointIsOnThePlane) {
  for (Dataset d : kGenerated) {
    for (float noise : {0.0f, 50.0f}) {
      for (const Point& p : AllPoints(ConfigFor(d, 2000, noise))) {
        ASSERT_TRUE(std::fabs(p.x1) <= kDomain && std::fabs(p.x2) <= kDomain) << DatasetName(d);
        ASSERT_TRUE(std::isfinite(p.label));
      }
    }
  }
}

TEST(Data, ClassLabelsAreBalancedBeforeNoise) {
  const auto expect_balanced = [](Dataset d, int classes, int n) {
    const std::map<float, int> counts = LabelCounts(AllPoints(ConfigFor(d, n)));
    ASSERT_EQ(counts.size(), static_cast<size_t>(classes)) << DatasetName(d);
    int label = 0;
    for (const auto& [value, count] : counts) {
      EXPECT_EQ(value, static_cast<float>(label++)) << DatasetName(d);
      EXPECT_LE(std::abs(count - n / classes), 1) << DatasetName(d);
    }
  };
  for (Dataset d : {Dataset::kCircle, Dataset::kGauss, Dataset::kSpiral, Dataset::kMoons}) expect_balanced(d, 2, 501);
  expect_balanced(Dataset::kSpiral3, 3, 500);
  // XOR and the checkerboard draw positions uniformly: both classes, roughly half each.
  for (Dataset d : {Dataset::kXor, Dataset::kCheckerboard}) {
    const std::map<float, int> counts = LabelCounts(AllPoints(ConfigFor(d, 2000)));
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_NEAR(counts.at(0), 1000, 150) << DatasetName(d);
  }
}

TEST(Data, TrainingSetIsShuffled) {
  std::vector<Point> train;
  std::vector<Point> test;
  ASSERT_TRUE(GenerateData(ConfigFor(Dataset::kSpiral3, 600), &train, &test).ok());
  int label_changes = 0;
  for (size_t i = 1; i < train.size(); ++i) label_changes += train[i].label != train[i - 1].label;
  // Unshuffled, the classes come in 3 runs; shuffled, about 2/3 of neighbours differ.
  EXPECT_GT(label_changes, static_cast<int>(train.size()) / 2);
}

TEST(Data, CircleClassIsDecidedByRadius) {
  for (const Point& p : AllPoints(ConfigFor(Dataset::kCircle, 1000))) {
    const double r = std::hypot(p.x1, p.x2);
    const bool inside = r <= 2.5 + 1e-5;
    const bool in_ring = r >= 3.5 - 1e-5 && r <= 5 + 1e-5;
    EXPECT_TRUE(p.label == 1 ? inside : in_ring) << r;
  }
  // With noise the label is read off a perturbed point: some cross the gap.
  int flipped = 0;
  for (const Point& p : AllPoints(ConfigFor(Dataset::kCircle, 1000, 50))) {
    flipped += (std::hypot(p.x1, p.x2) < 2.5) != (p.label == 1);
  }
  EXPECT_GT(flipped, 20);
}

TEST(Data, XorClassIsTheSignOfTheProduct) {
  for (const Point& p : AllPoints(ConfigFor(Dataset::kXor, 1000))) {
    EXPECT_EQ(p.label, p.x1 * p.x2 >= 0 ? 1.0f : 0.0f);
    EXPECT_GE(std::fabs(p.x1), 0.3f - 1e-6f);  // kept off the axes
    EXPECT_GE(std::fabs(p.x2), 0.3f - 1e-6f);
  }
  int flipped = 0;
  for (const Point& p : AllPoints(ConfigFor(Dataset::kXor, 1000, 30))) flipped += (p.x1 * p.x2 >= 0) != (p.label == 1);
  EXPECT_GT(flipped, 10);
}

TEST(Data, GaussClustersSitAtPlusMinusTwo) {
  for (float noise : {0.0f, 50.0f}) {
    double sum[2][2] = {{0, 0}, {0, 0}};
    double square[2] = {0, 0};
    int count[2] = {0, 0};
    for (const Point& p : AllPoints(ConfigFor(Dataset::kGauss, 4000, noise))) {
      const int c = static_cast<int>(p.label);
      sum[c][0] += p.x1;
      sum[c][1] += p.x2;
      square[c] += (p.x1 - (c == 1 ? 2 : -2)) * (p.x1 - (c == 1 ? 2 : -2));
      ++count[c];
    }
    for (int c = 0; c < 2; ++c) {
      const double centre = c == 1 ? 2 : -2;
      EXPECT_NEAR(sum[c][0] / count[c], centre, 0.15);
      EXPECT_NEAR(sum[c][1] / count[c], centre, 0.15);
    }
    // Variance 0.5 without noise, 4 at 50% (a little less: clipped to the plane).
    const double variance = square[1] / count[1];
    EXPECT_NEAR(variance, noise == 0 ? 0.5 : 3.8, noise == 0 ? 0.06 : 0.4);
  }
}

// Arm c of k: the point at radius r has angle 1.75 * 2pi * r/5 + 2pi c/k
// (TensorFlow Playground's spiral, positions as r * (sin t, cos t)).
void ExpectOnArms(Dataset d, int classes) {
  for (const Point& p : AllPoints(ConfigFor(d, 600))) {
    const double r = std::hypot(p.x1, p.x2);
    ASSERT_LE(r, 5 + 1e-5);
    const int arm = classes == 2 ? 1 - static_cast<int>(p.label) : static_cast<int>(p.label);
    const double t = 1.75 * 2 * kPi * r / 5 + 2 * kPi * arm / classes;
    EXPECT_NEAR(p.x1, r * std::sin(t), 1e-3) << DatasetName(d);
    EXPECT_NEAR(p.x2, r * std::cos(t), 1e-3) << DatasetName(d);
  }
}

TEST(Data, SpiralsFollowTheirArms) {
  ExpectOnArms(Dataset::kSpiral, 2);
  ExpectOnArms(Dataset::kSpiral3, 3);
  // Noise moves the points off the arm, by at most 0.5 at 50%.
  double largest = 0;
  for (const Point& p : AllPoints(ConfigFor(Dataset::kSpiral, 600, 50))) {
    const double r = std::hypot(p.x1, p.x2);
    largest = std::max(largest, r);
  }
  EXPECT_GT(largest, 5.0);
  EXPECT_LE(largest, 5.0 + 0.5 * std::sqrt(2.0) + 1e-5);
}

TEST(Data, RegressionPlaneTarget) {
  for (const Point& p : AllPoints(ConfigFor(Dataset::kRegPlane, 1000))) {
    EXPECT_NEAR(p.label, (p.x1 + p.x2) / 10, 1e-6);
    EXPECT_LE(std::fabs(p.label), 1.2f + 1e-6f);
  }
}

TEST(Data, RegressionGaussTarget) {
  int positive = 0;
  int negative = 0;
  for (const Point& p : AllPoints(ConfigFor(Dataset::kRegGauss, 2000))) {
    ASSERT_LE(std::fabs(p.label), 1.0f);
    positive += p.label > 0.5f;
    negative += p.label < -0.5f;
    // Near the bump at (-4, 2.5) (height +1) the target is high and positive.
    if (std::hypot(p.x1 + 4, p.x2 - 2.5) < 0.5) {
      EXPECT_GT(p.label, 0.74f);
    }
    if (std::hypot(p.x1, p.x2 - 2.5) < 0.5) {
      EXPECT_LT(p.label, -0.74f);
    }
    // Farther than 2 from every bump the target is 0.
    bool far = true;
    for (double bx : {-4.0, 0.0, 4.0}) {
      for (double by : {-2.5, 2.5}) far = far && std::hypot(p.x1 - bx, p.x2 - by) > 2;
    }
    if (far) {
      EXPECT_EQ(p.label, 0.0f);
    }
  }
  EXPECT_GT(positive, 20);
  EXPECT_GT(negative, 20);
}

TEST(Data, MoonsAreTwoHalfCircles) {
  for (const Point& p : AllPoints(ConfigFor(Dataset::kMoons, 600))) {
    // Back to the unit moons: class 0 is the upper arc of the unit circle, class 1
    // the lower arc of the unit circle centred at (1, 0.5).
    const double u1 = p.x1 / 3.5 + 0.5;
    const double u2 = p.x2 / 3.5 + 0.25;
    if (p.label == 0) {
      EXPECT_NEAR(std::hypot(u1, u2), 1, 1e-5);
      EXPECT_GE(u2, -1e-5);
    } else {
      EXPECT_NEAR(std::hypot(u1 - 1, u2 - 0.5), 1, 1e-5);
      EXPECT_LE(u2, 0.5 + 1e-5);
    }
  }
}

TEST(Data, CheckerboardClassIsTheParityOfTheCell) {
  std::set<int> cells;
  for (const Point& p : AllPoints(ConfigFor(Dataset::kCheckerboard, 2000))) {
    const int column = static_cast<int>(std::floor((p.x1 + 6) / 3));
    const int row = static_cast<int>(std::floor((p.x2 + 6) / 3));
    EXPECT_EQ(p.label, static_cast<float>((column + row) % 2));
    cells.insert(row * 4 + column);
    // 0.15 away from every cell edge.
    EXPECT_GE(std::fabs(std::remainder(p.x1, 3.0)), 0.15 - 1e-5);
    EXPECT_GE(std::fabs(std::remainder(p.x2, 3.0)), 0.15 - 1e-5);
  }
  EXPECT_EQ(cells.size(), 16u);
}

TEST(Data, CustomPointsAreUsedAsGiven) {
  Config c = ConfigFor(Dataset::kCustom);
  c.trainRatio = 0.6f;
  std::vector<Point> train;
  std::vector<Point> test;
  ASSERT_TRUE(GenerateData(c, &train, &test).ok());
  EXPECT_EQ(train.size(), 3u);
  EXPECT_EQ(test.size(), 2u);
  std::vector<Point> all = train;
  all.insert(all.end(), test.begin(), test.end());
  const auto key = [](const Point& p) { return std::vector<float>{p.x1, p.x2, p.label}; };
  std::set<std::vector<float>> given;
  std::set<std::vector<float>> got;
  for (const Point& p : c.points) given.insert(key(p));
  for (const Point& p : all) got.insert(key(p));
  EXPECT_EQ(given, got);
  // Custom points are the user's: never clipped to the plane.
  c.points = {{-40, 7, 0}, {1, 1, 1}};
  c.trainRatio = 0.9f;
  ASSERT_TRUE(GenerateData(c, &train, &test).ok());
  EXPECT_EQ(train.size(), 1u);  // two points: one to train on, one to test
  EXPECT_EQ(test.size(), 1u);
}

TEST(Data, InvalidConfigIsRefused) {
  Config c;
  c.numSamples = 5;
  std::vector<Point> train;
  std::vector<Point> test;
  const Status status = GenerateData(c, &train, &test);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "numSamples: 5 is outside the allowed range [10, 20000]");
  EXPECT_FALSE(GenerateData(Config{}, nullptr, &test).ok());
}

TEST(Data, NumClasses) {
  EXPECT_EQ(NumClasses(ConfigFor(Dataset::kCircle)), 2);
  EXPECT_EQ(NumClasses(ConfigFor(Dataset::kRegGauss)), 1);
  EXPECT_EQ(NumClasses(ConfigFor(Dataset::kSpiral3)), 3);
  Config c = ConfigFor(Dataset::kMoons);
  c.problem = Problem::kMulticlass;
  EXPECT_EQ(NumClasses(c), 2);
  c.dataset = Dataset::kCustom;
  c.points = {{0, 0, 6}, {0, 0, 0}};
  EXPECT_EQ(NumClasses(c), 7);
  c.points = {{0, 0, 1e30f}};  // unvalidated: still a sane count
  EXPECT_EQ(NumClasses(c), kMaxClasses);
}

TEST(Features, InTheOrderOfTheBits) {
  float out[kFeatureCount] = {};
  ComputeFeatures((1u << kFeatureCount) - 1, 2.0f, -3.0f, out);
  EXPECT_EQ(out[0], 2.0f);
  EXPECT_EQ(out[1], -3.0f);
  EXPECT_EQ(out[2], 4.0f);
  EXPECT_EQ(out[3], 9.0f);
  EXPECT_EQ(out[4], -6.0f);
  EXPECT_FLOAT_EQ(out[5], static_cast<float>(std::sin(2.0)));
  EXPECT_FLOAT_EQ(out[6], static_cast<float>(std::sin(-3.0)));

  float subset[3] = {-1, -1, -1};
  ComputeFeatures(kFeatSinX2 | kFeatX1Squared, 2.0f, -3.0f, subset);
  EXPECT_EQ(subset[0], 4.0f);
  EXPECT_FLOAT_EQ(subset[1], static_cast<float>(std::sin(-3.0)));
  EXPECT_EQ(subset[2], -1.0f);  // only NumInputs values are written
}

}  // namespace
}  // namespace relu
