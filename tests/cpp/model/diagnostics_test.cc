// Evaluate's statistics on a handcrafted network, whose every activation is
// known, and the grid's layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "model/data.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

// Features x1, x2 -> 3 ReLU units -> tanh head:
//   unit 0: z = -1       (always 0: dead)
//   unit 1: z = x1       (0 for x1 <= 0)
//   unit 2: z = 1        (always 1)
//   output: z = a0 + a1 + a2 - 1.5
std::unique_ptr<Trainer> HandcraftedTrainer() {
  Config config;
  config.dataset = Dataset::kCustom;
  for (int i = 0; i < 12; ++i) {
    const float x1 = static_cast<float>(i) - 5.5f;  // -5.5 .. 5.5
    config.points.push_back(Point{x1, 0.25f * static_cast<float>(i % 3), i % 2 ? 1.0f : 0.0f});
  }
  config.hidden = {3};
  config.activations = {Act::kRelu};
  config.trainRatio = 0.5f;
  auto trainer = MustCreate(config);
  std::vector<float> params(trainer->paramCount(), 0.0f);
  EXPECT_EQ(params.size(), size_t{6 + 3 + 3 + 1});
  params[0 * 3 + 1] = 1.0f;  // W0[1, x1]; W0 is [3 x 2] column-major
  params[6] = -1.0f;         // b0
  params[8] = 1.0f;
  params[9] = params[10] = params[11] = 1.0f;  // W1
  params[12] = -1.5f;                          // b1
  EXPECT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  return trainer;
}

