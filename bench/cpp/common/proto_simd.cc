#include "proto_simd.h"

#include <wasm_simd128.h>

#include <vector>

#include "kernels/kernels.h"

namespace relu::bench::proto {
namespace {

constexpr int kTileRows = 8;  // two vectors
constexpr int kTileCols = 4;

v128_t Relu(v128_t z) {
  return wasm_f32x4_add(wasm_f32x4_pmax(z, wasm_f32x4_splat(0.0f)), wasm_f32x4_splat(0.0f));
}

bool HasRelu(Epilogue e) { return e == Epilogue::kBiasRelu || e == Epilogue::kColBiasRelu; }
bool ColumnBias(Epilogue e) { return e == Epilogue::kColBias || e == Epilogue::kColBiasRelu; }

// Stores one vector of C (4 rows at c, column col) with the epilogue; `bias`
// points at the rows' biases (row bias) or is the whole bias[n] (column bias).
void StoreVec(v128_t acc, float* c, const float* bias, int col, float* act, Epilogue epilogue) {
  if (ColumnBias(epilogue)) acc = wasm_f32x4_add(acc, wasm_v128_load32_splat(bias + col));
  else if (epilogue != Epilogue::kNone) acc = wasm_f32x4_add(acc, wasm_v128_load(bias));
  wasm_v128_store(c, acc);
  if (HasRelu(epilogue)) wasm_v128_store(act, Relu(acc));
}

// Scalar epilogue, for the rows past the last multiple of 4.
void StoreScalar(float acc, float* c, const float* bias, int col, float* act, Epilogue epilogue) {
  if (ColumnBias(epilogue)) acc += bias[col];
  else if (epilogue != Epilogue::kNone) acc += *bias;
  *c = acc;
  if (HasRelu(epilogue)) *act = acc > 0.0f || acc != acc ? acc : 0.0f;
}

// The bias pointer a tile at `row` passes to the store.
const float* TileBias(const float* bias, int row, Epilogue epilogue) {
  if (!bias) return nullptr;
  return ColumnBias(epilogue) ? bias : bias + row;
}

// An 8 x COLS tile at (row, col): acc[r][j] += A[row + 4r .. +4, p] * B[p, col + j],
// with A's 8-row panel packed: panel[8p .. 8p + 8) = A[row .. row + 8, p].
template <int COLS>
void Tile8(int m, int k, const float* panel, const float* b, float* c, const float* bias, float* act,
           Epilogue epilogue, int row, int col) {
  v128_t acc0[COLS], acc1[COLS];
  for (int j = 0; j < COLS; ++j) acc0[j] = acc1[j] = wasm_f32x4_splat(0.0f);
  const float* a_col = panel;
  const float* b_col = b + static_cast<size_t>(col) * k;
  for (int p = 0; p < k; ++p, a_col += kTileRows) {
    const v128_t a0 = wasm_v128_load(a_col);
    const v128_t a1 = wasm_v128_load(a_col + 4);
    for (int j = 0; j < COLS; ++j) {
      const v128_t bj = wasm_v128_load32_splat(b_col + static_cast<size_t>(j) * k + p);
      acc0[j] = wasm_f32x4_add(acc0[j], wasm_f32x4_mul(a0, bj));
      acc1[j] = wasm_f32x4_add(acc1[j], wasm_f32x4_mul(a1, bj));
    }
  }
  for (int j = 0; j < COLS; ++j) {
    const size_t offset = static_cast<size_t>(col + j) * m + row;
    float* act_col = act ? act + offset : nullptr;
    const float* tile_bias = TileBias(bias, row, epilogue);
    const float* upper_bias = tile_bias && !ColumnBias(epilogue) ? tile_bias + 4 : tile_bias;
    StoreVec(acc0[j], c + offset, tile_bias, col + j, act_col, epilogue);
    StoreVec(acc1[j], c + offset + 4, upper_bias, col + j, act_col ? act_col + 4 : nullptr, epilogue);
  }
}

// A 4 x 1 tile: the rows between the last multiple of 8 and of 4.
void Tile4(int m, int k, const float* a, const float* b, float* c, const float* bias, float* act,
           Epilogue epilogue, int row, int col) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  const float* b_col = b + static_cast<size_t>(col) * k;
  for (int p = 0; p < k; ++p) {
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + static_cast<size_t>(p) * m + row),
                                             wasm_v128_load32_splat(b_col + p)));
  }
  const size_t offset = static_cast<size_t>(col) * m + row;
  StoreVec(acc, c + offset, TileBias(bias, row, epilogue), col, act ? act + offset : nullptr, epilogue);
}

}  // namespace

void GemmNN(int m, int n, int k, const float* a, const float* b, float* c, const float* bias,
            float* act, Epilogue epilogue) {
  const int rows8 = m / kTileRows * kTileRows;
  const int rows4 = m / 4 * 4;
  const int cols4 = n / kTileCols * kTileCols;
  // Row panels outermost: the 8 x k panel of A, packed contiguously once
  // (+10-20% over reading it in place with stride m), serves every column
  // tile. Packing B's 4-column slivers instead was 2x slower: V8 lowers the
  // lane broadcasts (i32x4.shuffle) worse than v128.load32_splat.
  static std::vector<float> panel;  // the bench module is single-threaded
  panel.resize(static_cast<size_t>(k) * kTileRows);
  for (int row = 0; row < rows8; row += kTileRows) {
    for (int p = 0; p < k; ++p) {
      const float* source = a + static_cast<size_t>(p) * m + row;
      wasm_v128_store(&panel[static_cast<size_t>(p) * kTileRows], wasm_v128_load(source));
      wasm_v128_store(&panel[static_cast<size_t>(p) * kTileRows + 4], wasm_v128_load(source + 4));
    }
    int col = 0;
    for (; col < cols4; col += kTileCols) Tile8<kTileCols>(m, k, panel.data(), b, c, bias, act, epilogue, row, col);
    for (; col < n; ++col) Tile8<1>(m, k, panel.data(), b, c, bias, act, epilogue, row, col);
  }
  for (int row = rows8; row < rows4; row += 4) {
    for (int col = 0; col < n; ++col) Tile4(m, k, a, b, c, bias, act, epilogue, row, col);
  }
  for (int row = rows4; row < m; ++row) {  // the last m % 4 rows: dot products
    for (int col = 0; col < n; ++col) {
      float sum = 0.0f;
      for (int p = 0; p < k; ++p) sum += a[static_cast<size_t>(p) * m + row] * b[static_cast<size_t>(col) * k + p];
      const size_t offset = static_cast<size_t>(col) * m + row;
      StoreScalar(sum, c + offset, TileBias(bias, row, epilogue), col, act ? act + offset : nullptr, epilogue);
    }
  }
}

