#include "model/network.h"

#include <Eigen/Core>
#include <algorithm>

namespace relu {
namespace {

using MatrixMap = Eigen::Map<Eigen::MatrixXf>;
using ConstMatrixMap = Eigen::Map<const Eigen::MatrixXf>;

// Small products take plain loops that the compiler vectorises, with no
// setup cost: below ~24^3 multiply-adds Eigen's products spend more time on
// packing, blocking and dispatch than on arithmetic, and while the weights
// fit in L1 (64 x 64 floats) the register-blocked loops below keep pace with
// Eigen (which has no SIMD128 path of its own in WASM). They also keep each
// sum in a fixed order, so small networks give the same bits everywhere.
constexpr size_t kSmallProductMaxMacs = 24 * 24 * 24;
constexpr size_t kSmallProductMaxWeights = 64 * 64;

bool IsSmall(int rows, int inner, int cols) {
  const size_t weights = static_cast<size_t>(rows) * static_cast<size_t>(inner);
  return weights <= kSmallProductMaxWeights ||
         weights * static_cast<size_t>(cols) <= kSmallProductMaxMacs;
}

// One column of out = a * b, rows [r, r + kBlock), summed in kBlock
// accumulators that stay in vector registers through the whole inner loop.
// a is column-major with `rows` rows; the column's entries of b are
// b_col[k * b_step] for k in [0, inner).
template <size_t kBlock>
void ProductRowBlock(size_t rows, size_t inner, size_t r, const float* __restrict a,
                     const float* __restrict b_col, size_t b_step, float* __restrict out_col) {
  float acc[kBlock];
  for (size_t t = 0; t < kBlock; ++t) acc[t] = a[r + t] * b_col[0];
  for (size_t k = 1; k < inner; ++k) {
    const float bk = b_col[k * b_step];
    const float* __restrict ak = a + k * rows + r;
    for (size_t t = 0; t < kBlock; ++t) acc[t] += ak[t] * bk;
  }
  for (size_t t = 0; t < kBlock; ++t) out_col[r + t] = acc[t];
}

// out = a * b for small matrices.   a: [rows x inner]   out: [rows x cols]
// Column j of b starts at b + j * b_col_stride, its entries b_step apart, so
// b may be a matrix or the transpose of one without copying.
void SmallProduct(size_t rows, size_t inner, size_t cols, const float* __restrict a,
                  const float* __restrict b, size_t b_col_stride, size_t b_step,
                  float* __restrict out) {
  for (size_t j = 0; j < cols; ++j) {
    const float* b_col = b + j * b_col_stride;
    float* out_col = out + j * rows;
    size_t r = 0;
    for (; r + 8 <= rows; r += 8) ProductRowBlock<8>(rows, inner, r, a, b_col, b_step, out_col);
    if (r + 4 <= rows) {
      ProductRowBlock<4>(rows, inner, r, a, b_col, b_step, out_col);
      r += 4;
    }
    for (; r < rows; ++r) ProductRowBlock<1>(rows, inner, r, a, b_col, b_step, out_col);
  }
}

// z = w * x.   w: [rows x inner]   x: [inner x cols]   z: [rows x cols]
void SmallForward(size_t rows, size_t inner, size_t cols, const float* w, const float* x,
                  float* z) {
  SmallProduct(rows, inner, cols, w, x, inner, 1, z);
}

// dw = dz * x^T.   dz: [rows x cols]   x: [inner x cols]   dw: [rows x inner]
void SmallWeightGradient(size_t rows, size_t inner, size_t cols, const float* dz, const float* x,
                         float* dw) {
  SmallProduct(rows, cols, inner, dz, x, 1, inner, dw);
}

// dx = w^T * dz, through wt, a transposed copy of w, so that the
// accumulators run down contiguous columns as in the other two products.
//   w: [rows x inner]   dz: [rows x cols]   dx: [inner x cols]   wt: [inner x rows] (scratch)
void SmallInputGradient(size_t rows, size_t inner, size_t cols, const float* __restrict w,
                        const float* dz, float* dx, float* __restrict wt) {
  for (size_t k = 0; k < inner; ++k) {
    for (size_t r = 0; r < rows; ++r) wt[r * inner + k] = w[k * rows + r];
  }
  SmallProduct(inner, rows, cols, wt, dz, rows, 1, dx);
}

// Buffers start on 64-byte boundaries, so SIMD loads of a column start aligned
// whenever the row count allows.
size_t Padded(size_t floats) { return (floats + 15) / 16 * 16; }

// The small-product path's transposed weights, for the largest layer that
// can take it.
size_t ScratchFloats(const NetworkLayout& layout) {
  size_t largest = 0;
  for (const LayerLayout& layer : layout.layers) {
    largest =
        std::max(largest, static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs));
  }
  return std::min(largest, std::max(kSmallProductMaxMacs, kSmallProductMaxWeights));
}

}  // namespace