TEST(Diagnostics, HandcraftedLayerStatistics) {
  auto trainer = HandcraftedTrainer();
  trainer->Evaluate();
  const std::vector<Point>& train = trainer->trainPoints();
  const double n = static_cast<double>(train.size());
  double x1_sum = 0, relu_sum = 0, relu_squares = 0, x1_squares = 0;
  int non_positive = 0;
  for (const Point& p : train) {
    x1_sum += p.x1;
    x1_squares += p.x1 * p.x1;
    relu_sum += std::max(0.0f, p.x1);
    relu_squares += std::max(0.0f, p.x1) * std::max(0.0f, p.x1);
    non_positive += p.x1 <= 0;
  }
  const LayerDiagnostics& hidden = trainer->metrics().layers[0];
  EXPECT_EQ(hidden.units, 3);
  EXPECT_EQ(hidden.activation, "relu");
  EXPECT_EQ(hidden.deadUnits, 1);
  EXPECT_EQ(hidden.deadMask, (std::vector<uint32_t>{1, 0, 0}));
  EXPECT_EQ(hidden.saturatedUnits, 0);  // ReLU units never count as saturated
  EXPECT_EQ(hidden.saturatedMask, (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_FLOAT_EQ(hidden.sparsity, static_cast<float>((n + non_positive) / (3 * n)));
  const double pre_mean = x1_sum / (3 * n);  // -1 and +1 cancel
  EXPECT_NEAR(hidden.preMean, pre_mean, 1e-6);
  EXPECT_NEAR(hidden.preStd, std::sqrt((2 * n + x1_squares) / (3 * n) - pre_mean * pre_mean), 1e-5);
  const double act_mean = (relu_sum + n) / (3 * n);
  EXPECT_NEAR(hidden.actMean, act_mean, 1e-6);
  EXPECT_NEAR(hidden.actStd, std::sqrt((relu_squares + n) / (3 * n) - act_mean * act_mean), 1e-5);

  // Histogram: every activation counted once; the dead unit's zeros in the
  // bin of 0, the constant unit's ones in the bin of 1.
  const std::vector<uint32_t>& histogram = hidden.histogram;
  ASSERT_EQ(histogram.size(), static_cast<size_t>(kHistogramBins));
  EXPECT_EQ(std::accumulate(histogram.begin(), histogram.end(), 0u), 3 * train.size());
  const auto bin = [](float v) {
    return static_cast<int>((v - kHistogramMin) / (kHistogramMax - kHistogramMin) * kHistogramBins);
  };
  std::vector<uint32_t> expected(kHistogramBins, 0);
  for (const Point& p : train) {
    ++expected[bin(0.0f)];
    ++expected[bin(1.0f)];
    ++expected[std::min(kHistogramBins - 1,
                        bin(std::max(0.0f, p.x1)))];  // 5.5 clamps to the last bin
  }
  EXPECT_EQ(histogram, expected);

  // Output layer: the tanh head; loss and accuracy by hand.
  const LayerDiagnostics& output = trainer->metrics().layers[1];
  EXPECT_EQ(output.activation, "tanh");
  double loss = 0;
  int correct = 0;
  for (const Point& p : train) {
    const double y = std::tanh(std::max(0.0f, p.x1) + 1.0 - 1.5);
    const double t = p.label > 0.5f ? 1.0 : -1.0;
    loss += 0.5 * (y - t) * (y - t);
    correct += (y > 0) == (t > 0);
  }
  EXPECT_NEAR(trainer->metrics().trainLoss, loss / n, 1e-6);
  EXPECT_DOUBLE_EQ(trainer->metrics().trainAccuracy, correct / n);
  EXPECT_TRUE(std::isfinite(trainer->metrics().testLoss));
  EXPECT_EQ(output.deadUnits, 0);
}

// Features x1, x2 -> 4 units of `act`, whose pre-activations are known:
//   unit 0: z = 10          (always at the upper limit)
//   unit 1: z = -10         (always at the lower limit)
//   unit 2: z = 0           (in the middle)
//   unit 3: z = 10 x1 - 10  (at a limit but for x1 near 1: 90% of all the points)
std::unique_ptr<Trainer> BoundedLayerTrainer(Act act) {
  Config config;
  config.dataset = Dataset::kCustom;
  for (int i = 0; i < 40; ++i) {
    const float x1 = 0.5f * static_cast<float>(i % 20) - 4.75f;
    config.points.push_back(Point{x1, 0.0f, i % 2 ? 1.0f : 0.0f});
  }
  config.hidden = {4};
  config.activations = {act};
  config.trainRatio = 0.5f;
  auto trainer = MustCreate(config);
  std::vector<float> params(trainer->paramCount(), 0.0f);
  EXPECT_EQ(params.size(), size_t{8 + 4 + 4 + 1});
  params[3] = 10.0f;  // W0[3, x1]; W0 is [4 x 2] column-major
  const float biases[4] = {10.0f, -10.0f, 0.0f, -10.0f};
  std::copy(biases, biases + 4, params.begin() + 8);
  EXPECT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  trainer->Evaluate();
  return trainer;
}

TEST(Diagnostics, SaturatedSigmoidAndTanhUnits) {
  for (Act act : {Act::kSigmoid, Act::kTanh}) {
    auto trainer = BoundedLayerTrainer(act);
    const LayerDiagnostics& layer = trainer->metrics().layers[0];
    // Unit 3 by hand: its share of training samples within 2% of the range
    // from a limit, against the 95% that makes it saturated.
    const bool is_tanh = act == Act::kTanh;
    int near_limit = 0;
    for (const Point& p : trainer->trainPoints()) {
      const double z = 10.0 * p.x1 - 10.0;
      const double y = is_tanh ? std::tanh(z) : 1.0 / (1.0 + std::exp(-z));
      near_limit += is_tanh ? std::abs(y) >= 0.96 : (y <= 0.02 || y >= 0.98);
    }
    const uint32_t unit3 = near_limit >= 0.95 * static_cast<double>(trainer->trainPoints().size());
    EXPECT_EQ(layer.saturatedMask, (std::vector<uint32_t>{1, 1, 0, unit3})) << layer.activation;
    EXPECT_EQ(layer.saturatedUnits, static_cast<int>(2 + unit3)) << layer.activation;
    EXPECT_EQ(layer.deadUnits, is_tanh ? 1 : 0) << layer.activation;  // tanh(0) = 0 everywhere
  }
  auto relu = BoundedLayerTrainer(Act::kRelu);
  EXPECT_EQ(relu->metrics().layers[0].saturatedUnits, 0);
  EXPECT_EQ(relu->metrics().layers[0].deadMask, (std::vector<uint32_t>{0, 1, 1, 0}));
}

TEST(Diagnostics, RegressionHasNoAccuracy) {
  Config config = SmallTrainerConfig();
  config.dataset = Dataset::kRegPlane;
  config.problem = Problem::kRegression;
  auto trainer = MustCreate(config);
  trainer->Evaluate();
  EXPECT_TRUE(std::isfinite(trainer->metrics().trainLoss));
  EXPECT_TRUE(std::isnan(trainer->metrics().trainAccuracy));
  EXPECT_TRUE(std::isnan(trainer->metrics().testAccuracy));
  EXPECT_EQ(trainer->metrics().layers.back().activation, "linear");
}

// The diagnostics and the layer descriptions name each layer alike, the
// output layer by its head (softmax once reported itself as linear).
TEST(Diagnostics, EveryLayerNamesItsActivationOrHead) {
  struct Case {
    Problem problem;
    Dataset dataset;
    BinaryHead head;
    const char* name;
  };
  const Case cases[] = {
      {Problem::kRegression, Dataset::kRegPlane, BinaryHead::kTanhMse, "linear"},
      {Problem::kBinary, Dataset::kCircle, BinaryHead::kTanhMse, "tanh"},
      {Problem::kBinary, Dataset::kCircle, BinaryHead::kSigmoidBce, "sigmoid"},
      {Problem::kMulticlass, Dataset::kSpiral3, BinaryHead::kTanhMse, "softmax"},
  };
  for (const Case& c : cases) {
    Config config = SmallTrainerConfig();
    config.problem = c.problem;
    config.dataset = c.dataset;
    config.binaryHead = c.head;
    config.activations = {Act::kPrelu, Act::kElu};
    auto trainer = MustCreate(config);
    const std::vector<LayerDiagnostics>& layers = trainer->metrics().layers;
    ASSERT_EQ(layers.size(), 3u);
    EXPECT_EQ(layers[0].activation, "prelu");
    EXPECT_EQ(layers[1].activation, "elu");
    EXPECT_EQ(layers[2].activation, c.name);
    for (int l = 0; l < 3; ++l) EXPECT_EQ(trainer->layerInfo(l).activation, layers[l].activation) << c.name << l;
  }
}

// gradNorm is the gradient the optimiser gets: with L2 it holds l2 * W too.
// Same seed, same batch: ||g + l2 W|| lies within ||g|| of l2 ||W|| (triangle
// inequality), which the data gradient ||g|| alone does not when l2 ||W|| > 2 ||g||.
TEST(Diagnostics, GradNormIncludesTheRegularisationTerm) {
  Config config = SmallTrainerConfig();
  auto plain = MustCreate(config);
  config.l2 = 1.0f;
  auto regularised = MustCreate(config);
  const std::vector<LayerDiagnostics> before = regularised->metrics().layers;
  ASSERT_TRUE(plain->Step(1).ok());
  ASSERT_TRUE(regularised->Step(1).ok());
  for (size_t l = 0; l < before.size(); ++l) {
    const double data = plain->metrics().layers[l].gradNorm;
    const double penalty = config.l2 * before[l].weightNorm;
    ASSERT_GT(penalty, 2 * data) << "layer " << l << ": the check needs the penalty to dominate";
    EXPECT_LE(std::abs(regularised->metrics().layers[l].gradNorm - penalty), data * (1 + 1e-5) + 1e-6) << l;
  }
}

TEST(Diagnostics, PreluSlopesAreReportedAndLearned) {
  Config config = SmallTrainerConfig();
  config.activations = {Act::kPrelu, Act::kPrelu};
  config.preluInit = 0.2f;
  auto trainer = MustCreate(config);
  ASSERT_EQ(trainer->metrics().layers[0].preluSlopes, std::vector<float>{0.2f});
  ASSERT_TRUE(trainer->StepEpochs(3).ok());
  const float learned = trainer->metrics().layers[0].preluSlopes[0];
  EXPECT_NE(learned, 0.2f);
  EXPECT_EQ(learned, trainer->params()[trainer->biasOffset(0) + 6]);
  EXPECT_TRUE(trainer->metrics().layers[2].preluSlopes.empty());  // the output layer
}

// --- Grid ---------------------------------------------------------------------

// Two linear hidden units copying x1 and x2, and an output equal to x1.
std::unique_ptr<Trainer> IdentityTrainer() {
  Config config = SmallTrainerConfig();
  config.dataset = Dataset::kRegPlane;
  config.problem = Problem::kRegression;
  config.hidden = {2};
  config.activations = {Act::kLinear};
  auto trainer = MustCreate(config);
  std::vector<float> params(trainer->paramCount(), 0.0f);  // W0 [2x2], b0 [2], W1 [1x2], b1
  params[0] = params[3] = 1.0f;
  params[6] = 1.0f;
  EXPECT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  return trainer;
}

TEST(Grid, HiddenUnitsThenOutputsRowZeroAtTheTop) {
  auto trainer = IdentityTrainer();
  const int n = 4;
  ASSERT_EQ(trainer->gridNodeCount(true), 3u);
  ASSERT_EQ(trainer->gridNodeCount(false), 1u);
  std::vector<float> grid(3 * n * n, -99.0f);
  ASSERT_TRUE(trainer->EvalGrid(n, true, grid.data(), grid.size()).ok());
  const float centres[] = {-4.5f, -1.5f, 1.5f, 4.5f};  // pixel centres of [-6, 6] in 4
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      const float x1 = centres[col], x2 = centres[n - 1 - row];
      EXPECT_FLOAT_EQ(grid[0 * n * n + row * n + col], x1) << row << "," << col;
      EXPECT_FLOAT_EQ(grid[1 * n * n + row * n + col], x2) << row << "," << col;
      EXPECT_FLOAT_EQ(grid[2 * n * n + row * n + col], x1) << row << "," << col;
    }
  }
  std::vector<float> outputs(n * n);
  ASSERT_TRUE(trainer->EvalGrid(n, false, outputs.data(), outputs.size()).ok());
  EXPECT_TRUE(std::equal(outputs.begin(), outputs.end(), grid.begin() + 2 * n * n));
}

