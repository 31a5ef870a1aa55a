// The WASM bench module's C exports, called from bench/js/implementations/relu-core.mjs.
// Each Run/Steps call repeats its operation `reps` times inside WASM, so the
// JS-side timer sees many operations per call and no per-call overhead.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "core_gemm_bench.h"
#include "kernels/kernels.h"
#include "mlp_bench.h"
#include "relu_bench.h"
#if defined(__wasm_simd128__)
#include "proto_bench.h"
#include "proto_simd.h"
#endif

namespace {
relu::bench::ReluBench g_relu;
relu::bench::CoreGemmBench g_gemm;
relu::bench::MlpBench g_mlp;
#if defined(__wasm_simd128__)
relu::bench::ProtoGemmBench g_proto_gemm;
relu::bench::ProtoReluBench g_proto_relu;
std::vector<float> g_proto_grid, g_proto_grid_scratch;
std::string g_proto_check;
#endif
}  // namespace

extern "C" {

// "wasmsimd" or "scalar": which kernel set SelectKernels() picked.
EMSCRIPTEN_KEEPALIVE const char* bench_isa() { return relu::kernels::SelectKernels().isa; }

EMSCRIPTEN_KEEPALIVE void* bench_alloc(size_t bytes) { return std::malloc(bytes); }
EMSCRIPTEN_KEEPALIVE void bench_free(void* pointer) { std::free(pointer); }

EMSCRIPTEN_KEEPALIVE void bench_relu_prepare(size_t n) { g_relu.Prepare(n); }
EMSCRIPTEN_KEEPALIVE void bench_relu_forward(int reps) { g_relu.RunForward(reps); }
EMSCRIPTEN_KEEPALIVE void bench_relu_backward(int reps) { g_relu.RunBackward(reps); }
EMSCRIPTEN_KEEPALIVE float bench_relu_checksum() { return g_relu.Checksum(); }

// G1 through the model's products (what training runs at that size).
// trans: 0 = NN, 1 = NT, 2 = TN. Returns 0 for an unknown trans.
EMSCRIPTEN_KEEPALIVE int bench_gemm_prepare(int m, int k, int n, int trans) {
  static const char* const kNames[] = {"NN", "NT", "TN"};
  if (trans < 0 || trans > 2) return 0;
  return g_gemm.Prepare(m, k, n, kNames[trans]) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void bench_gemm_run(int reps) { g_gemm.Run(reps); }
EMSCRIPTEN_KEEPALIVE float bench_gemm_checksum() { return g_gemm.Checksum(); }

// A training step outside the Trainer (bench/cpp/common/mlp_bench.h): engine 0
// is the model's layer code, 1 the SIMD128 prototypes; softmax 1 is softmax +
// cross-entropy over `outputs` classes, 0 one tanh output + MSE (labels 0/1).
// The caller fills the arrays (allocated with bench_alloc) and keeps
// ownership; they are copied. Returns 0 when they do not fit the network.
EMSCRIPTEN_KEEPALIVE int bench_mlp_prepare(int engine, int softmax, int inputs, int outputs, int count,
                                           const int32_t* hidden, int hidden_count, int batch,
                                           float learning_rate, const float* params, size_t param_count,
                                           const float* x, const int32_t* labels, const int32_t* order,
                                           size_t order_count) {
  relu::bench::MlpData data;
  data.inputs = inputs;
  data.outputs = outputs;
  data.count = count;
  data.softmax = softmax != 0;
  data.hidden.assign(hidden, hidden + hidden_count);
  data.batch = batch;
  data.learningRate = learning_rate;
  data.params.assign(params, params + param_count);
  data.x.assign(x, x + static_cast<size_t>(count) * static_cast<size_t>(inputs));
  data.labels.assign(labels, labels + count);
  data.order.assign(order, order + order_count);
  const auto which = engine == 1 ? relu::bench::Engine::kProto : relu::bench::Engine::kModel;
  return g_mlp.Prepare(std::move(data), which) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void bench_mlp_steps(int steps) { g_mlp.RunSteps(steps); }
// Mean loss over n samples of the order from `first`, or over a whole set.
EMSCRIPTEN_KEEPALIVE double bench_mlp_order_loss(int first, int n) { return g_mlp.OrderLoss(first, n); }
EMSCRIPTEN_KEEPALIVE double bench_mlp_set_loss(const float* x, const int32_t* labels, int count, int inputs) {
  return g_mlp.SetLoss(std::vector<float>(x, x + static_cast<size_t>(count) * inputs),
                       std::vector<int32_t>(labels, labels + count));
}

#if defined(__wasm_simd128__)
// The SIMD128 prototypes (bench/cpp/common/proto_simd.h), same conventions as above.
EMSCRIPTEN_KEEPALIVE int bench_proto_gemm_prepare(int m, int k, int n, int trans) {
  static const char* const kNames[] = {"NN", "NT", "TN"};
  if (trans < 0 || trans > 2) return 0;
  return g_proto_gemm.Prepare(m, k, n, kNames[trans]) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void bench_proto_gemm_run(int reps) { g_proto_gemm.Run(reps); }
EMSCRIPTEN_KEEPALIVE void bench_proto_relu_prepare(size_t n) { g_proto_relu.Prepare(n); }
EMSCRIPTEN_KEEPALIVE void bench_proto_relu_forward(int reps) { g_proto_relu.RunForward(reps); }
// Every node of the MLP last prepared with bench_mlp_prepare (tanh output)
// over an n x n grid, by GridForward; returns the output [nodes x n x n].
EMSCRIPTEN_KEEPALIVE const float* bench_proto_grid(int n) {
  const std::vector<int> sizes = g_mlp.sizes();
  const int layers = static_cast<int>(sizes.size()) - 1;
  size_t nodes = 0;
  for (int l = 1; l <= layers; ++l) nodes += static_cast<size_t>(sizes[l]);
  g_proto_grid.resize(nodes * static_cast<size_t>(n) * n);
  g_proto_grid_scratch.resize(relu::bench::proto::GridScratchFloats(sizes.data(), layers, n));
  relu::bench::proto::GridForward(g_mlp.params().data(), sizes.data(), layers, n, relu::kDomain, g_proto_grid.data(),
                                  g_proto_grid_scratch.data());
  return g_proto_grid.data();
}
// "" when the prototypes agree with Eigen and the scalar ReLU, else what differed.
EMSCRIPTEN_KEEPALIVE const char* bench_proto_check() {
  g_proto_check = relu::bench::ProtoSelfCheck();
  return g_proto_check.c_str();
}
#endif

}  // extern "C"