Head HeadOf(const Config& config) {
  switch (config.problem) {
    case Problem::kRegression:
      return Head::kLinearMse;
    case Problem::kMulticlass:
      return Head::kSoftmaxCe;
    case Problem::kBinary:
      break;
  }
  return config.binaryHead == BinaryHead::kSigmoidBce ? Head::kSigmoidBce : Head::kTanhMse;
}

NetworkLayout MakeLayout(const Config& config, int inputs, int outputs) {
  NetworkLayout layout;
  layout.inputs = inputs;
  layout.head = HeadOf(config);
  layout.widest = std::max(inputs, outputs);
  size_t offset = 0;
  int fan_in = inputs;
  const size_t hidden_count = config.hidden.size();
  for (size_t l = 0; l <= hidden_count; ++l) {
    LayerLayout layer;
    const bool is_output = l == hidden_count;
    layer.inputs = fan_in;
    layer.outputs = is_output ? outputs : config.hidden[l];
    layer.act = is_output ? Act::kLinear : config.activations[l];
    layer.weightOffset = offset;
    offset += static_cast<size_t>(layer.outputs) * static_cast<size_t>(layer.inputs);
    layer.biasOffset = offset;
    offset += static_cast<size_t>(layer.outputs);
    if (layer.act == Act::kPrelu) {
      layer.slopeOffset = offset;
      layer.slopeCount = config.preluPerUnit ? layer.outputs : 1;
      offset += static_cast<size_t>(layer.slopeCount);
    }
    layout.widest = std::max(layout.widest, layer.outputs);
    layout.layers.push_back(layer);
    fan_in = layer.outputs;
  }
  layout.paramCount = offset;
  SetLiveActParams(config, &layout);
  return layout;
}

void SetLiveActParams(const Config& config, NetworkLayout* layout) {
  for (LayerLayout& layer : layout->layers) {
    layer.actParams.alpha = layer.act == Act::kLeakyRelu ? config.leakySlope
                            : layer.act == Act::kElu     ? config.eluAlpha
                                                         : 0.0f;
  }
}

size_t WorkspaceFloats(const NetworkLayout& layout, int capacity) {
  const auto cap = static_cast<size_t>(capacity);
  size_t floats = Padded(static_cast<size_t>(layout.inputs) * cap) + Padded(cap) +
                  2 * Padded(static_cast<size_t>(layout.widest) * cap) +
                  Padded(ScratchFloats(layout));
  const size_t last = layout.layers.size() - 1;
  for (size_t l = 0; l < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const size_t block = Padded(static_cast<size_t>(layer.outputs) * cap);
    const bool aliased = layer.act == Act::kLinear && l != last;
    floats += aliased ? block : 2 * block;
    if (layer.act == Act::kPrelu) floats += 2 * Padded(static_cast<size_t>(layer.outputs));
  }
  return floats;
}