TEST(Grid, LargeGridsGoThroughInChunks) {
  auto trainer = IdentityTrainer();
  const int n = 512;
  std::vector<float> grid(3 * n * n);
  ASSERT_TRUE(trainer->EvalGrid(n, true, grid.data(), grid.size()).ok());
  const float pixel = 12.0f / n;
  for (float row : {0.0f, 1.0f, 255.0f, 511.0f}) {
    for (float col : {0.0f, 300.0f, 511.0f}) {
      const auto pixel_index = static_cast<size_t>(row * n + col);
      EXPECT_FLOAT_EQ(grid[pixel_index], -6.0f + (col + 0.5f) * pixel);
      EXPECT_FLOAT_EQ(grid[n * n + pixel_index], 6.0f - (row + 0.5f) * pixel);
    }
  }
}

TEST(Grid, OutputsArePostHead) {
  Config config = SmallTrainerConfig();
  config.dataset = Dataset::kSpiral3;
  config.problem = Problem::kMulticlass;
  auto softmax = MustCreate(config);
  const int n = 8;
  std::vector<float> grid(3 * n * n);
  ASSERT_TRUE(softmax->EvalGrid(n, false, grid.data(), grid.size()).ok());
  for (int p = 0; p < n * n; ++p) {
    const float total = grid[p] + grid[n * n + p] + grid[2 * n * n + p];
    EXPECT_NEAR(total, 1.0f, 1e-5f);
    EXPECT_GE(grid[p], 0.0f);
  }
  config = SmallTrainerConfig();
  config.binaryHead = BinaryHead::kSigmoidBce;
  auto sigmoid = MustCreate(config);
  ASSERT_TRUE(sigmoid->EvalGrid(n, false, grid.data(), n * n).ok());
  for (int p = 0; p < n * n; ++p) {
    EXPECT_GT(grid[p], 0.0f);
    EXPECT_LT(grid[p], 1.0f);
  }
}

