// Compare mode's chart data and table rows (web/ui/compare-charts.js), and
// the public API's b. keys (compare-link.js splitComparePatch / applyCompareEntries).
import { MetricsHistory } from '../../../web/ui/chart-data.js';
import { overlayLossSeries, compareLayerRows } from '../../../web/ui/compare-charts.js';
import { splitComparePatch, applyCompareEntries, withCompare } from '../../../web/ui/compare-link.js';
import { decodeField, defaultState } from '../../../web/ui/state.js';

const layer = (deadUnits, sparsity, gradNorm) => ({ deadUnits, sparsity, gradNorm, updateRatio: 0, saturatedUnits: 0, weightNorm: 1 });
function historyOf(rows) {
  const history = new MetricsHistory();
  for (const [step, trainLoss, testLoss, layers] of rows) history.push({ step, trainLoss, testLoss, layers });
  return history;
}

describe('overlayLossSeries', () => {
  test('both runs on the union of their steps, null where a run has no row, non-finite losses as gaps', () => {
    const a = historyOf([[0, 1, 1.1, []], [10, 0.5, 0.6, []], [20, Infinity, NaN, []]]);
    const b = historyOf([[0, 1, 1.2, []], [15, 0.7, 0.8, []]]);
    expect(overlayLossSeries(a, b)).toEqual([
      [0, 10, 15, 20],
      [1, 0.5, null, null],
      [1.1, 0.6, null, null],
      [1, null, 0.7, null],
      [1.2, null, 0.8, null],
    ]);
  });
});

describe('compareLayerRows', () => {
  test('per layer, each run\'s newest values and which differ', () => {
    const a = historyOf([[1, 1, 1, [layer(0, 0.5, 1), layer(0, 0, 1)]], [2, 1, 1, [layer(3, 0.5, 1), layer(0, 0, 0.4)]]]);
    const b = historyOf([[2, 1, 1, [layer(0, 0.45, 1.9), layer(0, 0, 0.1)]]]);
    const rows = compareLayerRows(a, b);
    expect(rows.map((r) => r.label)).toEqual(['layer 1', 'output']);
    expect(rows[0].a).toEqual({ deadUnits: 3, sparsity: 0.5, gradNorm: 1 });
    expect(rows[0].differs).toEqual({ deadUnits: true, sparsity: false, gradNorm: false }); // 1.9x: not yet twice
    expect(rows[1].differs).toEqual({ deadUnits: false, sparsity: false, gradNorm: true }); // 4x
  });

  test('runs of different depths: the outputs line up, a layer only one run has shows null for the other', () => {
    const a = historyOf([[1, 1, 1, [layer(0, 0.5, 1), layer(0, 0, 1)]]]);
    const b = historyOf([[1, 1, 1, [layer(0, 0.5, 1), layer(2, 0.7, 1), layer(0, 0, 1)]]]);
    const rows = compareLayerRows(a, b);
    expect(rows.map((r) => r.label)).toEqual(['layer 1', 'layer 2', 'output']);
    expect(rows[1].a.deadUnits).toBeNull();
    expect(rows[1].b.deadUnits).toBe(2);
    expect(rows[1].differs.deadUnits).toBe(true);
    expect(rows[2].differs).toEqual({ deadUnits: false, sparsity: false, gradNorm: false });
  });
});

describe('the public API\'s b. keys', () => {
  const apply = (patch, state = defaultState()) => {
    const { rest, entries } = splitComparePatch(patch);
    return { rest, ...applyCompareEntries(state, entries, decodeField) };
  };

  test('an object or a query string: b. keys and compare go to B, the rest to the store', () => {
    const fromObject = apply({ learningRate: 0.1, 'b.learningRate': 0.5, 'b.activation': 'tanh' });
    expect(fromObject.rest).toEqual({ learningRate: 0.1 });
    expect(fromObject.state.compare).toEqual({ activation: 'tanh', learningRate: 0.5 });
    const fromText = apply('learningRate=0.1&b.learningRate=0.5&b.hidden=3,3');
    expect(fromText.rest).toBe('learningRate=0.1');
    expect(fromText.state.compare).toEqual({ hidden: [3, 3], learningRate: 0.5 });
  });

  test('compare: true opens B as a copy of A, false ends it; without compare keys nothing changes', () => {
    const on = apply({ compare: true }).state;
    expect(on.compare).toEqual({});
    expect(apply({ compare: false }, withCompare(on, { init: 'zeros' }).state).state.compare).toBeNull();
    const untouched = defaultState();
    expect(apply({ learningRate: 1 }, untouched).state).toBe(untouched);
  });

  test('refusals name b.<field> (or compare) and change nothing', () => {
    expect(apply({ 'b.learningRate': 99 }).error).toEqual({ field: 'b.learningRate', message: expect.stringMatching(/^b\.learningRate: .*10/) });
    expect(apply('b.learningRate=fast').error.field).toBe('b.learningRate');
    expect(apply({ 'b.seed': 3 }).error).toEqual({ field: 'b.seed', message: expect.stringContaining('share the seed and the data') });
    expect(apply({ 'b.nope': 3 }).error.field).toBe('b.nope');
    expect(apply({ compare: 'yes' }).error.field).toBe('compare');
    expect(apply({ compare: false, 'b.init': 'zeros' }).error.field).toBe('compare');
  });
});
