// WebAssembly SIMD128 variants of every kernel, 8 floats (two vectors) per
// iteration. No kernel reads or writes past n, and every lane uses the same
// approximation: the activation kernels store their output aligned and take
// the ragged head and tail as whole vectors of which they store only some
// lanes; below 4 floats, and in the other kernels, tails go through a 4-float
// stack buffer.
// The math of each activation mirrors scalar.cc operation by operation; only
// exp/expm1/log1p/tanh are approximations (wasmsimd_math.h).
#include <cstring>

#include "kernels/variants.h"
#include "kernels/wasmsimd_math.h"

namespace relu::kernels {
namespace {

using wasmsimd::ClampFinite;
using wasmsimd::ClampNegInf;
using wasmsimd::KeepNan;
using wasmsimd::Splat;

constexpr size_t kLanes = 4;
constexpr float kSeluAlpha = 1.6732632423543772f;
constexpr float kSeluLambda = 1.0507009873554805f;
constexpr float kGeluSqrt2OverPi = 0.7978845608028654f;
constexpr float kGeluCubic = 0.044715f;
constexpr float kGeluDerivClamp = 10.0f;

v128_t Load(const float* p) { return wasm_v128_load(p); }
void Store(float* p, v128_t v) { wasm_v128_store(p, v); }

// The first `count` (< 4) floats of p in a vector; the other lanes hold `fill`.
v128_t LoadPartial(const float* p, size_t count, float fill = 0.0f) {
  float lanes[kLanes] = {fill, fill, fill, fill};
  std::memcpy(lanes, p, count * sizeof(float));
  return wasm_v128_load(lanes);
}
void StorePartial(float* p, size_t count, v128_t v) {
  float lanes[kLanes];
  wasm_v128_store(lanes, v);
  std::memcpy(p, lanes, count * sizeof(float));
}

// Floats before p reaches a 16-byte boundary (0-3). Emscripten's malloc
// aligns to 8 bytes only, and with y at 8 mod 16 (one store in four straddles
// a cache line) K1 forward ran at 2/3 speed under V8; unaligned loads cost
// little, so the activation kernels peel these floats to align their output.
size_t HeadToAlign(const float* p) {
  return (0u - reinterpret_cast<uintptr_t>(p)) / sizeof(float) % kLanes;
}

// Lanes of v for the `count` (1-3) floats at the start, or at the end, of
// the 4 floats at p; lane stores, so no trip through a stack buffer.
void StoreFirstLanes(float* p, size_t count, v128_t v) {
  if (count >= 2) wasm_v128_store64_lane(p, v, 0);
  if (count == 1) wasm_v128_store32_lane(p, v, 0);
  if (count == 3) wasm_v128_store32_lane(p + 2, v, 2);
}
void StoreLastLanes(float* p, size_t count, v128_t v) {
  if (count >= 2) wasm_v128_store64_lane(p + 2, v, 1);
  if (count == 1) wasm_v128_store32_lane(p + 3, v, 3);
  if (count == 3) wasm_v128_store32_lane(p + 1, v, 1);
}

v128_t Zero() { return wasm_f32x4_splat(0.0f); }
v128_t One() { return wasm_f32x4_splat(1.0f); }
v128_t Positive(v128_t x) { return wasm_f32x4_gt(x, Zero()); }

// Each op: F(x, alpha) = f(x); D(x, y, alpha) = f'(x) given y = f(x).
struct Linear {
  static v128_t F(v128_t x, v128_t) { return x; }
  static v128_t D(v128_t x, v128_t, v128_t) { return KeepNan(x, One()); }
};
struct Relu {
  // pmax(x, 0) is `x < 0 ? 0 : x`: it keeps x when x is NaN (the compare is
  // false) and -0 too, which `+ 0` turns into +0 without changing anything
  // else. Two instructions under V8; f32x4.max (same results) lowers to ~8.
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_add(wasm_f32x4_pmax(x, Zero()), Zero()); }
  // (x > 0) & 1.0 and KeepNan's v128.or: under V8 (x64) the two bitselects
  // LLVM made of them cost 6 more instructions per vector (bwd 4K 55 -> 74 GB/s).
  static v128_t D(v128_t x, v128_t, v128_t) {
    return KeepNan(x, wasm_v128_and(wasmsimd::OpaqueMask(Positive(x)), One()));
  }
};
struct LeakyRelu {
  static v128_t F(v128_t x, v128_t a) { return wasm_v128_bitselect(x, wasm_f32x4_mul(a, x), Positive(x)); }
  static v128_t D(v128_t x, v128_t, v128_t a) { return KeepNan(x, wasm_v128_bitselect(One(), a, Positive(x))); }
};
// x >= 0 (not x > 0) picks x itself at +-0, which equals alpha * expm1(+-0)
// including the sign, without expm1 having to keep -0.
struct Elu {
  static v128_t F(v128_t x, v128_t a) {
    const v128_t neg = wasm_f32x4_mul(a, wasmsimd::Expm1NonPositive(wasm_f32x4_min(x, Zero())));
    return wasm_v128_bitselect(x, neg, wasm_f32x4_ge(x, Zero()));
  }
  static v128_t D(v128_t x, v128_t y, v128_t a) {
    return wasm_v128_bitselect(One(), wasm_f32x4_add(y, a), Positive(x));
  }
};
struct Selu {
  static v128_t F(v128_t x, v128_t) {
    const v128_t em1 = wasmsimd::Expm1NonPositive(wasm_f32x4_min(x, Zero()));
    const v128_t neg = wasm_f32x4_mul(Splat(kSeluLambda), wasm_f32x4_mul(Splat(kSeluAlpha), em1));
    return wasm_v128_bitselect(wasm_f32x4_mul(Splat(kSeluLambda), x), neg, wasm_f32x4_ge(x, Zero()));
  }
  // lambda * alpha * exp(x) = y + lambda * alpha for x <= 0: no second exp.
  static v128_t D(v128_t x, v128_t y, v128_t) {
    const v128_t neg = wasm_f32x4_add(y, Splat(kSeluLambda * kSeluAlpha));
    return wasm_v128_bitselect(Splat(kSeluLambda), neg, Positive(x));
  }
};
struct Gelu {
  static v128_t InnerTimes2(v128_t x) {
    const v128_t x3 = wasm_f32x4_mul(wasm_f32x4_mul(Splat(kGeluCubic), x), wasm_f32x4_mul(x, x));
    return wasm_f32x4_mul(Splat(2.0f * kGeluSqrt2OverPi), wasm_f32x4_add(x, x3));
  }
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_mul(ClampNegInf(x), wasmsimd::Sigmoid(InnerTimes2(x))); }
  static v128_t D(v128_t x, v128_t, v128_t) {
    const v128_t z = InnerTimes2(x);
    const v128_t s_neg = wasmsimd::SigmoidOfNegAbs(z);
    const v128_t xc = wasm_f32x4_min(wasm_f32x4_max(x, Splat(-kGeluDerivClamp)), Splat(kGeluDerivClamp));
    const v128_t du = wasm_f32x4_mul(
        Splat(kGeluSqrt2OverPi),
        wasm_f32x4_add(One(), wasm_f32x4_mul(Splat(3.0f * kGeluCubic), wasm_f32x4_mul(xc, xc))));
    const v128_t ds = wasm_f32x4_mul(Splat(2.0f), wasmsimd::SigmoidSlopeFrom(s_neg));
    return wasm_f32x4_add(wasmsimd::SigmoidFrom(z, s_neg), wasm_f32x4_mul(wasm_f32x4_mul(ds, xc), du));
  }
};
struct Silu {
  static v128_t F(v128_t x, v128_t) { return wasm_f32x4_mul(ClampNegInf(x), wasmsimd::Sigmoid(x)); }
  static v128_t D(v128_t x, v128_t, v128_t) {
    const v128_t s_neg = wasmsimd::SigmoidOfNegAbs(x);
    return wasm_f32x4_add(wasmsimd::SigmoidFrom(x, s_neg),
                          wasm_f32x4_mul(ClampFinite(x), wasmsimd::SigmoidSlopeFrom(s_neg)));
  }
};
struct Softplus {
  static v128_t F(v128_t x, v128_t) {
    const v128_t e = wasmsimd::ExpNonPositive(wasm_f32x4_neg(wasm_f32x4_abs(x)));
    return wasm_f32x4_add(wasm_f32x4_max(x, Zero()), wasmsimd::Log1pUnit(e));
  }
  static v128_t D(v128_t x, v128_t, v128_t) { return wasmsimd::Sigmoid(x); }
};
struct SigmoidOp {
  static v128_t F(v128_t x, v128_t) { return wasmsimd::Sigmoid(x); }
  static v128_t D(v128_t, v128_t y, v128_t) { return wasm_f32x4_mul(y, wasm_f32x4_sub(One(), y)); }
};
struct Tanh {
  static v128_t F(v128_t x, v128_t) { return wasmsimd::Tanh(x); }
  static v128_t D(v128_t, v128_t y, v128_t) { return wasm_f32x4_sub(One(), wasm_f32x4_mul(y, y)); }
};