// What the grid must show: the batch-major Forward and the head over the
// same pixel centres, node by node.
std::vector<float> GridByForward(const Trainer& trainer, int n) {
  const Config& config = trainer.config();
  const NetworkLayout layout = MakeLayout(config, NumInputs(config), NumOutputs(config));
  const int pixels = n * n;
  Workspace ws;
  EXPECT_TRUE(ws.Resize(layout, pixels));
  const float pixel = 2.0f * kDomain / static_cast<float>(n);
  for (int p = 0; p < pixels; ++p) {
    const float x1 = -kDomain + (static_cast<float>(p % n) + 0.5f) * pixel;
    const float x2 = kDomain - (static_cast<float>(p / n) + 0.5f) * pixel;
    ComputeFeatures(config.features, x1, x2, ws.input() + static_cast<size_t>(p) * layout.inputs);
    ws.labels()[p] = 0.0f;
  }
  const int last = static_cast<int>(layout.layers.size()) - 1;
  Forward(layout, kernels::SelectKernels(), trainer.params(), pixels, &ws);
  ApplyHead(layout.head, layout.outputs(), pixels, ws.pre(last), ws.labels(), ws.act(last), nullptr);
  std::vector<float> images;
  for (int l = 0; l <= last; ++l) {
    const int units = layout.layers[l].outputs;
    for (int u = 0; u < units; ++u) {
      for (int p = 0; p < pixels; ++p) images.push_back(ws.act(l)[u + p * units]);
    }
  }
  return images;
}

