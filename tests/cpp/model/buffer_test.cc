// FloatBuffer: zeroed, 64-byte aligned whatever the allocator's own alignment
// (Emscripten's malloc gives 8), and the alignment survives moves and swaps.
#include "model/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace relu::testing {
namespace {

bool On64Bytes(const float* p) { return reinterpret_cast<uintptr_t>(p) % 64 == 0; }

TEST(FloatBuffer, DataIsZeroedAndOn64ByteBoundaries) {
  // Interleaved small allocations push the heap off any lucky alignment.
  std::vector<std::vector<char>> clutter;
  std::vector<FloatBuffer> buffers;
  for (size_t n : {1, 3, 4, 5, 16, 17, 100, 1000, 4099}) {
    clutter.emplace_back(n % 7 + 1);
    FloatBuffer buffer;
    ASSERT_TRUE(buffer.Assign(n));
    ASSERT_EQ(buffer.size(), n);
    EXPECT_TRUE(On64Bytes(buffer.data())) << n;
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(buffer[i], 0.0f);
    buffer[n - 1] = 2.0f;  // the last float is ours to write
    buffers.push_back(std::move(buffer));
    EXPECT_TRUE(On64Bytes(buffers.back().data())) << n;
  }
  FloatBuffer copy;
  ASSERT_TRUE(copy.CopyFrom(buffers.back()));
  EXPECT_TRUE(On64Bytes(copy.data()));
  EXPECT_EQ(copy[copy.size() - 1], 2.0f);
  copy.swap(buffers.front());
  EXPECT_TRUE(On64Bytes(copy.data()));
  EXPECT_EQ(copy.size(), 1u);
}

TEST(FloatBuffer, EmptyAndImpossibleSizes) {
  FloatBuffer buffer;
  ASSERT_TRUE(buffer.Assign(0));
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.data(), nullptr);
  ASSERT_TRUE(buffer.Assign(8));
  buffer[0] = 1.0f;
  EXPECT_FALSE(buffer.Assign(static_cast<size_t>(-1) / sizeof(float)));  // kept as it was
  EXPECT_EQ(buffer.size(), 8u);
  EXPECT_EQ(buffer[0], 1.0f);
}

}  // namespace
}  // namespace relu::testing
