// The grid's activation patterns (GridRegions): networks whose regions can be
// counted by hand, the networks that have none to count, and the pass in
// pieces giving what the one-shot pass gives.
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <vector>

#include "model/regions.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

constexpr int kGrid = 64;  // pixel centres never fall on the lines below

Config PlaneConfig(std::vector<int> hidden, Act act) {
  Config config = SmallTrainerConfig();
  config.hidden = std::move(hidden);
  config.activations.assign(config.hidden.size(), act);
  return config;  // features x1, x2 (the default)
}

// First-layer unit u gets w . x + b with (w1, w2, b) = lines[u]; the rest keeps its weights.
void SetFirstLayer(Trainer* trainer, const std::vector<std::array<float, 3>>& lines) {
  std::vector<float> params(trainer->params(), trainer->params() + trainer->paramCount());
  const LayerInfo first = trainer->layerInfo(0);
  ASSERT_EQ(first.inputs, 2);
  ASSERT_EQ(static_cast<size_t>(first.outputs), lines.size());
  for (size_t u = 0; u < lines.size(); ++u) {
    const size_t rows = lines.size();  // W is [outputs x inputs], column-major
    params[first.weightOffset + u + 0 * rows] = lines[u][0];
    params[first.weightOffset + u + 1 * rows] = lines[u][1];
    params[first.biasOffset + u] = lines[u][2];
  }
  ASSERT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
}

GridRegions Regions(Trainer* trainer, int n = kGrid, bool hidden = false) {
  std::vector<float> grid(trainer->gridNodeCount(hidden) * n * n);
  GridRegions regions;
  EXPECT_TRUE(trainer->EvalGrid(n, hidden, grid.data(), grid.size(), &regions).ok());
  return regions;
}

// Pixel centres as EvalGrid places them.
float X1(int col, int n) { return -kDomain + (static_cast<float>(col) + 0.5f) * 2 * kDomain / static_cast<float>(n); }
float X2(int row, int n) { return kDomain - (static_cast<float>(row) + 0.5f) * 2 * kDomain / static_cast<float>(n); }

TEST(GridRegionsTest, TwoCrossingLinesMakeFourQuadrants) {
  auto trainer = MustCreate(PlaneConfig({2}, Act::kRelu));
  SetFirstLayer(trainer.get(), {{1, 0, 0}, {0, 1, 0}});  // x1 = 0 and x2 = 0
  const GridRegions regions = Regions(trainer.get());
  ASSERT_TRUE(regions.status.ok()) << regions.status.message();
  EXPECT_EQ(regions.count, 4);
  ASSERT_EQ(regions.ids.size(), static_cast<size_t>(kGrid * kGrid));
  // Same quadrant, same id; four quadrants, four ids.
  std::vector<int> id_of_quadrant(4, -1);
  for (int row = 0; row < kGrid; ++row) {
    for (int col = 0; col < kGrid; ++col) {
      const int quadrant = (X1(col, kGrid) > 0) + 2 * (X2(row, kGrid) > 0);
      const auto id = static_cast<int>(regions.ids[static_cast<size_t>(row) * kGrid + col]);
      if (id_of_quadrant[quadrant] < 0) id_of_quadrant[quadrant] = id;
      ASSERT_EQ(id, id_of_quadrant[quadrant]) << row << "," << col;
    }
  }
  EXPECT_EQ(std::set<int>(id_of_quadrant.begin(), id_of_quadrant.end()).size(), 4u);
  // Numbered from the top left: x1 < 0, x2 > 0 is region 0.
  EXPECT_EQ(regions.ids[0], 0u);
}

TEST(GridRegionsTest, ThreeLinesInGeneralPositionMakeSeven) {
  for (Act act : {Act::kRelu, Act::kLeakyRelu, Act::kPrelu}) {
    auto trainer = MustCreate(PlaneConfig({3}, act));
    SetFirstLayer(trainer.get(), {{1, 0, 0}, {0, 1, 0}, {1, 1, -1}});
    const GridRegions regions = Regions(trainer.get());
    ASSERT_TRUE(regions.status.ok()) << regions.status.message();
    EXPECT_EQ(regions.count, 7) << kernels::ActName(act);
    EXPECT_EQ(std::set<uint32_t>(regions.ids.begin(), regions.ids.end()).size(), 7u);
  }
}

TEST(GridRegionsTest, ALineOutsideThePlaneAddsNoRegion) {
  auto trainer = MustCreate(PlaneConfig({2}, Act::kRelu));
  SetFirstLayer(trainer.get(), {{1, 0, 0}, {1, 0, -100}});  // x1 = 100: off the grid
  EXPECT_EQ(Regions(trainer.get()).count, 2);
}

