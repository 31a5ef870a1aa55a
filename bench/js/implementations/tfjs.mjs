// TensorFlow.js 4.22 (tfjs-core + the cpu or wasm backend), written the way a
// TF.js user would: variables, fused dense ops, a loss, optimizer.minimize().
// It is given every advantage the API allows: mini-batches are built as
// tensors once, up front, so the timed loop is only the training step.
//
// `tf` is the bench's bundle of tfjs-core + gradients + both backends
// (bench/js/implementations/tfjs-bundle-entry.mjs), loaded by the environment.

/** Opens one backend; returns the implementation's workload sessions. */
export async function openTfjs(tf, backend) {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
  // The cpu backend advertises tfjs-node on its first tensor under Node; keep the output clean.
  if (backend === 'cpu') tf.backend().firstUse = false;
  let variant = backend;
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    variant = `wasm ${simd ? 'SIMD' : 'no SIMD'}${threads ? ' threaded' : ''}`;
  }
  return {
    variant,
    w1: (w) => spiralSession(tf, w, true),
    w2: (w) => spiralSession(tf, w, false),
    w3: (w) => classifierSession(tf, w),
    d1: (w) => classifierSession(tf, w),
    k1: (n) => reluKernelSession(tf, n),
    g1: (c) => matMulSession(tf, c),
    close: () => tf.disposeVariables(),
  };
}

/** Variables of an MLP from the shared parameter block (W row-major [in x out], as TF.js wants). */
function makeVariables(tf, w) {
  return w.layers.map((layer) => ({
    weight: tf.variable(tf.tensor2d(
      w.params.subarray(layer.weightOffset, layer.weightOffset + layer.in * layer.out), [layer.in, layer.out])),
    bias: tf.variable(tf.tensor1d(w.params.subarray(layer.biasOffset, layer.biasOffset + layer.out))),
  }));
}

/** Forward pass: ReLU hidden layers, a linear output layer; `hidden` collects the activations. */
function forwardLogits(tf, vars, x, hidden) {
  let h = x;
  for (let l = 0; l < vars.length - 1; l++) {
    h = tf.fused.matMul({ a: h, b: vars[l].weight, bias: vars[l].bias, activation: 'relu' });
    if (hidden) hidden.push(h);
  }
  const last = vars[vars.length - 1];
  return tf.fused.matMul({ a: h, b: last.weight, bias: last.bias });
}

/** Mini-batches in the shared sample order, as tensors built once. */
function makeBatches(tf, order, batch, makeOne) {
  const batches = [];
  for (let start = 0; start + batch <= order.length; start += batch) {
    batches.push(makeOne(order.subarray(start, start + batch)));
  }
  return batches;
}

function gather(source, width, indices) {
  const out = new Float32Array(indices.length * width);
  indices.forEach((index, row) => out.set(source.subarray(index * width, (index + 1) * width), row * width));
  return out;
}

// 0.5 * mean squared error: the loss ConvNetJS's regression layer trains with.
const halfMse = (tf, out, target) => tf.mul(0.5, tf.mean(tf.squaredDifference(out, target)));

function spiralSession(tf, w, withGrid) {
  const vars = makeVariables(tf, w);
  const optimizer = tf.train.sgd(w.lr);
  const batches = makeBatches(tf, w.order, w.batch, (idx) => ({
    x: tf.tensor2d(gather(w.train.x, 2, idx), [idx.length, 2]),
    t: tf.tensor2d(gather(w.train.target, 1, idx), [idx.length, 1]),
  }));
  const setOf = (data) => ({ x: tf.tensor2d(data.x, [data.count, 2]), t: tf.tensor2d(data.target, [data.count, 1]) });
  const trainSet = setOf(w.train);
  const testSet = setOf(w.test);
  const grid = withGrid ? tf.tensor2d(w.gridX, [w.gridX.length / 2, 2]) : null;
  let next = 0;

  const trainSteps = (k) => {
    for (let i = 0; i < k; i++) {
      const { x, t } = batches[next];
      next = (next + 1) % batches.length;
      optimizer.minimize(() => halfMse(tf, tf.tanh(forwardLogits(tf, vars, x)), t));
    }
  };
  const loss = () => [trainSet, testSet].map(({ x, t }) =>
    tf.tidy(() => halfMse(tf, tf.tanh(forwardLogits(tf, vars, x)), t)).dataSync()[0]);
  // The page needs the values on the CPU to draw them, hence dataSync().
  const heatmapOutput = () => tf.tidy(() => tf.tanh(forwardLogits(tf, vars, grid)).dataSync());
  const heatmapAll = () => tf.tidy(() => {
    const hidden = [];
    const out = tf.tanh(forwardLogits(tf, vars, grid, hidden));
    return [...hidden, out].map((h) => h.dataSync());
  });
  const stepsPerEpoch = Math.floor(w.train.count / w.batch);
  return {
    trainSteps,
    loss,
    heatmapOutput: withGrid ? heatmapOutput : undefined,
    heatmapAll: withGrid ? heatmapAll : undefined,
    frame: withGrid ? () => { trainSteps(stepsPerEpoch); loss(); heatmapAll(); } : undefined,
    close: () => {
      tf.dispose([...batches.flatMap((b) => [b.x, b.t]), trainSet.x, trainSet.t, testSet.x, testSet.t]);
      if (grid) grid.dispose();
      vars.forEach((v) => tf.dispose([v.weight, v.bias]));
      optimizer.dispose();
    },
  };
}

