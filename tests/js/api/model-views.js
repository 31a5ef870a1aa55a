// Reading a trainer's parameter block and data the way the API documents
// them, for the behaviour tests.

/** Per weight layer: {W, b, slopes} as Float32Arrays cut from params(). */
export function splitParams(trainer) {
  const params = trainer.params();
  return trainer.layers().map((layer) => ({
    W: params.slice(layer.weightOffset, layer.weightOffset + layer.inputs * layer.outputs),
    b: params.slice(layer.biasOffset, layer.biasOffset + layer.outputs),
    slopes: params.slice(layer.slopeOffset, layer.slopeOffset + layer.slopeCount),
  }));
}

export function allWeights(trainer) {
  return splitParams(trainer).flatMap(({ W }) => [...W]);
}

export function allBiases(trainer) {
  return splitParams(trainer).flatMap(({ b }) => [...b]);
}

export function maxAbs(values) {
  return values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}

export function norm(values) {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
}

/** Element-wise a - b of two equally long lists. */
export function difference(a, b) {
  expect(a.length).toBe(b.length);
  return Array.from(a, (v, i) => v - b[i]);
}

export function sameValues(a, b) {
  return a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
}

/** [{x1, x2, label}] of a flat [x1, x2, label]* Float32Array. */
export function triples(flat) {
  const points = [];
  for (let i = 0; i < flat.length; i += 3) points.push({ x1: flat[i], x2: flat[i + 1], label: flat[i + 2] });
  return points;
}

export function pointCount(trainer) {
  const { train, test } = trainer.points();
  return { train: train.length / 3, test: test.length / 3 };
}
