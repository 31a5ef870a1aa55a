// Lesson 1. 20-seed spread (docs/lessons/01-nonlinearity.md): linear train
// accuracy at most 0.704, ReLU at least 0.988. A line cannot do much better
// than 3/4 on xor or the circle, hence the 0.8 ceiling.
import lesson from '../../lessons/experiments/01-nonlinearity.mjs';

let data;
beforeAll(async () => { data = await lesson.measure({ seeds: 10, epochs: 100 }); });

const runsOf = (activation, dataset) => data.cases.find((c) => c.activation === activation && c.dataset === dataset && c.head === 'sigmoid-bce');

describe.each(['xor', 'circle'])('%s', (dataset) => {
  test('no linear network gets past 80% of the training set', () => {
    expect(Math.max(...runsOf('linear', dataset).trainAccuracy)).toBeLessThan(0.8);
  });
  test('every network with one ReLU layer fits at least 95% of it, and generalises', () => {
    expect(Math.min(...runsOf('relu', dataset).trainAccuracy)).toBeGreaterThan(0.95);
    expect(Math.min(...runsOf('relu', dataset).testAccuracy)).toBeGreaterThan(0.9);
  });
});

test('the plotted decision maps come from the presets\' own seed', () => {
  for (const c of data.cases.slice(0, 4)) {
    expect(c.grid).toHaveLength(40 * 40);
    expect(c.points.length).toBeGreaterThan(100);
  }
});
