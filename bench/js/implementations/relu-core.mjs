// This project's core in WebAssembly, SIMD128 or scalar build.
//   W1, W2, D1: through the public JS API (web/api: createTrainer), exactly as
//           the worker drives it, with the shared initial weights via setParams.
//   W3, K1, G1: through the bench module (bench/cpp/wasm), built from the same
//           kernel and model sources with the same flags: the Trainer's
//           inputs are the playground's 2-D features, and the kernels and
//           dense-layer products (model/products.h) have no JS API of their own.

/**
 * api: the module web/api/index.js; build: 'simd' | 'scalar'; coreBaseUrl:
 * the folder of relu-core-<build>.{mjs,wasm}; benchModule: the instantiated
 * bench module of the same build, or null.
 */
export function openReluCore({ api, build, benchModule, coreBaseUrl }) {
  const isa = benchModule ? cString(benchModule, benchModule._bench_isa()) : '?';
  return {
    variant: `${build} build (kernels: ${isa})`,
    w1: api ? (w) => trainerSession(api, { build, wasmBaseUrl: coreBaseUrl }, w, true) : undefined,
    w2: api ? (w) => trainerSession(api, { build, wasmBaseUrl: coreBaseUrl }, w, false) : undefined,
    d1: api ? (w) => trainerSession(api, { build, wasmBaseUrl: coreBaseUrl }, w, false) : undefined,
    w3: benchModule ? (w) => mlpSession(benchModule, w) : undefined,
    k1: benchModule ? (n) => reluKernelSession(benchModule, n) : undefined,
    g1: benchModule ? (c) => gemmSession(benchModule, c) : undefined,
    close: () => {},
  };
}

/**
 * The core's layer code alone (Forward, ApplyHead, Backward, SGD) on W1/W2,
 * in the bench module's own training loop: beside "ours", it shows what the
 * Trainer's per-step bookkeeping costs.
 */
export function openLayerCode(benchModule, build) {
  if (!benchModule) throw new Error(`the ${build} bench module is missing`);
  return {
    variant: `${build} build, model layer code without the Trainer`,
    w1: (w) => mlpSession(benchModule, w),
    w2: (w) => mlpSession(benchModule, w),
    d1: (w) => mlpSession(benchModule, w),
    close: () => {},
  };
}

function cString(module, pointer) {
  const bytes = module.HEAPU8 ?? new Uint8Array(module.HEAPF32.buffer);
  let end = pointer;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.slice(pointer, end));
}

async function trainerSession(api, options, w, withGrid) {
  const trainer = await api.createTrainer(w.coreConfig, options);
  trainer.setParams(w.params);
  const grid = withGrid ? w.grid : 0;
  const allOut = withGrid ? new Float32Array(trainer.gridNodeCount({ hidden: true }) * grid * grid) : null;
  const outputOut = withGrid ? new Float32Array(trainer.gridNodeCount({ hidden: false }) * grid * grid) : null;
  const loss = () => {
    trainer.evaluate();
    const { trainLoss, testLoss } = trainer.metrics();
    return [trainLoss, testLoss];
  };
  const heatmapAll = () => trainer.evalGrid(grid, { hidden: true, out: allOut });
  return {
    trainSteps: (k) => trainer.step(k),
    loss,
    evaluate: () => trainer.evaluate(),
    heatmapAll: withGrid ? heatmapAll : undefined,
    heatmapOutput: withGrid ? () => trainer.evalGrid(grid, { hidden: false, out: outputOut }) : undefined,
    frame: withGrid ? () => { trainer.stepEpochs(1); loss(); heatmapAll(); } : undefined,
    close: () => trainer.delete(),
  };
}

/** Copies a typed array into the module's heap; returns its address. */
function copyIn(module, array) {
  const pointer = module._bench_alloc(array.byteLength);
  if (!pointer) throw new Error('bench module: out of memory');
  const heap = array instanceof Float32Array ? module.HEAPF32 : module.HEAP32;
  heap.set(array, pointer / 4);
  return pointer;
}

/**
 * A training session outside the Trainer (bench/cpp/common/mlp_bench.h), W3's
 * only path. The losses checked are those the JS libraries report: W3 on the
 * first batch, W1/W2/D1 on both sets.
 */
function mlpSession(module, w) {
  const spiralLabels = (data) => Int32Array.from(data.target, (t) => (t > 0 ? 1 : 0));
  const softmax = !w.train;
  const inputs = softmax ? w.data.inputs : 2;
  const x = softmax ? w.data.x : w.train.x;
  const labels = softmax ? w.data.labels : spiralLabels(w.train);
  const count = labels.length;
  const setup = [new Int32Array(w.hidden), w.params, x, labels, w.order].map((a) => copyIn(module, a));
  const [hidden, params, xPtr, labelsPtr, order] = setup;
  const ok = module._bench_mlp_prepare(softmax ? 1 : 0, inputs, softmax ? w.data.classes : 1, count,
    hidden, w.hidden.length, w.batch, w.lr, params, w.params.length, xPtr, labelsPtr, order, w.order.length);
  setup.forEach((p) => module._bench_free(p));
  if (!ok) throw new Error(`bench module: ${w.name} does not fit the network`);
  const setLoss = (data) => {
    const [dataX, dataLabels] = [data.x, softmax ? data.labels : spiralLabels(data)].map((a) => copyIn(module, a));
    const loss = module._bench_mlp_set_loss(dataX, dataLabels, data.count, inputs);
    module._bench_free(dataX);
    module._bench_free(dataLabels);
    return loss;
  };
  const trainSteps = (k) => module._bench_mlp_steps(k);
  const loss = () => {
    if (!softmax) return [setLoss(w.train), setLoss(w.test)];
    return w.test ? [setLoss(w.data), setLoss(w.test)] : [module._bench_mlp_order_loss(0, w.batch)];
  };
  return { trainSteps, loss, close: () => {} };
}

function reluKernelSession(module, n) {
  module._bench_relu_prepare(n);
  return {
    forward: (k) => module._bench_relu_forward(k),
    backward: (k) => module._bench_relu_backward(k),
    close: () => module._bench_relu_prepare(0),
  };
}

const TRANS_CODES = { NN: 0, NT: 1, TN: 2 };

function gemmSession(module, c) {
  if (!module._bench_gemm_prepare(c.m, c.k, c.n, TRANS_CODES[c.trans])) throw new Error(`bad G1 case ${c.name}`);
  return { run: (k) => module._bench_gemm_run(k), close: () => {} };
}