v128_t AlphaOf(const ActParams* params) { return Splat(params != nullptr ? params->alpha : 0.0f); }

template <class Op>
void Forward(size_t n, const float* x, float* y, const ActParams* params) {
  const v128_t a = AlphaOf(params);
  if (n < kLanes) {
    if (n > 0) StorePartial(y, n, Op::F(LoadPartial(x, n), a));
    return;
  }
  // The head and the tail are whole vectors of which only the lanes outside
  // the aligned body are stored. In place, the tail vector rereads a few
  // outputs, but only lanes whose x was not yet overwritten are stored.
  size_t i = HeadToAlign(y);
  if (i > 0) StoreFirstLanes(y, i, Op::F(Load(x), a));
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    // Both loads before both stores: y may equal x.
    const v128_t x0 = Load(x + i);
    const v128_t x1 = Load(x + i + kLanes);
    Store(y + i, Op::F(x0, a));
    Store(y + i + kLanes, Op::F(x1, a));
  }
  if (i + kLanes <= n) {
    Store(y + i, Op::F(Load(x + i), a));
    i += kLanes;
  }
  if (i < n) StoreLastLanes(y + n - kLanes, n - i, Op::F(Load(x + n - kLanes), a));
}

template <class Op>
void Backward(size_t n, const float* x, const float* y, const float* dy, float* dx,
              const ActParams* params) {
  const v128_t a = AlphaOf(params);
  const auto vec = [&](size_t at) {
    return wasm_f32x4_mul(Load(dy + at), Op::D(Load(x + at), Load(y + at), a));
  };
  if (n < kLanes) {
    if (n > 0) {
      const v128_t d = Op::D(LoadPartial(x, n), LoadPartial(y, n), a);
      StorePartial(dx, n, wasm_f32x4_mul(LoadPartial(dy, n), d));
    }
    return;
  }
  // Head and tail as in Forward, aligned on dx.
  size_t i = HeadToAlign(dx);
  if (i > 0) StoreFirstLanes(dx, i, vec(0));
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    const v128_t d0 = Op::D(Load(x + i), Load(y + i), a);
    const v128_t d1 = Op::D(Load(x + i + kLanes), Load(y + i + kLanes), a);
    const v128_t g0 = Load(dy + i);
    const v128_t g1 = Load(dy + i + kLanes);
    Store(dx + i, wasm_f32x4_mul(g0, d0));
    Store(dx + i + kLanes, wasm_f32x4_mul(g1, d1));
  }
  if (i + kLanes <= n) {
    Store(dx + i, vec(i));
    i += kLanes;
  }
  if (i < n) StoreLastLanes(dx + n - kLanes, n - i, vec(n - kLanes));
}

