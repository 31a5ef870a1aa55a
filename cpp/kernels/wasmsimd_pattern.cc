// WebAssembly SIMD128 variant of the activation-pattern hash (kernels.h,
// PatternHashFn): 8 pixels at a time, their four 2-lane hash vectors kept in
// registers while every unit's outputs stream past. Compares and XORs only,
// so it gives the scalar reference's bits exactly.
#include "kernels/variants.h"
#include "kernels/wasmsimd_vector.h"

namespace relu::kernels {

using wasmsimd::kLanes;
using wasmsimd::Load;
using wasmsimd::Positive;

void pattern_hash_f32__wasmsimd_u8(size_t pixels, size_t units, const float* act, size_t ld,
                                   const uint64_t* keys, uint64_t* hash) {
  size_t j = 0;
  for (; j + 2 * kLanes <= pixels; j += 2 * kLanes) {
    v128_t h0 = wasm_v128_load(hash + j);
    v128_t h1 = wasm_v128_load(hash + j + 2);
    v128_t h2 = wasm_v128_load(hash + j + 4);
    v128_t h3 = wasm_v128_load(hash + j + 6);
    for (size_t u = 0; u < units; ++u) {
      const float* run = act + u * ld + j;
      const v128_t key = wasm_i64x2_splat(static_cast<int64_t>(keys[u]));
      // An on lane's 32-bit mask is all ones; sign-extended to 64 bits it
      // still is, and selects the whole key.
      const v128_t on0 = Positive(Load(run));
      const v128_t on1 = Positive(Load(run + kLanes));
      h0 = wasm_v128_xor(h0, wasm_v128_and(wasm_i64x2_extend_low_i32x4(on0), key));
      h1 = wasm_v128_xor(h1, wasm_v128_and(wasm_i64x2_extend_high_i32x4(on0), key));
      h2 = wasm_v128_xor(h2, wasm_v128_and(wasm_i64x2_extend_low_i32x4(on1), key));
      h3 = wasm_v128_xor(h3, wasm_v128_and(wasm_i64x2_extend_high_i32x4(on1), key));
    }
    wasm_v128_store(hash + j, h0);
    wasm_v128_store(hash + j + 2, h1);
    wasm_v128_store(hash + j + 4, h2);
    wasm_v128_store(hash + j + 6, h3);
  }
  // Fewer than 8 pixels left: one at a time, as the reference.
  for (; j < pixels; ++j) {
    uint64_t h = hash[j];
    for (size_t u = 0; u < units; ++u) h ^= act[u * ld + j] > 0.0f ? keys[u] : 0;
    hash[j] = h;
  }
}

}  // namespace relu::kernels
