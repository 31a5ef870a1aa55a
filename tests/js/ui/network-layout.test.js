import {
  layoutNetwork, hitTestLink, weightIndex, gridPlan, linkBucket, linkStyle, LINK_LEVELS, LINK_BUCKETS, countParams, MAX_DRAWN_UNITS,
} from '../../../web/ui/network-layout.js';

const layers = [
  { inputs: 2, outputs: 3, weightOffset: 0, biasOffset: 6 },
  { inputs: 3, outputs: 1, weightOffset: 9, biasOffset: 12 },
];

test('layout places every column left to right and links every pair', () => {
  const layout = layoutNetwork({ inputs: ['x1', 'x2'], layers, width: 300, nodeSize: 30 });
  expect(layout.columns.map((c) => c.nodes.length)).toEqual([2, 3, 1]);
  const xs = layout.columns.map((c) => c.nodes[0].x);
  expect(xs[0]).toBe(0);
  expect(xs[2]).toBe(270);
  expect(xs[1]).toBeGreaterThan(xs[0]);
  expect(layout.links).toHaveLength(2 * 3 + 3 * 1);
  // Nodes of a column do not overlap.
  const ys = layout.columns[1].nodes.map((n) => n.y);
  expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(30);
});

test('big layers draw their first units and count the rest', () => {
  const big = [{ inputs: 2, outputs: 100, weightOffset: 0 }, { inputs: 100, outputs: 1, weightOffset: 200 }];
  const layout = layoutNetwork({ inputs: ['x1', 'x2'], layers: big, width: 200 });
  expect(layout.columns[1].nodes).toHaveLength(MAX_DRAWN_UNITS);
  expect(layout.columns[1].hiddenCount).toBe(100 - MAX_DRAWN_UNITS);
});

test('hit testing finds the link under the pointer and nothing far away', () => {
  const layout = layoutNetwork({ inputs: ['x1', 'x2'], layers, width: 300, nodeSize: 30 });
  const link = layout.links[4];
  const mx = (link.x1 + link.x2) / 2;
  const my = (link.y1 + link.y2) / 2;
  expect(hitTestLink(layout.links, mx, my)).toBe(link);
  expect(hitTestLink(layout.links, -50, -50)).toBeNull();
});

test('weights are column-major [out x in]', () => {
  // W[to=2, from=1] of layer 0 (3 outputs) is at 0 + 1*3 + 2.
  expect(weightIndex(layers[0], 2, 1)).toBe(5);
  expect(weightIndex(layers[1], 0, 2)).toBe(11);
});

test('grid plan drops hidden grids for big networks and bounds the size and the work', () => {
  const small = gridPlan([{ inputs: 2, outputs: 8 }, { inputs: 8, outputs: 8 }, { inputs: 8, outputs: 1 }], 50);
  expect(small).toEqual({ gridSize: 50, hidden: true, hiddenUnits: 16, outputs: 1, evaluateEveryMs: 100 });
  // Thirty layers of 32: too many units to draw each, and each grid point costs ~31k multiply-adds.
  const deep = gridPlan([{ inputs: 2, outputs: 32 }, ...Array(29).fill({ inputs: 32, outputs: 32 }), { inputs: 32, outputs: 1 }], 50);
  expect(deep.hidden).toBe(false);
  expect(deep.gridSize).toBe(16);
  expect(deep.evaluateEveryMs).toBeGreaterThan(small.evaluateEveryMs); // a full pass over 500 samples costs ~15M multiply-adds
  const wide = gridPlan([{ inputs: 2, outputs: 250 }, { inputs: 250, outputs: 1 }], 100);
  expect(wide.hidden).toBe(true);
  expect(wide.gridSize * wide.gridSize * 251).toBeLessThanOrEqual(150000);
  const cheap = gridPlan([{ inputs: 2, outputs: 3 }, { inputs: 3, outputs: 1 }], 100);
  expect(cheap.gridSize).toBe(100);
});

