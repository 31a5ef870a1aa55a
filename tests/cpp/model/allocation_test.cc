// A training step allocates nothing: the buffers are sized when the network
// or the batch size changes. Counted by replacing the global operator new in
// this test executable (only counted; allocation is otherwise unchanged).
// Eigen's own blocked products for large layers allocate through malloc and
// are outside this count; small layers use its coefficient-wise product,
// which does not allocate.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "model_test_util.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* block = std::malloc(size ? size : 1)) return block;
  std::abort();  // a test binary out of memory: nothing to recover
}
void operator delete(void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }

namespace relu::testing {
namespace {

Config SmallDeepConfig() {
  Config config;
  config.dataset = Dataset::kSpiral;
  config.numSamples = 500;
  config.hidden.assign(6, 8);
  config.activations = {Act::kRelu, Act::kPrelu, Act::kLeakyRelu,
                        Act::kElu,  Act::kTanh,  Act::kRelu};
  config.preluPerUnit = true;
  config.optimizer = Optimizer::kAdam;
  config.clipNorm = 1.0f;
  config.l1 = 1e-4f;
  config.batchSize = 10;
  return config;
}

TEST(Allocation, StepsEvaluationAndGridAllocateNothing) {
  auto trainer = MustCreate(SmallDeepConfig());
  std::vector<float> grid(trainer->gridNodeCount(true) * 100 * 100);
  ASSERT_TRUE(trainer->Step(1).ok());
  trainer->Evaluate();
  const long before = g_allocations.load();
  ASSERT_TRUE(trainer->Step(60).ok());  // across two epoch boundaries (25 steps each)
  trainer->Evaluate();
  ASSERT_TRUE(trainer->EvalGrid(100, true, grid.data(), grid.size()).ok());
  EXPECT_EQ(g_allocations.load(), before);
}

TEST(Allocation, TheCounterSeesAllocations) {
  const long before = g_allocations.load();
  auto trainer = MustCreate(SmallDeepConfig());
  EXPECT_GT(g_allocations.load(), before);
}

}  // namespace
}  // namespace relu::testing