bool Workspace::Resize(const NetworkLayout& layout, int capacity) {
  const auto cap = static_cast<size_t>(capacity);
  const size_t count = layout.layers.size();
  std::vector<size_t> pre(count), act(count), slopes(count, 0), slope_grads(count, 0);
  size_t offset = 0;
  auto take = [&offset](size_t floats) {
    const size_t start = offset;
    offset += Padded(floats);
    return start;
  };
  const size_t input = take(static_cast<size_t>(layout.inputs) * cap);
  const size_t labels = take(cap);
  const size_t delta0 = take(static_cast<size_t>(layout.widest) * cap);
  const size_t delta1 = take(static_cast<size_t>(layout.widest) * cap);
  const size_t scratch = take(ScratchFloats(layout));
  for (size_t l = 0; l < count; ++l) {
    const LayerLayout& layer = layout.layers[l];
    const size_t block = static_cast<size_t>(layer.outputs) * cap;
    pre[l] = take(block);
    // A linear hidden layer's activations are its pre-activations.
    act[l] = layer.act == Act::kLinear && l != count - 1 ? pre[l] : take(block);
    if (layer.act == Act::kPrelu) {
      slopes[l] = take(static_cast<size_t>(layer.outputs));
      slope_grads[l] = take(static_cast<size_t>(layer.outputs));
    }
  }
  if (!block_.Assign(offset)) return false;
  capacity_ = capacity;
  input_ = input;
  labels_ = labels;
  delta_[0] = delta0;
  delta_[1] = delta1;
  scratch_ = scratch;
  pre_ = std::move(pre);
  act_ = std::move(act);
  slopes_ = std::move(slopes);
  slopeGrads_ = std::move(slope_grads);
  return true;
}

void Forward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
             int cols, Workspace* ws) {
  const size_t count = layout.layers.size();
  for (size_t l = 0; l < count; ++l) {
    const LayerLayout& layer = layout.layers[l];
    const auto rows = static_cast<size_t>(layer.outputs);
    const auto n = static_cast<size_t>(cols);
    const float* x = l == 0 ? ws->input() : ws->act(static_cast<int>(l) - 1);  // [inputs x cols]
    float* z = ws->pre(static_cast<int>(l));                                   // [outputs x cols]
    float* a = ws->act(static_cast<int>(l));                                   // [outputs x cols]
    const float* bias = params + layer.biasOffset;                             // [outputs]
    const float* w = params + layer.weightOffset;                              // [outputs x inputs]
    const auto inputs = static_cast<size_t>(layer.inputs);
    if (IsSmall(layer.outputs, layer.inputs, cols)) {
      SmallForward(rows, inputs, n, w, x, z);
    } else if (kernels.gemm) {  // the build's SIMD product, where Eigen has none
      kernels.gemm(rows, n, inputs, w, 1, rows, x, 1, inputs, z, rows);
    } else {
      MatrixMap(z, layer.outputs, cols).noalias() =
          ConstMatrixMap(w, layer.outputs, layer.inputs) * ConstMatrixMap(x, layer.inputs, cols);
    }

    if (l == count - 1) {  // logits: the head reads Z and writes A
      kernels[Act::kLinear].bias_forward(rows, n, z, bias, z, nullptr);
    } else if (layer.act != Act::kPrelu) {
      kernels[layer.act].bias_forward(rows, n, z, bias, a, &layer.actParams);
    } else {
      const float* slope = params + layer.slopeOffset;      // [slopeCount]
      float* row_slopes = ws->slopes(static_cast<int>(l));  // [outputs], kept for backward
      for (size_t r = 0; r < rows; ++r) row_slopes[r] = layer.slopeCount == 1 ? slope[0] : slope[r];
      if (layer.slopeCount == 1) {
        const kernels::ActParams shared{slope[0]};
        kernels[Act::kLeakyRelu].bias_forward(rows, n, z, bias, a, &shared);
      } else {
        kernels[Act::kLinear].bias_forward(rows, n, z, bias, z, nullptr);
        for (size_t j = 0; j < n; ++j)
          kernels.prelu_forward(rows, z + j * rows, row_slopes, a + j * rows);
      }
    }
  }
}