test('link buckets: sign and size of the weight, capped, NaN as zero', () => {
  expect(linkBucket(0)).toBe(LINK_LEVELS);
  expect(linkBucket(100)).toBe(LINK_BUCKETS - 1);
  expect(linkBucket(-100)).toBe(0);
  expect(linkBucket(NaN)).toBe(LINK_LEVELS);
  expect(linkBucket(0.5)).toBeGreaterThan(LINK_LEVELS);
  expect(linkBucket(-0.5)).toBe(2 * LINK_LEVELS - linkBucket(0.5));
  expect(linkStyle(linkBucket(2)).width).toBeGreaterThan(linkStyle(linkBucket(0.2)).width);
  expect(linkStyle(linkBucket(-2)).width).toBe(linkStyle(linkBucket(2)).width);
  expect(linkStyle(0)).toEqual({ t: -1, width: 5 });
  expect(linkStyle(LINK_LEVELS).t).toBe(0);
});

test('countParams', () => {
  expect(countParams(2, [4, 2], 1)).toBe(2 * 4 + 4 + 4 * 2 + 2 + 2 * 1 + 1);
  expect(countParams(2, [], 3)).toBe(9);
});

import { outputScale, featureGrid, gridNodeIndex, fittingLabels } from '../../../web/ui/network-layout.js';

test('outputScale maps probabilities to [-1, 1] and leaves tanh alone', () => {
  expect(outputScale({ problem: 'binary', binaryHead: 'tanh-mse' })).toEqual({ scale: 1, shift: 0 });
  expect(outputScale({ problem: 'binary', binaryHead: 'sigmoid-bce' })).toEqual({ scale: 2, shift: -1 });
  expect(outputScale({ problem: 'multiclass', binaryHead: 'tanh-mse' })).toEqual({ scale: 2, shift: -1 });
  expect(outputScale({ problem: 'regression', binaryHead: 'sigmoid-bce' })).toEqual({ scale: 1, shift: 0 });
});

test('featureGrid follows the grid orientation (row 0 is the top, x2 = +domain)', () => {
  const x1 = featureGrid('x1', 4, 6);
  expect(x1[0]).toBeLessThan(0); // left
  expect(x1[3]).toBeGreaterThan(0); // right
  const x2 = featureGrid('x2', 4, 6);
  expect(x2[0]).toBeGreaterThan(0); // top
  expect(x2[12]).toBeLessThan(0); // bottom
  const sq = featureGrid('x1sq', 4, 6);
  expect(Math.max(...sq)).toBeCloseTo(1);
  expect(Math.min(...sq)).toBeGreaterThan(0);
});

test('gridNodeIndex: hidden units first, then the outputs', () => {
  const net = [{ outputs: 4 }, { outputs: 2 }, { outputs: 3 }];
  expect(gridNodeIndex(net, 0, 1, true)).toBe(1);
  expect(gridNodeIndex(net, 1, 0, true)).toBe(4);
  expect(gridNodeIndex(net, 2, 2, true)).toBe(8);
  expect(gridNodeIndex(net, 2, 2, false)).toBe(2);
  expect(gridNodeIndex(net, 0, 0, false)).toBe(-1);
});

describe('fittingLabels: a row of labels without overlaps', () => {
  test('labels with room are all shown', () => {
    const items = [0, 50, 100].map((x) => ({ x, width: 20 }));
    expect(fittingLabels(items)).toEqual([true, true, true]);
  });

  test('crowded labels: every few are shown, evenly, never overlapping', () => {
    // 30 columns 19 px apart, labels 30 px wide: every second one fits.
    const items = Array.from({ length: 30 }, (_, i) => ({ x: i * 19, width: 30 }));
    const shown = fittingLabels(items);
    expect(shown.filter(Boolean)).toHaveLength(15);
    const drawn = items.filter((_, i) => shown[i]);
    for (let i = 1; i < drawn.length; i++) expect(drawn[i].x).toBeGreaterThanOrEqual(drawn[i - 1].x + drawn[i - 1].width + 4);
  });

  test('"always" labels keep their place, and the labels before them make room', () => {
    const items = [{ x: 0, width: 10, always: true }, { x: 16, width: 30 }, { x: 30, width: 30 }, { x: 60, width: 20, always: true }];
    expect(fittingLabels(items)).toEqual([true, true, false, true]);
    // The second label would run into "out" at 40: it waits.
    expect(fittingLabels([{ x: 0, width: 10, always: true }, { x: 20, width: 30 }, { x: 40, width: 20, always: true }])).toEqual([true, false, true]);
  });
});
