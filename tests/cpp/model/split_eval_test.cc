// Trainer::EvaluateWithin and EvalGridWithin: a full pass or a grid split
// into pieces gives exactly what Evaluate and EvalGrid give, each call runs
// the pieces its budget allows, and a change of weights drops a pass under way.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "model/cost.h"
#include "model/network.h"
#include "model_test_util.h"

namespace relu::testing {
namespace {

// Layers of 200 units: wide enough that a piece is narrower than the
// evaluation chunk (200 x 200 x 2 operations a sample), small enough to be quick.
Config WideConfig() {
  Config config = SmallTrainerConfig();
  config.dataset = Dataset::kSpiral3;
  config.problem = Problem::kMulticlass;
  config.numSamples = 900;
  config.hidden = {200, 200};
  config.activations = {Act::kRelu, Act::kPrelu};
  config.preluPerUnit = true;
  config.batchSize = 50;
  return config;
}

NetworkLayout LayoutOf(const Trainer& trainer) {
  return MakeLayout(trainer.config(), trainer.layerInputs(0),
                    trainer.layerOutputs(trainer.layerCount() - 1));
}

int PieceColumns(const Trainer& trainer) {
  const NetworkLayout layout = LayoutOf(trainer);
  return EvalPieceColumns(layout, EvalChunk(layout));
}

int Chunks(size_t count, int columns) {
  return static_cast<int>((count + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns));
}

// Bit for bit, NaN included.
bool Same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void ExpectSameEvaluation(const Metrics& a, const Metrics& b) {
  EXPECT_TRUE(Same(a.trainLoss, b.trainLoss)) << a.trainLoss << " vs " << b.trainLoss;
  EXPECT_TRUE(Same(a.testLoss, b.testLoss)) << a.testLoss << " vs " << b.testLoss;
  EXPECT_TRUE(Same(a.trainAccuracy, b.trainAccuracy));
  EXPECT_TRUE(Same(a.testAccuracy, b.testAccuracy));
  ASSERT_EQ(a.layers.size(), b.layers.size());
  for (size_t l = 0; l < a.layers.size(); ++l) {
    EXPECT_TRUE(Same(a.layers[l].preMean, b.layers[l].preMean)) << "layer " << l;
    EXPECT_TRUE(Same(a.layers[l].preStd, b.layers[l].preStd)) << "layer " << l;
    EXPECT_TRUE(Same(a.layers[l].actMean, b.layers[l].actMean)) << "layer " << l;
    EXPECT_TRUE(Same(a.layers[l].actStd, b.layers[l].actStd)) << "layer " << l;
    EXPECT_TRUE(Same(a.layers[l].sparsity, b.layers[l].sparsity)) << "layer " << l;
    EXPECT_EQ(a.layers[l].deadUnits, b.layers[l].deadUnits) << "layer " << l;
    EXPECT_EQ(a.layers[l].histogram, b.layers[l].histogram) << "layer " << l;
  }
}

// Runs a whole pass through EvaluateWithin(budget); returns the number of calls.
int SplitEvaluate(Trainer* trainer, double budget) {
  int calls = 0;
  bool finished = false;
  while (!finished && calls < 1000000) {
    EXPECT_TRUE(trainer->EvaluateWithin(budget, &finished).ok());
    ++calls;
  }
  return calls;
}

int SplitGrid(Trainer* trainer, int n, bool hidden, std::vector<float>* out, double budget) {
  int calls = 0;
  bool finished = false;
  while (!finished && calls < 1000000) {
    EXPECT_TRUE(trainer->EvalGridWithin(n, hidden, out->data(), out->size(), budget, &finished).ok());
    ++calls;
  }
  return calls;
}

TEST(SplitEvaluate, WideLayersMakeNarrowPiecesWithinThePieceCost) {
  auto trainer = MustCreate(WideConfig());
  const NetworkLayout layout = LayoutOf(*trainer);
  const int columns = PieceColumns(*trainer);
  EXPECT_LT(columns, EvalChunk(layout));
  EXPECT_GE(columns, 1);
  for (const LayerLayout& layer : layout.layers) {
    EXPECT_LE(LayerForwardFlops(layer, columns), kEvalPieceFlops);
  }
  // The default-sized network keeps its whole chunk: its evaluation is unchanged.
  auto small = MustCreate(SmallTrainerConfig());
  EXPECT_EQ(PieceColumns(*small), EvalChunk(LayoutOf(*small)));
}

TEST(SplitEvaluate, OnePiecePerCallIsBitIdenticalToEvaluate) {
  const Config config = WideConfig();
  auto whole = MustCreate(config);
  auto split = MustCreate(config);
  ASSERT_TRUE(whole->Step(3).ok());
  ASSERT_TRUE(split->Step(3).ok());
  whole->Evaluate();
  // A budget of one operation: every call runs exactly one piece, one layer
  // over one chunk of a set.
  const int columns = PieceColumns(*split);
  const int layers = split->layerCount();
  const int expected = layers * (Chunks(split->trainPoints().size(), columns) +
                                 Chunks(split->testPoints().size(), columns));
  EXPECT_EQ(SplitEvaluate(split.get(), 1), expected);
  EXPECT_FALSE(split->evaluationInProgress());
  ExpectSameEvaluation(whole->metrics(), split->metrics());
}

TEST(SplitEvaluate, ABudgetOfOneLayerOverTheWholeSetIsOneCallPerLayerAndSet) {
  // Small network, whole chunk per piece: each call stops at the first piece
  // that reaches the budget.
  const Config config = SmallTrainerConfig();
  auto whole = MustCreate(config);
  auto split = MustCreate(config);
  whole->Evaluate();
  const int columns = PieceColumns(*split);
  ASSERT_GE(static_cast<size_t>(columns), split->trainPoints().size());
  EXPECT_EQ(SplitEvaluate(split.get(), 1), split->layerCount() * 2);
  ExpectSameEvaluation(whole->metrics(), split->metrics());
  // An unlimited budget is one call.
  auto once = MustCreate(config);
  EXPECT_EQ(SplitEvaluate(once.get(), std::numeric_limits<double>::infinity()), 1);
  ExpectSameEvaluation(whole->metrics(), once->metrics());
}

TEST(SplitEvaluate, MetricsKeepThePreviousPassUntilTheLastPiece) {
  auto trainer = MustCreate(WideConfig());
  bool finished = true;
  ASSERT_TRUE(trainer->EvaluateWithin(1, &finished).ok());
  EXPECT_FALSE(finished);
  EXPECT_TRUE(trainer->evaluationInProgress());
  EXPECT_TRUE(std::isnan(trainer->metrics().trainLoss));  // no pass has finished yet
  EXPECT_EQ(trainer->metrics().layers[0].histogram, std::vector<uint32_t>(kHistogramBins, 0u));
}

TEST(SplitEvaluate, AStepBetweenPiecesStartsThePassAfresh) {
  const Config config = WideConfig();
  auto reference = MustCreate(config);
  auto split = MustCreate(config);
  bool finished = false;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(split->EvaluateWithin(1, &finished).ok());
  ASSERT_FALSE(finished);
  ASSERT_TRUE(split->Step(1).ok());
  EXPECT_FALSE(split->evaluationInProgress());
  ASSERT_TRUE(reference->Step(1).ok());
  reference->Evaluate();
  const int columns = PieceColumns(*split);
  const int full = split->layerCount() * (Chunks(split->trainPoints().size(), columns) +
                                          Chunks(split->testPoints().size(), columns));
  EXPECT_EQ(SplitEvaluate(split.get(), 1), full);  // from the start, not from piece 4
  ExpectSameEvaluation(reference->metrics(), split->metrics());
}

TEST(SplitEvaluate, WeightEditsAndLiveChangesDropThePass) {
  auto trainer = MustCreate(WideConfig());
  bool finished = false;
  ASSERT_TRUE(trainer->EvaluateWithin(1, &finished).ok());
  ASSERT_TRUE(trainer->SetWeight(0, 0, 0, 0.5f).ok());
  EXPECT_FALSE(trainer->evaluationInProgress());
  ASSERT_TRUE(trainer->EvaluateWithin(1, &finished).ok());
  Config live = trainer->config();
  live.learningRate *= 0.5f;
  ASSERT_TRUE(trainer->Configure(live).ok());
  EXPECT_FALSE(trainer->evaluationInProgress());
  ASSERT_TRUE(trainer->EvaluateWithin(1, &finished).ok());
  trainer->Reset();
  EXPECT_FALSE(trainer->evaluationInProgress());
}

TEST(SplitEvaluate, RefusesABudgetThatIsNotPositive) {
  auto trainer = MustCreate(SmallTrainerConfig());
  bool finished = true;
  EXPECT_FALSE(trainer->EvaluateWithin(0, &finished).ok());
  EXPECT_FALSE(finished);
  EXPECT_FALSE(trainer->EvaluateWithin(std::nan(""), &finished).ok());
}

TEST(SplitGrid, OnePiecePerCallIsBitIdenticalToEvalGrid) {
  const Config config = WideConfig();
  auto trainer = MustCreate(config);
  ASSERT_TRUE(trainer->Step(2).ok());
  for (const bool hidden : {false, true}) {
    const int n = 37;  // not a multiple of the piece width: a short last chunk
    const size_t floats = trainer->gridNodeCount(hidden) * n * n;
    std::vector<float> whole(floats, -1.0f), split(floats, -2.0f);
    ASSERT_TRUE(trainer->EvalGrid(n, hidden, whole.data(), whole.size()).ok());
    const int expected = trainer->layerCount() * Chunks(static_cast<size_t>(n) * n, PieceColumns(*trainer));
    EXPECT_EQ(SplitGrid(trainer.get(), n, hidden, &split, 1), expected) << "hidden " << hidden;
    EXPECT_EQ(std::memcmp(whole.data(), split.data(), floats * sizeof(float)), 0) << "hidden " << hidden;
  }
}

TEST(SplitGrid, AnotherRequestOrAStepStartsAfresh) {
  auto trainer = MustCreate(WideConfig());
  const int n = 20;
  const size_t floats = trainer->gridNodeCount(false) * n * n;
  std::vector<float> out(floats), other(floats);
  const int full = trainer->layerCount() * Chunks(static_cast<size_t>(n) * n, PieceColumns(*trainer));
  ASSERT_GT(full, 2);
  bool finished = false;
  ASSERT_TRUE(trainer->EvalGridWithin(n, false, out.data(), out.size(), 1, &finished).ok());
  // Another buffer: a different request, from its first piece.
  EXPECT_EQ(SplitGrid(trainer.get(), n, false, &other, 1), full);
  ASSERT_TRUE(trainer->EvalGridWithin(n, false, out.data(), out.size(), 1, &finished).ok());
  ASSERT_TRUE(trainer->Step(1).ok());
  EXPECT_EQ(SplitGrid(trainer.get(), n, false, &out, 1), full);
  std::vector<float> whole(floats);
  ASSERT_TRUE(trainer->EvalGrid(n, false, whole.data(), whole.size()).ok());
  EXPECT_EQ(whole, out);
}

TEST(SplitGrid, ChecksItsArguments) {
  auto trainer = MustCreate(SmallTrainerConfig());
  std::vector<float> out(trainer->gridNodeCount(false) * 4);
  bool finished = true;
  EXPECT_FALSE(trainer->EvalGridWithin(1, false, out.data(), out.size(), 1, &finished).ok());
  EXPECT_FALSE(trainer->EvalGridWithin(2, false, out.data(), out.size() - 1, 1, &finished).ok());
  EXPECT_FALSE(trainer->EvalGridWithin(2, false, out.data(), out.size(), 0, &finished).ok());
  EXPECT_FALSE(finished);
  EXPECT_TRUE(trainer->EvalGridWithin(2, false, out.data(), out.size(), 1e12, &finished).ok());
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace relu::testing
