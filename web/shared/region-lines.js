// The first hidden layer's on/off lines: unit u is on where
// w1·x1 + w2·x2 + b > 0, so its boundary is the line w1·x1 + w2·x2 + b = 0 of
// the input plane. That holds only when the network's inputs are exactly x1
// and x2; with other features (x1², sin x1, ...) the boundaries are curves,
// and only the regions' own edges show them.

/** Whether the first layer's boundaries are straight lines of the plane. */
export function hasStraightLines(features) {
  return Array.isArray(features) && features.length === 2 && features[0] === 'x1' && features[1] === 'x2';
}

/**
 * [w1, w2, b] per first-layer unit, as a Float32Array [units x 3], from the
 * layer's weights (column-major [units x 2]) followed by its biases [units],
 * the stretch of the parameter block from its weightOffset; null when the
 * features are not x1, x2.
 */
export function firstLayerLines(features, units, weightsThenBiases) {
  if (!hasStraightLines(features)) return null;
  const lines = new Float32Array(units * 3);
  for (let u = 0; u < units; u += 1) {
    lines[u * 3] = weightsThenBiases[u];
    lines[u * 3 + 1] = weightsThenBiases[units + u];
    lines[u * 3 + 2] = weightsThenBiases[2 * units + u];
  }
  return lines;
}

/**
 * The part of the line w1·x1 + w2·x2 + b = 0 inside the square
 * [-domain, domain]², as [x1a, x2a, x1b, x2b], or null when it misses the
 * square (or w = 0: no line at all).
 */
export function clipLine(w1, w2, b, domain) {
  const points = [];
  const add = (x1, x2) => {
    const inside = Math.abs(x1) <= domain + 1e-9 && Math.abs(x2) <= domain + 1e-9;
    if (inside && !points.some(([p1, p2]) => Math.abs(p1 - x1) < 1e-9 && Math.abs(p2 - x2) < 1e-9)) {
      points.push([x1, x2]);
    }
  };
  if (w2 !== 0) {
    for (const x1 of [-domain, domain]) add(x1, -(w1 * x1 + b) / w2);
  }
  if (w1 !== 0) {
    for (const x2 of [-domain, domain]) add(-(w2 * x2 + b) / w1, x2);
  }
  if (points.length < 2) return null;
  // A line crossing a corner may add a third point equal to one already seen.
  const [a, c] = points;
  return [a[0], a[1], c[0], c[1]];
}