template <class Op>
void BiasForward(size_t rows, size_t cols, float* z, const float* bias, float* y,
                 const ActParams* params) {
  const v128_t a = AlphaOf(params);
  for (size_t j = 0; j < cols; ++j) {
    float* z_col = z + j * rows;
    float* y_col = y + j * rows;
    size_t i = 0;
    for (; i + 2 * kLanes <= rows; i += 2 * kLanes) {
      const v128_t pre0 = wasm_f32x4_add(Load(z_col + i), Load(bias + i));
      const v128_t pre1 = wasm_f32x4_add(Load(z_col + i + kLanes), Load(bias + i + kLanes));
      Store(z_col + i, pre0);
      Store(z_col + i + kLanes, pre1);
      Store(y_col + i, Op::F(pre0, a));
      Store(y_col + i + kLanes, Op::F(pre1, a));
    }
    for (; i + kLanes <= rows; i += kLanes) {
      const v128_t pre = wasm_f32x4_add(Load(z_col + i), Load(bias + i));
      Store(z_col + i, pre);
      Store(y_col + i, Op::F(pre, a));
    }
    if (i < rows) {
      const size_t rest = rows - i;
      const v128_t pre = wasm_f32x4_add(LoadPartial(z_col + i, rest), LoadPartial(bias + i, rest));
      StorePartial(z_col + i, rest, pre);
      StorePartial(y_col + i, rest, Op::F(pre, a));
    }
  }
}

// The op struct of each kernel name, for the definitions generated below.
using linear_op = Linear;
using relu_op = Relu;
using leaky_relu_op = LeakyRelu;
using elu_op = Elu;
using selu_op = Selu;
using gelu_op = Gelu;
using silu_op = Silu;
using softplus_op = Softplus;
using sigmoid_op = SigmoidOp;
using tanh_op = Tanh;

v128_t PreluForwardVec(v128_t x, v128_t slope) {
  return wasm_v128_bitselect(x, wasm_f32x4_mul(slope, x), Positive(x));
}

// Writes dx for one vector and returns dslope's increment dy * (x > 0 ? 0 : x).
v128_t PreluBackwardVec(v128_t x, v128_t slope, v128_t dy, v128_t* dx) {
  const v128_t positive = Positive(x);
  *dx = wasm_f32x4_mul(dy, KeepNan(x, wasm_v128_bitselect(One(), slope, positive)));
  return wasm_f32x4_mul(dy, wasm_v128_andnot(x, positive));
}

// ---- Matrix product ----------------------------------------------------------
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
  return act == GemmAct::kRelu ? Relu::F(z, alpha) : LeakyRelu::F(z, alpha);
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

