// The WebAssembly SIMD128 matrix product, gemm_f32__wasmsimd_8x4 (see
// GemmFn in kernels.h for its contract). The element-wise kernels are in
// wasmsimd_activation.cc; the epilogue's activations share their math
// (wasmsimd_ops.h), so a fused product writes what the forward kernels would.
#include "kernels/variants.h"
#include "kernels/wasmsimd_ops.h"

namespace relu::kernels {
namespace {

using namespace wasmsimd;  // NOLINT: the vector vocabulary of this file

// An 8 x 4 register tile (8 accumulators; larger tiles spill under V8's 16
// XMM registers), A's 8-row panel packed contiguously once per panel, B's
// entries broadcast with v128.load32_splat (packing B measured 2x slower).
constexpr size_t kGemmRows = 8;
constexpr size_t kGemmCols = 4;
// k is taken in slices so the packed panel fits on the stack (8 KiB) and the
// B slivers a slice reads stay in L1.
constexpr size_t kGemmDepth = 256;

// panel[8p + r] = A(row0 + r, p0 + p); rows past `rows` are zero.
void PackPanel(size_t rows, size_t depth, const float* a, size_t a_row_step, size_t a_col_step,
               float* panel) {
  if (rows == kGemmRows && a_row_step == 1) {
    for (size_t p = 0; p < depth; ++p) {
      Store(panel + p * kGemmRows, Load(a + p * a_col_step));
      Store(panel + p * kGemmRows + kLanes, Load(a + p * a_col_step + kLanes));
    }
    return;
  }
  size_t p = 0;
  if (rows == kGemmRows && a_col_step == 1) {
    // A transposed (W^T in the input gradient): each row of the panel is a
    // contiguous run of a. Two 4 x 4 transposes in registers per 4 depths
    // instead of 32 scalar gathers.
    for (; p + kLanes <= depth; p += kLanes) {
      for (size_t half = 0; half < 2; ++half) {
        const float* r0 = a + (half * kLanes) * a_row_step + p;
        const v128_t x0 = Load(r0), x1 = Load(r0 + a_row_step);
        const v128_t x2 = Load(r0 + 2 * a_row_step), x3 = Load(r0 + 3 * a_row_step);
        const v128_t lo01 = wasm_i32x4_shuffle(x0, x1, 0, 4, 1, 5);
        const v128_t hi01 = wasm_i32x4_shuffle(x0, x1, 2, 6, 3, 7);
        const v128_t lo23 = wasm_i32x4_shuffle(x2, x3, 0, 4, 1, 5);
        const v128_t hi23 = wasm_i32x4_shuffle(x2, x3, 2, 6, 3, 7);
        float* out = panel + p * kGemmRows + half * kLanes;
        Store(out, wasm_i32x4_shuffle(lo01, lo23, 0, 1, 4, 5));
        Store(out + kGemmRows, wasm_i32x4_shuffle(lo01, lo23, 2, 3, 6, 7));
        Store(out + 2 * kGemmRows, wasm_i32x4_shuffle(hi01, hi23, 0, 1, 4, 5));
        Store(out + 3 * kGemmRows, wasm_i32x4_shuffle(hi01, hi23, 2, 3, 6, 7));
      }
    }
  }
  for (; p < depth; ++p) {
    for (size_t r = 0; r < kGemmRows; ++r) {
      panel[p * kGemmRows + r] = r < rows ? a[r * a_row_step + p * a_col_step] : 0.0f;
    }
  }
}

// The first `rows` (<= 8) entries of a column of C as two vectors, and back.
void LoadColumn(const float* c, size_t rows, v128_t* lo, v128_t* hi) {
  *lo = rows >= kLanes ? Load(c) : LoadPartial(c, rows);
  *hi = rows == kGemmRows ? Load(c + kLanes) : rows > kLanes ? LoadPartial(c + kLanes, rows - kLanes) : Zero();
}
void StoreColumn(float* c, size_t rows, v128_t lo, v128_t hi) {
  if (rows < kLanes) return StorePartial(c, rows, lo);
  Store(c, lo);
  if (rows == kGemmRows) Store(c + kLanes, hi);
  else StorePartial(c + kLanes, rows - kLanes, hi);
}

// The epilogue's activation of one vector, exactly as the forward kernels compute it.
v128_t EpilogueAct(GemmAct act, v128_t z, v128_t alpha) {
  return act == GemmAct::kRelu ? op::Relu::F(z, alpha) : op::LeakyRelu::F(z, alpha);
}

// C[0..rows, 0..COLS) (+)= panel * B[p0.., 0..COLS): `accumulate` continues the
// sums of the previous k slices (reloading a stored float is exact). The last
// slice passes the epilogue, whose bias pointers are already at this tile's
// first row (rowBias) and first column (colBias).
template <size_t COLS>
void GemmTile(size_t rows, size_t depth, const float* panel, const float* b, size_t b_row_step,
              size_t b_col_step, float* c, size_t ldc, bool accumulate, const GemmEpilogue* epilogue) {
  v128_t lo[COLS], hi[COLS];
  for (size_t j = 0; j < COLS; ++j) {
    if (accumulate) LoadColumn(c + j * ldc, rows, &lo[j], &hi[j]);
    else lo[j] = hi[j] = Zero();
  }
  // Pointers stepped by hand and the columns' offsets hoisted: Emscripten
  // compiles with loop strength reduction off (-disable-lsr), so indexed
  // addresses would be recomputed, with a multiply, at every depth.
  size_t col_offset[COLS];
  for (size_t j = 0; j < COLS; ++j) col_offset[j] = j * b_col_step;
  const float* a_at = panel;
  const float* b_at = b;
  for (size_t p = 0; p < depth; ++p, a_at += kGemmRows, b_at += b_row_step) {
    const v128_t a0 = Load(a_at);
    const v128_t a1 = Load(a_at + kLanes);
    for (size_t j = 0; j < COLS; ++j) {
      const v128_t bj = wasm_v128_load32_splat(b_at + col_offset[j]);
      lo[j] = wasm_f32x4_add(lo[j], wasm_f32x4_mul(a0, bj));
      hi[j] = wasm_f32x4_add(hi[j], wasm_f32x4_mul(a1, bj));
    }
  }
  if (epilogue == nullptr) {
    for (size_t j = 0; j < COLS; ++j) StoreColumn(c + j * ldc, rows, lo[j], hi[j]);
    return;
  }
  if (epilogue->rowBias) {
    v128_t bias_lo, bias_hi;
    LoadColumn(epilogue->rowBias, rows, &bias_lo, &bias_hi);
    for (size_t j = 0; j < COLS; ++j) {
      lo[j] = wasm_f32x4_add(lo[j], bias_lo);
      hi[j] = wasm_f32x4_add(hi[j], bias_hi);
    }
  }
  if (epilogue->colBias) {
    for (size_t j = 0; j < COLS; ++j) {
      const v128_t bias = wasm_v128_load32_splat(epilogue->colBias + j);
      lo[j] = wasm_f32x4_add(lo[j], bias);
      hi[j] = wasm_f32x4_add(hi[j], bias);
    }
  }
  for (size_t j = 0; j < COLS; ++j) StoreColumn(c + j * ldc, rows, lo[j], hi[j]);
  if (epilogue->act == GemmAct::kNone) return;
  const v128_t alpha = Splat(epilogue->alpha);
  for (size_t j = 0; j < COLS; ++j) {
    StoreColumn(epilogue->y + j * ldc, rows, EpilogueAct(epilogue->act, lo[j], alpha),
                EpilogueAct(epilogue->act, hi[j], alpha));
  }
}

// The epilogue of the tile at (row, col): its bias pointers and y moved there.
GemmEpilogue TileEpilogue(const GemmEpilogue& whole, size_t row, size_t col, size_t ldc) {
  GemmEpilogue tile = whole;
  if (tile.rowBias) tile.rowBias += row;
  if (tile.colBias) tile.colBias += col;
  if (tile.y) tile.y += row + col * ldc;
  return tile;
}

}  // namespace

void gemm_f32__wasmsimd_8x4(size_t m, size_t n, size_t k, const float* a, size_t a_row_step,
                            size_t a_col_step, const float* b, size_t b_row_step, size_t b_col_step,
                            float* c, size_t ldc, const GemmEpilogue* epilogue) {
  if (k == 0) {
    // No sums to accumulate: the epilogue alone, over zeros.
    alignas(16) float zeros[kGemmRows] = {};
    for (size_t row = 0; row < m; row += kGemmRows) {
      const size_t rows = m - row < kGemmRows ? m - row : kGemmRows;
      for (size_t col = 0; col < n; ++col) {
        const GemmEpilogue tile = epilogue ? TileEpilogue(*epilogue, row, col, ldc) : GemmEpilogue();
        GemmTile<1>(rows, 0, zeros, b, b_row_step, b_col_step, c + row + col * ldc, ldc, false,
                    epilogue ? &tile : nullptr);
      }
    }
    return;
  }
  alignas(16) float panel[kGemmRows * kGemmDepth];
  // Slices of equal depth (784 = 4 x 196, not 3 x 256 + 16): a last, shallow
  // slice would pay a whole pass of packing and C reloads for little work.
  const size_t slices = (k + kGemmDepth - 1) / kGemmDepth;
  const size_t slice_depth = (k + slices - 1) / slices;
  for (size_t p0 = 0; p0 < k; p0 += slice_depth) {
    const size_t depth = k - p0 < slice_depth ? k - p0 : slice_depth;
    const bool last_slice = p0 + depth == k;
    const float* b_slice = b + p0 * b_row_step;
    for (size_t row = 0; row < m; row += kGemmRows) {
      const size_t rows = m - row < kGemmRows ? m - row : kGemmRows;
      PackPanel(rows, depth, a + row * a_row_step + p0 * a_col_step, a_row_step, a_col_step, panel);
      size_t col = 0;
      for (; col + kGemmCols <= n; col += kGemmCols) {
        const GemmEpilogue tile = epilogue ? TileEpilogue(*epilogue, row, col, ldc) : GemmEpilogue();
        GemmTile<kGemmCols>(rows, depth, panel, b_slice + col * b_col_step, b_row_step, b_col_step,
                            c + row + col * ldc, ldc, p0 > 0, last_slice && epilogue ? &tile : nullptr);
      }
      for (; col < n; ++col) {
        const GemmEpilogue tile = epilogue ? TileEpilogue(*epilogue, row, col, ldc) : GemmEpilogue();
        GemmTile<1>(rows, depth, panel, b_slice + col * b_col_step, b_row_step, b_col_step,
                    c + row + col * ldc, ldc, p0 > 0, last_slice && epilogue ? &tile : nullptr);
      }
    }
  }
}

}  // namespace relu::kernels