void Transpose(int rows, int cols, const float* src, float* dst) {
  const auto at = [](auto* base, int stride, int row, int col) {
    return base + static_cast<size_t>(col) * stride + row;
  };
  // 4x4 blocks in registers: 4 column loads, 8 shuffles, 4 row stores.
  const int rows4 = rows / 4 * 4, cols4 = cols / 4 * 4;
  for (int j = 0; j < cols4; j += 4) {
    for (int i = 0; i < rows4; i += 4) {
      const v128_t c0 = wasm_v128_load(at(src, rows, i, j));
      const v128_t c1 = wasm_v128_load(at(src, rows, i, j + 1));
      const v128_t c2 = wasm_v128_load(at(src, rows, i, j + 2));
      const v128_t c3 = wasm_v128_load(at(src, rows, i, j + 3));
      const v128_t lo01 = wasm_i32x4_shuffle(c0, c1, 0, 4, 1, 5);
      const v128_t hi01 = wasm_i32x4_shuffle(c0, c1, 2, 6, 3, 7);
      const v128_t lo23 = wasm_i32x4_shuffle(c2, c3, 0, 4, 1, 5);
      const v128_t hi23 = wasm_i32x4_shuffle(c2, c3, 2, 6, 3, 7);
      wasm_v128_store(at(dst, cols, j, i), wasm_i32x4_shuffle(lo01, lo23, 0, 1, 4, 5));
      wasm_v128_store(at(dst, cols, j, i + 1), wasm_i32x4_shuffle(lo01, lo23, 2, 3, 6, 7));
      wasm_v128_store(at(dst, cols, j, i + 2), wasm_i32x4_shuffle(hi01, hi23, 0, 1, 4, 5));
      wasm_v128_store(at(dst, cols, j, i + 3), wasm_i32x4_shuffle(hi01, hi23, 2, 3, 6, 7));
    }
  }
  // The edges: the last rows % 4 rows, and the last cols % 4 columns.
  for (int j = 0; j < cols; ++j) {
    for (int i = j < cols4 ? rows4 : 0; i < rows; ++i) *at(dst, cols, j, i) = *at(src, rows, i, j);
  }
}

size_t GridScratchFloats(const int* sizes, int layer_count, int n) {
  int widest = 0;
  for (int l = 0; l <= layer_count; ++l) widest = sizes[l] > widest ? sizes[l] : widest;
  // The input images, then W^T of the widest layer.
  return static_cast<size_t>(sizes[0]) * n * n + static_cast<size_t>(widest) * widest;
}

void GridForward(const float* params, const int* sizes, int layer_count, int n, float domain, float* out,
                 float* scratch) {
  const int pixels = n * n;
  const float step = 2.0f * domain / static_cast<float>(n);
  float* images = scratch;  // [pixels x inputs]: the x1 image, then the x2 image
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      images[row * n + col] = -domain + (static_cast<float>(col) + 0.5f) * step;
      images[pixels + row * n + col] = domain - (static_cast<float>(row) + 0.5f) * step;
    }
  }
  float* weights_t = scratch + static_cast<size_t>(sizes[0]) * pixels;
  const float* in = images;
  float* layer_out = out;
  size_t offset = 0;  // into params
  for (int l = 0; l < layer_count; ++l) {
    const int fan_in = sizes[l], units = sizes[l + 1];
    const float* w = params + offset;  // [units x fan_in]
    const float* b = w + static_cast<size_t>(units) * fan_in;
    offset += static_cast<size_t>(units) * fan_in + units;
    Transpose(units, fan_in, w, weights_t);  // W^T: [fan_in x units]
    const bool last = l == layer_count - 1;
    layer_out = out;
    GemmNN(pixels, units, fan_in, in, weights_t, layer_out, b, layer_out,
           last ? Epilogue::kColBias : Epilogue::kColBiasRelu);
    in = layer_out;
    out += static_cast<size_t>(units) * pixels;
  }
  // The output images: tanh in place, with the core's SIMD kernel.
  const size_t outputs = static_cast<size_t>(sizes[layer_count]) * pixels;
  kernels::SelectKernels()[kernels::Act::kTanh].forward(outputs, layer_out, layer_out, nullptr);
}

void ReluForward(size_t n, const float* x, float* y) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const v128_t x0 = wasm_v128_load(x + i);
    const v128_t x1 = wasm_v128_load(x + i + 4);
    wasm_v128_store(y + i, Relu(x0));
    wasm_v128_store(y + i + 4, Relu(x1));
  }
  for (; i < n; ++i) y[i] = x[i] > 0.0f || x[i] != x[i] ? x[i] : 0.0f;
}

}  // namespace relu::bench::proto