void Backward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
              int cols, Workspace* ws, float* grads) {
  const int count = static_cast<int>(layout.layers.size());
  int current = 0;  // ws->delta(current) holds dL/dA_l (hidden) or dL/dZ_l (output)
  for (int l = count - 1; l >= 0; --l) {
    const LayerLayout& layer = layout.layers[l];
    const auto rows = static_cast<size_t>(layer.outputs);
    const auto n = static_cast<size_t>(cols);
    float* dz = ws->delta(current);  // [outputs x cols]: dA in, dZ out (in place)
    if (l != count - 1) {
      const float* z = ws->pre(l);  // [outputs x cols]
      const float* a = ws->act(l);  // [outputs x cols]
      if (layer.act == Act::kPrelu) {
        const float* row_slopes = ws->slopes(l);  // [outputs]
        float* slope_grads = ws->slopeGrads(l);   // [outputs], accumulated over columns
        std::fill(slope_grads, slope_grads + rows, 0.0f);
        for (size_t j = 0; j < n; ++j) {
          kernels.prelu_backward(rows, z + j * rows, row_slopes, dz + j * rows, dz + j * rows,
                                 slope_grads);
        }
        float* dslope = grads + layer.slopeOffset;  // [slopeCount]
        if (layer.slopeCount == 1) {
          float sum = 0.0f;
          for (size_t r = 0; r < rows; ++r) sum += slope_grads[r];
          dslope[0] = sum;
        } else {
          std::copy(slope_grads, slope_grads + rows, dslope);
        }
      } else if (layer.act != Act::kLinear) {
        kernels[layer.act].backward(rows * n, z, a, dz, dz, &layer.actParams);
      }
    }
    const float* x = l == 0 ? ws->input() : ws->act(l - 1);  // [inputs x cols]
    const float* w = params + layer.weightOffset;            // [outputs x inputs]
    float* dw = grads + layer.weightOffset;                  // [outputs x inputs]
    float* db = grads + layer.biasOffset;                    // [outputs]
    float* dx = l > 0 ? ws->delta(1 - current) : nullptr;    // [inputs x cols]: dL/dA_{l-1}
    const auto inputs = static_cast<size_t>(layer.inputs);
    if (IsSmall(layer.outputs, layer.inputs, cols)) {
      SmallWeightGradient(rows, inputs, n, dz, x, dw);
      if (dx) SmallInputGradient(rows, inputs, n, w, dz, dx, ws->scratch());
    } else if (kernels.gemm) {
      // Transposed operands through the kernel's element steps, no copies:
      // dw = dz * x^T reads x^T(p, j) = x[j + p * inputs];
      // dx = w^T * dz reads w^T(i, p) = w[p + i * rows].
      kernels.gemm(rows, inputs, n, dz, 1, rows, x, inputs, 1, dw, rows);
      if (dx) kernels.gemm(inputs, n, rows, w, rows, 1, dz, 1, rows, dx, inputs);
    } else {
      const ConstMatrixMap dz_map(dz, layer.outputs, cols);
      MatrixMap(dw, layer.outputs, layer.inputs).noalias() =
          dz_map * ConstMatrixMap(x, layer.inputs, cols).transpose();
      if (dx) {
        MatrixMap(dx, layer.inputs, cols).noalias() =
            ConstMatrixMap(w, layer.outputs, layer.inputs).transpose() * dz_map;
      }
    }
    std::fill(db, db + rows, 0.0f);
    for (size_t j = 0; j < n; ++j) {
      for (size_t r = 0; r < rows; ++r) db[r] += dz[j * rows + r];
    }
    if (dx) current = 1 - current;
  }
}

}  // namespace relu
