// The WASM bench module's C exports, called from bench/js/implementations/relu-core.mjs.
// Each Run/Steps call repeats its operation `reps` times inside WASM, so the
// JS-side timer sees many operations per call and no per-call overhead.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "core_gemm_bench.h"
#include "kernels/kernels.h"
#include "mlp_bench.h"
#include "relu_bench.h"

namespace {
relu::bench::ReluBench g_relu;
relu::bench::CoreGemmBench g_gemm;
relu::bench::MlpBench g_mlp;
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

// A training step of the model's layer code outside the Trainer
// (bench/cpp/common/mlp_bench.h): softmax 1 is softmax + cross-entropy over
// `outputs` classes, 0 one tanh output + MSE (labels 0/1).
// The caller fills the arrays (allocated with bench_alloc) and keeps
// ownership; they are copied. Returns 0 when they do not fit the network.
EMSCRIPTEN_KEEPALIVE int bench_mlp_prepare(int softmax, int inputs, int outputs, int count,
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
  return g_mlp.Prepare(std::move(data)) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void bench_mlp_steps(int steps) { g_mlp.RunSteps(steps); }
// Mean loss over n samples of the order from `first`, or over a whole set.
EMSCRIPTEN_KEEPALIVE double bench_mlp_order_loss(int first, int n) { return g_mlp.OrderLoss(first, n); }
EMSCRIPTEN_KEEPALIVE double bench_mlp_set_loss(const float* x, const int32_t* labels, int count, int inputs) {
  return g_mlp.SetLoss(std::vector<float>(x, x + static_cast<size_t>(count) * inputs),
                       std::vector<int32_t>(labels, labels + count));
}

}  // extern "C"
