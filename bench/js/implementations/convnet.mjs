// ConvNetJS 0.3, used the way its 2-D classification demo uses it: one Vol
// per sample, Trainer.train() per sample (it updates every `batch_size`
// samples), Net.forward() per grid point. Weights are overwritten with the
// shared initial parameters; ConvNetJS stores Float64, so they are widened.
//
// `convnetjs` is the library object, loaded by the environment (CommonJS in
// Node, a classic script in the page).

export function openConvnet(convnetjs) {
  return {
    variant: 'convnetjs 0.3',
    w1: (w) => spiralSession(convnetjs, w, true),
    w2: (w) => spiralSession(convnetjs, w, false),
    w3: (w) => classifierSession(convnetjs, w),
    d1: (w) => classifierSession(convnetjs, w),
    k1: (n) => reluKernelSession(convnetjs, n),
    close: () => {},
  };
}

/** Copies the shared parameter block into the net's fc layers, in order. */
function loadParams(net, w) {
  const fcLayers = net.layers.filter((layer) => layer.layer_type === 'fc');
  if (fcLayers.length !== w.layers.length) throw new Error('ConvNetJS net does not match the workload');
  fcLayers.forEach((fc, l) => {
    const shape = w.layers[l];
    for (let o = 0; o < shape.out; o++) {
      const filter = fc.filters[o].w;
      for (let i = 0; i < shape.in; i++) filter[i] = w.params[shape.weightOffset + i * shape.out + o];
      fc.biases.w[o] = w.params[shape.biasOffset + o];
    }
  });
}

function makeVol(convnetjs, values) {
  const vol = new convnetjs.Vol(1, 1, values.length, 0.0);
  vol.w.set(values);
  return vol;
}

function makeTrainer(convnetjs, net, w) {
  return new convnetjs.Trainer(net, {
    method: 'sgd', learning_rate: w.lr, momentum: 0.0, batch_size: w.batch, l2_decay: 0.0,
  });
}

function spiralSession(convnetjs, w, withGrid) {
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }];
  for (const units of w.hidden) defs.push({ type: 'fc', num_neurons: units, activation: 'relu' });
  defs.push({ type: 'fc', num_neurons: 1, activation: 'tanh' });
  defs.push({ type: 'regression', num_neurons: 1 });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  // makeLayers puts an fc layer of its own before the regression loss; drop
  // it so the loss sits on the tanh output, as in the other libraries.
  net.layers.splice(net.layers.length - 2, 1);
  loadParams(net, w);
  const trainer = makeTrainer(convnetjs, net, w);
  const toVols = (data) => Array.from({ length: data.count }, (_, i) => makeVol(convnetjs, data.x.subarray(2 * i, 2 * i + 2)));
  const trainVols = toVols(w.train);
  const testVols = toVols(w.test);
  const gridVol = makeVol(convnetjs, [0, 0]);
  const gridPoints = withGrid ? w.gridX.length / 2 : 0;
  const reluLayers = net.layers.filter((layer) => layer.layer_type === 'relu');
  const hiddenUnits = reluLayers.reduce((sum, layer) => sum + layer.out_depth, 0);
  const gridOut = new Float32Array(gridPoints * (hiddenUnits + 1));
  let cursor = 0;

  const trainSteps = (k) => {
    for (let s = 0; s < k * w.batch; s++) {
      const index = w.order[cursor];
      cursor = (cursor + 1) % w.order.length;
      trainer.train(trainVols[index], [w.train.target[index]]);
    }
  };
  const setLoss = (vols, data) => {
    let sum = 0;
    vols.forEach((vol, i) => {
      const d = net.forward(vol).w[0] - data.target[i];
      sum += 0.5 * d * d;
    });
    return sum / vols.length;
  };
  const loss = () => [setLoss(trainVols, w.train), setLoss(testVols, w.test)];
  // Node-major output like the core's EvalGrid: out[node * pixels + pixel].
  const heatmap = (allNeurons) => {
    for (let p = 0; p < gridPoints; p++) {
      gridVol.w[0] = w.gridX[2 * p];
      gridVol.w[1] = w.gridX[2 * p + 1];
      const out = net.forward(gridVol);
      let node = 0;
      if (allNeurons) {
        for (const layer of reluLayers) {
          const act = layer.out_act.w;
          for (let u = 0; u < act.length; u++) gridOut[(node++) * gridPoints + p] = act[u];
        }
      }
      gridOut[node * gridPoints + p] = out.w[0];
    }
    return gridOut;
  };
  const stepsPerEpoch = Math.floor(w.train.count / w.batch);
  return {
    trainSteps,
    loss,
    heatmapOutput: withGrid ? () => heatmap(false) : undefined,
    heatmapAll: withGrid ? () => heatmap(true) : undefined,
    frame: withGrid ? () => { trainSteps(stepsPerEpoch); loss(); heatmap(true); } : undefined,
    close: () => {},
  };
}

function classifierSession(convnetjs, w) {
  const { data } = w;
  const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: data.inputs }];
  for (const units of w.hidden) defs.push({ type: 'fc', num_neurons: units, activation: 'relu' });
  defs.push({ type: 'softmax', num_classes: data.classes });
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  loadParams(net, w);
  const trainer = makeTrainer(convnetjs, net, w);
  const toVols = (set) => Array.from({ length: set.count },
    (_, i) => makeVol(convnetjs, set.x.subarray(i * set.inputs, (i + 1) * set.inputs)));
  const vols = toVols(data);
  const testVols = w.test ? toVols(w.test) : null;
  // Mean cross-entropy and accuracy over `indices` of a set's vols.
  const lossOver = (setVols, labels, indices) => {
    let sum = 0;
    let right = 0;
    for (const index of indices) {
      const p = net.forward(setVols[index]).w;
      sum -= Math.log(p[labels[index]]);
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      if (best === labels[index]) right += 1;
    }
    return { loss: sum / indices.length, accuracy: right / indices.length };
  };
  const everyIndex = (count) => Array.from({ length: count }, (_, i) => i);
  const sets = w.test
    ? [[vols, data.labels, everyIndex(data.count)], [testVols, w.test.labels, everyIndex(w.test.count)]]
    : [];
  let cursor = 0;
  return {
    trainSteps: (k) => {
      for (let s = 0; s < k * w.batch; s++) {
        const index = w.order[cursor];
        cursor = (cursor + 1) % w.order.length;
        trainer.train(vols[index], data.labels[index]);
      }
    },
    // W3: the first batch's loss; D1: the loss over each whole set.
    loss: () => (w.test
      ? sets.map((set) => lossOver(...set).loss)
      : [lossOver(vols, data.labels, w.order.subarray(0, w.batch)).loss]),
    evaluate: w.test ? () => sets.map((set) => lossOver(...set)) : undefined,
    close: () => {},
  };
}

/** ConvNetJS's ReluLayer forward and backward over a Vol of n values. */
function reluKernelSession(convnetjs, n) {
  const layer = new convnetjs.ReluLayer({ in_sx: 1, in_sy: 1, in_depth: n });
  const input = makeVol(convnetjs, new Float32Array(n).map((_, i) => ((i * 7919) % 2001) / 1000 - 1));
  layer.forward(input);
  layer.out_act.dw.fill(1);
  return {
    forward: (k) => { for (let i = 0; i < k; i++) layer.forward(input); },
    backward: (k) => {
      const outAct = layer.out_act;
      for (let i = 0; i < k; i++) layer.backward();
      layer.out_act = outAct;
    },
    close: () => {},
  };
}
