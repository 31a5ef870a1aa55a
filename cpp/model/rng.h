// The project's own PRNG and samplers. std:: distributions are not used: their
// output differs between standard libraries, and one seed must give the same
// data, weights and shuffles natively and in WebAssembly.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace relu {

// Independent streams of one seed, so that e.g. changing the network does not
// change the data drawn from the same seed.
enum RngStream : uint64_t {
  kStreamData = 1,
  kStreamInit = 2,
  kStreamShuffle = 3,
};

// PCG32 (O'Neill 2014, XSH-RR output): small state, good statistics, and the
// same 32-bit stream on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 0x5851f42d4c957f2dULL) { Seed(seed, stream); }

  void Seed(uint64_t seed, uint64_t stream = 0x5851f42d4c957f2dULL) {
    state_ = 0;
    inc_ = (stream << 1u) | 1u;
    NextU32();
    state_ += seed;
    NextU32();
    has_spare_ = false;
  }

  uint32_t NextU32() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    const auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const auto rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1), 24 random bits: exact in float, identical everywhere.
  float Uniform() { return static_cast<float>(NextU32() >> 8) * (1.0f / 16777216.0f); }

  // Uniform in [lo, hi).
  float Uniform(float lo, float hi) { return lo + (hi - lo) * Uniform(); }

  // Uniform integer in [0, n), n > 0, without modulo bias (Lemire's method).
  uint32_t Below(uint32_t n) {
    uint64_t m = static_cast<uint64_t>(NextU32()) * n;
    auto low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = static_cast<uint64_t>(NextU32()) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Standard normal by the Box-Muller transform, in double so that std::log,
  // std::sqrt and std::cos round the same way on every libm we target.
  float Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    // u1 in (0, 1]: never log(0).
    const double u1 = (static_cast<double>(NextU32() >> 8) + 1.0) * (1.0 / 16777216.0);
    const double u2 = static_cast<double>(NextU32() >> 8) * (1.0 / 16777216.0);
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double theta = 6.283185307179586 * u2;
    spare_ = static_cast<float>(r * std::sin(theta));
    has_spare_ = true;
    return static_cast<float>(r * std::cos(theta));
  }

  float Normal(float mean, float stddev) { return mean + stddev * Normal(); }

  // Fisher-Yates shuffle of any random-access range of n elements.
  template <typename T>
  void Shuffle(T* first, size_t n) {
    for (size_t i = n; i > 1; --i) {
      const size_t j = Below(static_cast<uint32_t>(i));
      T tmp = first[i - 1];
      first[i - 1] = first[j];
      first[j] = tmp;
    }
  }

 private:
  uint64_t state_ = 0;
  uint64_t inc_ = 1;
  float spare_ = 0.0f;
  bool has_spare_ = false;
};

}  // namespace relu