TEST(Grid, EveryNodeIsTheForwardPassAtThePixelCentres) {
  struct Case {
    const char* name;
    std::vector<int> hidden;
    std::vector<Act> activations;
    Problem problem;
    Dataset dataset;
    BinaryHead head;
    bool perUnit;
    uint32_t features;
  };
  const uint32_t all_features = (1u << kFeatureCount) - 1;
  const Case cases[] = {
      {"relu-tanh", {8, 8, 8}, {Act::kRelu, Act::kRelu, Act::kRelu}, Problem::kBinary,
       Dataset::kSpiral, BinaryHead::kTanhMse, false, kFeatX1 | kFeatX2},
      {"prelu-per-unit-sigmoid", {5, 7}, {Act::kPrelu, Act::kElu}, Problem::kBinary,
       Dataset::kXor, BinaryHead::kSigmoidBce, true, all_features},
      {"prelu-shared-linear-gelu", {9, 3, 4}, {Act::kPrelu, Act::kLinear, Act::kGelu},
       Problem::kBinary, Dataset::kCircle, BinaryHead::kTanhMse, false, kFeatX1 | kFeatX1X2},
      {"softmax", {70, 70}, {Act::kLeakyRelu, Act::kSigmoid}, Problem::kMulticlass,
       Dataset::kSpiral3, BinaryHead::kTanhMse, false, kFeatX1 | kFeatX2 | kFeatSinX2},
      {"regression", {12}, {Act::kSilu}, Problem::kRegression, Dataset::kRegPlane,
       BinaryHead::kTanhMse, false, kFeatX1 | kFeatX2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Config config = SmallTrainerConfig();
    config.hidden = c.hidden;
    config.activations = c.activations;
    config.problem = c.problem;
    config.dataset = c.dataset;
    config.binaryHead = c.head;
    config.preluPerUnit = c.perUnit;
    config.features = c.features;
    auto trainer = MustCreate(config);
    ASSERT_NE(trainer, nullptr);
    ASSERT_TRUE(trainer->Step(30).ok());  // weights, biases and slopes away from their initial values
    // 37 x 37 = 1369 pixels: more than one evaluation chunk (at most 1024
    // columns), the last one partial.
    const int n = 37;
    std::vector<float> grid(trainer->gridNodeCount(true) * n * n, -99.0f);
    ASSERT_TRUE(trainer->EvalGrid(n, true, grid.data(), grid.size()).ok());
    const std::vector<float> expected = GridByForward(*trainer, n);
    ASSERT_EQ(grid.size(), expected.size());
    int mismatches = 0;
    for (size_t i = 0; i < grid.size() && mismatches < 5; ++i) {
      const float tolerance = 2e-6f * std::max(1.0f, std::fabs(expected[i]));
      if (std::fabs(grid[i] - expected[i]) > tolerance) {
        ADD_FAILURE() << "node " << i / (n * n) << " pixel " << i % (n * n) << ": " << grid[i]
                      << " vs " << expected[i];
        ++mismatches;
      }
    }
  }
}

TEST(Grid, BadSizesAreErrors) {
  auto trainer = IdentityTrainer();
  std::vector<float> grid(3 * 513 * 513);
  EXPECT_FALSE(trainer->EvalGrid(1, true, grid.data(), grid.size()).ok());
  EXPECT_FALSE(trainer->EvalGrid(513, true, grid.data(), grid.size()).ok());
  const Status small = trainer->EvalGrid(10, true, grid.data(), 3 * 100 - 1);
  EXPECT_FALSE(small.ok());
  EXPECT_NE(small.message().find("300"), std::string::npos) << small.message();
  EXPECT_FALSE(trainer->EvalGrid(10, true, nullptr, 0).ok());
}

}  // namespace
}  // namespace relu::testing
