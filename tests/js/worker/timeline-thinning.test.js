// The replay timeline's thinning policy (web/worker/timeline-thinning.js):
// the budget is never exceeded, the start and the marked checkpoints stay,
// and the recent past is kept denser than the old. No core needed.
import fc from 'fast-check';
import { CheckpointStore, evictionIndex } from '../../../web/worker/timeline-thinning.js';

const store = (over = {}) => new CheckpointStore({ maxBytes: 1000, maxCount: 50, maxMarks: 4, minCount: 4, ...over });

test('neither the byte budget nor the count is ever exceeded, whatever the sizes and steps', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ advance: fc.integer({ min: 0, max: 500 }), bytes: fc.integer({ min: 1, max: 400 }), keep: fc.boolean() }), { maxLength: 300 }),
    fc.integer({ min: 100, max: 5000 }), fc.integer({ min: 2, max: 40 }),
    (records, maxBytes, maxCount) => {
      const s = store({ maxBytes, maxCount });
      let step = 0;
      for (const { advance, bytes, keep } of records) {
        step += advance;
        const kept = s.add({ step, bytes, keep });
        expect(kept).toBe(bytes * 4 <= maxBytes);
        expect(s.bytes).toBeLessThanOrEqual(maxBytes);
        expect(s.entries.length).toBeLessThanOrEqual(maxCount);
        expect(s.bytes).toBe(s.entries.reduce((sum, e) => sum + e.bytes, 0));
        const steps = s.entries.map((e) => e.step);
        expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));
      }
    },
  ));
});

test('the start, the newest and every marked checkpoint are kept while the marks alone fit', () => {
  const s = store({ maxBytes: 10_000, maxCount: 30 });
  const marked = [0, 137, 900, 2500];
  for (let step = 0; step <= 5000; step += 1) s.add({ step, bytes: 10, keep: marked.includes(step) });
  const steps = s.entries.map((e) => e.step);
  expect(steps[0]).toBe(0);
  expect(steps.at(-1)).toBe(5000);
  for (const step of marked) expect(steps).toContain(step);
  expect(s.entries).toHaveLength(30);
});

test('marked checkpoints go, oldest first, only when unmarked ones cannot pay for the budget', () => {
  const s = store({ maxBytes: 10_000, maxCount: 5 });
  for (let step = 0; step <= 10; step++) s.add({ step, bytes: 10, keep: step > 0 });
  // Start, the 3 newest marked ones and the newest.
  expect(s.entries.map((e) => e.step)).toEqual([0, 7, 8, 9, 10]);
});

test('the recent past is dense and older history sparser: spacing grows with age', () => {
  const s = store({ maxBytes: 1e9, maxCount: 64 });
  for (let step = 0; step <= 100_000; step += 10) s.add({ step, bytes: 100 });
  const steps = s.entries.map((e) => e.step);
  const newest = steps.at(-1);
  // The last 1% of the run still has several checkpoints, spaced at the recording interval at the very end.
  expect(steps.filter((step) => step >= newest - 1000).length).toBeGreaterThanOrEqual(4);
  expect(steps.slice(-3)).toEqual([newest - 20, newest - 10, newest]);
  // The newer half holds more than the older half, and the gaps widen with age.
  const newerHalf = steps.filter((step) => step > newest / 2).length;
  expect(newerHalf).toBeGreaterThan(steps.length - newerHalf);
  const gaps = steps.slice(1).map((step, i) => step - steps[i]);
  const quarter = Math.floor(gaps.length / 4);
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  expect(mean(gaps.slice(0, quarter))).toBeGreaterThan(4 * mean(gaps.slice(-quarter)));
  // Roughly geometric: no gap is much wider than its age (relative spacing stays bounded).
  for (let i = 1; i < steps.length - 1; i++) {
    expect(steps[i + 1] - steps[i - 1]).toBeLessThanOrEqual(Math.max(40, 0.6 * (newest - steps[i - 1])));
  }
});

test('a checkpoint at the newest step replaces it; one before it drops the later ones (a divergence, a fork)', () => {
  const s = store();
  for (const step of [0, 5, 10, 15]) s.add({ step, bytes: 10 });
  s.add({ step: 15, bytes: 20, keep: false, tag: 'edited' });
  expect(s.entries.map((e) => [e.step, e.tag])).toEqual([[0, undefined], [5, undefined], [10, undefined], [15, 'edited']]);
  expect(s.bytes).toBe(50);
  s.mark({ step: 12, kind: 'config' });
  s.add({ step: 7, bytes: 10 });
  expect(s.entries.map((e) => e.step)).toEqual([0, 5, 7]);
  expect(s.marks).toEqual([{ step: 12, kind: 'config' }]); // a divergence's own mark lies beyond the restored step
  expect(s.dropAfter(5)).toBe(1);
  expect(s.marks).toEqual([]);
  expect(s.bytes).toBe(20);
});

test('a checkpoint too big for the budget is refused with the reason, and nothing is kept', () => {
  const s = store({ maxBytes: 1000, minCount: 4 });
  expect(s.add({ step: 0, bytes: 251 })).toBe(false);
  expect(s.entries).toEqual([]);
  expect(s.refused).toMatch(/251 bytes: fewer than 4 fit the 1,000-byte budget/);
  expect(s.add({ step: 0, bytes: 250 })).toBe(true);
  expect(s.refused).toBeNull();
});

test('marks are kept in step order, the oldest dropped past the limit', () => {
  const s = store({ maxMarks: 3 });
  for (const step of [40, 10, 30, 20]) s.mark({ step, kind: 'diverged' });
  expect(s.marks.map((m) => m.step)).toEqual([20, 30, 40]);
});

test('evictionIndex spares the ends and picks the closest neighbours for the age', () => {
  expect(evictionIndex([{ step: 0 }, { step: 1 }])).toBe(-1);
  // 10 between 0 and 20 is old; 95 between 90 and 100 is close to the newest, so 10 goes.
  expect(evictionIndex([{ step: 0 }, { step: 10 }, { step: 20 }, { step: 90 }, { step: 95 }, { step: 100 }])).toBe(1);
  expect(evictionIndex([{ step: 0 }, { step: 10, keep: true }, { step: 20 }, { step: 30 }])).toBe(2);
  expect(evictionIndex([{ step: 0 }, { step: 10, keep: true }, { step: 20, keep: true }, { step: 30 }])).toBe(1);
});

test('nearest and at find kept checkpoints', () => {
  const s = store();
  for (const step of [0, 10, 20]) s.add({ step, bytes: 1 });
  expect(s.nearest(14).step).toBe(10);
  expect(s.nearest(15).step).toBe(10);
  expect(s.nearest(99).step).toBe(20);
  expect(s.at(10).step).toBe(10);
  expect(s.at(11)).toBeUndefined();
});
