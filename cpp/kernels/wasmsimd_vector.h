// Loads, stores and constants shared by the SIMD128 kernels (internal to
// cpp/kernels): whole vectors, the ragged ends of an array, and the lane masks
// the activations select with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "kernels/wasmsimd_math.h"

namespace relu::kernels::wasmsimd {

// Floats in one SIMD128 vector.
constexpr size_t kLanes = 4;

inline v128_t Load(const float* p) { return wasm_v128_load(p); }
inline void Store(float* p, v128_t v) { wasm_v128_store(p, v); }

// The first `count` (< 4) floats of p in a vector; the other lanes hold `fill`.
inline v128_t LoadPartial(const float* p, size_t count, float fill = 0.0f) {
  float lanes[kLanes] = {fill, fill, fill, fill};
  std::memcpy(lanes, p, count * sizeof(float));
  return wasm_v128_load(lanes);
}
inline void StorePartial(float* p, size_t count, v128_t v) {
  float lanes[kLanes];
  wasm_v128_store(lanes, v);
  std::memcpy(p, lanes, count * sizeof(float));
}

// Floats before p reaches a 16-byte boundary (0-3). Emscripten's malloc
// aligns to 8 bytes only, and with y at 8 mod 16 (one store in four straddles
// a cache line) K1 forward ran at 2/3 speed under V8; unaligned loads cost
// little, so the activation kernels peel these floats to align their output.
inline size_t HeadToAlign(const float* p) {
  return (0u - reinterpret_cast<uintptr_t>(p)) / sizeof(float) % kLanes;
}

// Lanes of v for the `count` (1-3) floats at the start, or at the end, of
// the 4 floats at p; lane stores, so no trip through a stack buffer.
inline void StoreFirstLanes(float* p, size_t count, v128_t v) {
  if (count >= 2) wasm_v128_store64_lane(p, v, 0);
  if (count == 1) wasm_v128_store32_lane(p, v, 0);
  if (count == 3) wasm_v128_store32_lane(p + 2, v, 2);
}
inline void StoreLastLanes(float* p, size_t count, v128_t v) {
  if (count >= 2) wasm_v128_store64_lane(p + 2, v, 1);
  if (count == 1) wasm_v128_store32_lane(p + 3, v, 3);
  if (count == 3) wasm_v128_store32_lane(p + 1, v, 1);
}

inline v128_t Zero() { return wasm_f32x4_splat(0.0f); }
inline v128_t One() { return wasm_f32x4_splat(1.0f); }
inline v128_t Positive(v128_t x) { return wasm_f32x4_gt(x, Zero()); }

}  // namespace relu::kernels::wasmsimd