#define RELU_DEFINE_WASMSIMD_ACT(enumerator, name, unused)                                        \
  void name##_f32__wasmsimd_u8(size_t n, const float* x, float* y, const ActParams* params) {     \
    Forward<name##_op>(n, x, y, params);                                                          \
  }                                                                                               \
  void name##_backward_f32__wasmsimd_u8(size_t n, const float* x, const float* y, const float* dy, \
                                        float* dx, const ActParams* params) {                     \
    Backward<name##_op>(n, x, y, dy, dx, params);                                                 \
  }                                                                                               \
  void bias_##name##_f32__wasmsimd_u8(size_t rows, size_t cols, float* z, const float* bias,      \
                                      float* y, const ActParams* params) {                        \
    BiasForward<name##_op>(rows, cols, z, bias, y, params);                                       \
  }
RELU_FOR_EACH_ACT(RELU_DEFINE_WASMSIMD_ACT, unused)
#undef RELU_DEFINE_WASMSIMD_ACT

void prelu_f32__wasmsimd_u8(size_t n, const float* x, const float* slope, float* y) {
  size_t i = 0;
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    const v128_t y0 = PreluForwardVec(Load(x + i), Load(slope + i));
    const v128_t y1 = PreluForwardVec(Load(x + i + kLanes), Load(slope + i + kLanes));
    Store(y + i, y0);
    Store(y + i + kLanes, y1);
  }
  for (; i + kLanes <= n; i += kLanes) Store(y + i, PreluForwardVec(Load(x + i), Load(slope + i)));
  if (i < n) {
    const size_t rest = n - i;
    StorePartial(y + i, rest, PreluForwardVec(LoadPartial(x + i, rest), LoadPartial(slope + i, rest)));
  }
}

void prelu_backward_f32__wasmsimd_u8(size_t n, const float* x, const float* slope, const float* dy,
                                     float* dx, float* dslope) {
  size_t i = 0;
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    v128_t dx0, dx1;
    const v128_t ds0 = PreluBackwardVec(Load(x + i), Load(slope + i), Load(dy + i), &dx0);
    const v128_t ds1 =
        PreluBackwardVec(Load(x + i + kLanes), Load(slope + i + kLanes), Load(dy + i + kLanes), &dx1);
    Store(dx + i, dx0);
    Store(dx + i + kLanes, dx1);
    Store(dslope + i, wasm_f32x4_add(Load(dslope + i), ds0));
    Store(dslope + i + kLanes, wasm_f32x4_add(Load(dslope + i + kLanes), ds1));
  }
  for (; i + kLanes <= n; i += kLanes) {
    v128_t dxv;
    const v128_t ds = PreluBackwardVec(Load(x + i), Load(slope + i), Load(dy + i), &dxv);
    Store(dx + i, dxv);
    Store(dslope + i, wasm_f32x4_add(Load(dslope + i), ds));
  }
  if (i < n) {
    const size_t rest = n - i;
    v128_t dxv;
    const v128_t ds = PreluBackwardVec(LoadPartial(x + i, rest), LoadPartial(slope + i, rest),
                                       LoadPartial(dy + i, rest), &dxv);
    StorePartial(dx + i, rest, dxv);
    StorePartial(dslope + i, rest, wasm_f32x4_add(LoadPartial(dslope + i, rest), ds));
  }
}

// Lane counts are 32-bit: each lane sees n/8 elements, below 2^32 for any n a
// wasm32 address space can hold.
size_t count_zeros_f32__wasmsimd_u8(size_t n, const float* x) {
  v128_t acc0 = wasm_i32x4_splat(0);
  v128_t acc1 = wasm_i32x4_splat(0);
  size_t i = 0;
  // An equal-to-zero lane is all ones (-1): subtracting the mask counts it.
  for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
    acc0 = wasm_i32x4_sub(acc0, wasm_f32x4_eq(Load(x + i), Zero()));
    acc1 = wasm_i32x4_sub(acc1, wasm_f32x4_eq(Load(x + i + kLanes), Zero()));
  }
  for (; i + kLanes <= n; i += kLanes) acc0 = wasm_i32x4_sub(acc0, wasm_f32x4_eq(Load(x + i), Zero()));
  if (i < n) acc1 = wasm_i32x4_sub(acc1, wasm_f32x4_eq(LoadPartial(x + i, n - i, 1.0f), Zero()));
  const v128_t acc = wasm_i32x4_add(acc0, acc1);
  return static_cast<size_t>(wasm_u32x4_extract_lane(acc, 0)) + wasm_u32x4_extract_lane(acc, 1) +
         wasm_u32x4_extract_lane(acc, 2) + wasm_u32x4_extract_lane(acc, 3);
}

}  // namespace relu::kernels