function classifierSession(tf, w) {
  const vars = makeVariables(tf, w);
  const optimizer = tf.train.sgd(w.lr);
  const { data } = w;
  const batches = makeBatches(tf, w.order, w.batch, (idx) => ({
    x: tf.tensor2d(gather(data.x, data.inputs, idx), [idx.length, data.inputs]),
    y: tf.oneHot(tf.tensor1d(Array.from(idx, (i) => data.labels[i]), 'int32'), data.classes),
  }));
  const setOf = (s) => {
    const labels = tf.tensor1d(s.labels, 'int32');
    return { x: tf.tensor2d(s.x, [s.count, s.inputs]), y: tf.oneHot(labels, s.classes), labels };
  };
  const sets = w.test ? [setOf(data), setOf(w.test)] : [];
  // {loss, accuracy} of a set (accuracy only where its labels are kept).
  const setLoss = ({ x, y, labels }) => tf.tidy(() => {
    const logits = forwardLogits(tf, vars, x);
    const loss = tf.losses.softmaxCrossEntropy(y, logits).dataSync()[0];
    const accuracy = labels ? tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')).dataSync()[0] : undefined;
    return { loss, accuracy };
  });
  let next = 0;
  return {
    trainSteps: (k) => {
      for (let i = 0; i < k; i++) {
        const { x, y } = batches[next];
        next = (next + 1) % batches.length;
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, forwardLogits(tf, vars, x)));
      }
    },
    // W3: the first batch's loss; D1: the loss over each whole set.
    loss: () => (w.test ? sets.map((s) => setLoss(s).loss) : [setLoss(batches[0]).loss]),
    // Loss and accuracy over both sets, read back as the page would.
    evaluate: w.test ? () => sets.map(setLoss) : undefined,
    close: () => {
      tf.dispose(batches.flatMap((b) => [b.x, b.y]));
      tf.dispose(sets.flatMap((s) => [s.x, s.y, s.labels]));
      vars.forEach((v) => tf.dispose([v.weight, v.bias]));
      optimizer.dispose();
    },
  };
}

/** tf.relu and its registered gradient (what backprop runs), over n floats. */
function reluKernelSession(tf, n) {
  const values = new Float32Array(n).map((_, i) => ((i * 7919) % 2001) / 1000 - 1);
  const x = tf.tensor1d(values);
  const dy = tf.onesLike(x);
  const reluGrad = tf.getGradient('Relu');
  return {
    forward: (k) => { for (let i = 0; i < k; i++) tf.relu(x).dispose(); },
    backward: (k) => { for (let i = 0; i < k; i++) tf.tidy(() => reluGrad.gradFunc(dy, [x]).x()); },
    close: () => tf.dispose([x, dy]),
  };
}

/** tf.matMul at one G1 size (A and B resident, the product disposed). */
function matMulSession(tf, c) {
  const aShape = c.trans[0] === 'T' ? [c.k, c.m] : [c.m, c.k];
  const bShape = c.trans[1] === 'T' ? [c.n, c.k] : [c.k, c.n];
  const a = tf.ones(aShape);
  const b = tf.ones(bShape);
  return {
    run: (k) => {
      for (let i = 0; i < k; i++) tf.matMul(a, b, c.trans[0] === 'T', c.trans[1] === 'T').dispose();
    },
    close: () => tf.dispose([a, b]),
  };
}