TEST(GridRegionsTest, ALinearNetworkIsOneRegion) {
  for (std::vector<int> hidden : {std::vector<int>{}, std::vector<int>{3, 3}}) {
    auto trainer = MustCreate(PlaneConfig(hidden, Act::kLinear));
    const GridRegions regions = Regions(trainer.get());
    ASSERT_TRUE(regions.status.ok()) << regions.status.message();
    EXPECT_EQ(regions.count, 1) << hidden.size() << " hidden layers";
    for (uint32_t id : regions.ids) ASSERT_EQ(id, 0u);
  }
}

TEST(GridRegionsTest, SmoothActivationsGetAStatusAndStillAGrid) {
  Config config = PlaneConfig({4, 4}, Act::kRelu);
  config.activations[1] = Act::kSigmoid;
  auto trainer = MustCreate(config);
  std::vector<float> grid(trainer->gridNodeCount(false) * kGrid * kGrid, -7.0f);
  GridRegions regions;
  regions.count = 99;
  ASSERT_TRUE(trainer->EvalGrid(kGrid, false, grid.data(), grid.size(), &regions).ok());
  EXPECT_EQ(regions.status.message(),
            "regions need piecewise-linear activations (linear, relu, leaky-relu, prelu); "
            "hidden layer 2 is sigmoid");
  EXPECT_EQ(regions.count, 0);
  EXPECT_TRUE(regions.ids.empty());
  for (float v : grid) ASSERT_NE(v, -7.0f);  // the heatmap is drawn all the same
}

TEST(GridRegionsTest, ANegativePreluSlopeIsRefusedNotMiscounted) {
  auto trainer = MustCreate(PlaneConfig({2}, Act::kPrelu));
  std::vector<float> params(trainer->params(), trainer->params() + trainer->paramCount());
  params[trainer->layerInfo(0).slopeOffset] = -0.5f;
  ASSERT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  const GridRegions regions = Regions(trainer.get());
  EXPECT_EQ(regions.status.message(),
            "regions need PReLU slopes >= 0; hidden layer 1 has learned a negative slope");
}

TEST(GridRegionsTest, DeeperLayersSplitTheFirstLayersRegions) {
  // A second-layer unit relu(relu(x1) - 1) bends at x1 = 1, inside the
  // x1 > 0 half only: it cuts the two right quadrants in two.
  auto trainer = MustCreate(PlaneConfig({2, 1}, Act::kRelu));
  SetFirstLayer(trainer.get(), {{1, 0, 0}, {0, 1, 0}});
  std::vector<float> params(trainer->params(), trainer->params() + trainer->paramCount());
  const LayerInfo second = trainer->layerInfo(1);
  params[second.weightOffset + 0] = 1.0f;  // from unit 1 (relu(x1))
  params[second.weightOffset + 1] = 0.0f;  // from unit 2
  params[second.biasOffset] = -1.0f;       // on where relu(x1) > 1, i.e. x1 > 1
  ASSERT_TRUE(trainer->SetParams(params.data(), params.size()).ok());
  EXPECT_EQ(Regions(trainer.get()).count, 6);  // the two right quadrants cut at x1 = 1
}

TEST(GridRegionsTest, InPiecesAndWithHiddenImagesTheSameAsOneShot) {
  Config config = PlaneConfig({16, 16, 16}, Act::kRelu);
  config.dataset = Dataset::kSpiral;
  auto trainer = MustCreate(config);
  ASSERT_TRUE(trainer->StepEpochs(3).ok());
  const GridRegions whole = Regions(trainer.get(), 96, false);
  ASSERT_TRUE(whole.status.ok());
  EXPECT_GT(whole.count, 10);  // a trained 3x16 network cuts the plane finely
  EXPECT_EQ(Regions(trainer.get(), 96, true).ids, whole.ids);

  std::vector<float> grid(trainer->gridNodeCount(true) * 96 * 96);
  GridRegions split;
  bool finished = false;
  int calls = 0;
  while (!finished && calls < 100000) {
    ASSERT_TRUE(trainer->EvalGridWithin(96, true, grid.data(), grid.size(), 2000, &finished, &split).ok());
    ++calls;
  }
  EXPECT_GT(calls, 3);
  EXPECT_EQ(split.count, whole.count);
  EXPECT_EQ(split.ids, whole.ids);
}

TEST(GridRegionsTest, NumberRegionsNumbersInOrderOfFirstAppearance) {
  std::vector<uint32_t> ids;
  EXPECT_EQ(NumberRegions({7, 7, 3, 9, 3, 7}, &ids), 3);
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 0, 1, 2, 1, 0}));
  EXPECT_EQ(NumberRegions({}, &ids), 0);
  EXPECT_TRUE(ids.empty());
}

TEST(GridRegionsTest, PatternKeysAreFixedAndDistinct) {
  const std::vector<uint64_t> keys = PatternKeys(1024);
  EXPECT_EQ(PatternKeys(3), std::vector<uint64_t>(keys.begin(), keys.begin() + 3));
  EXPECT_EQ(std::set<uint64_t>(keys.begin(), keys.end()).size(), keys.size());
}

}  // namespace
}  // namespace relu::testing
