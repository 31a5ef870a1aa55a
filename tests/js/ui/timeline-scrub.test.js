// The replay slider's arithmetic (web/ui/timeline-scrub.js): keys, pointer
// positions, mark placement and what a screen reader hears.
import { fractionOf, markLabel, nearestIndex, stepAfterKey, stepAtFraction, valueText } from '../../../web/ui/timeline-scrub.js';

const STEPS = [0, 100, 400, 800, 900, 950, 1000];

test('arrow keys move to the neighbouring kept step, Home and End to the ends, and stop there', () => {
  expect(stepAfterKey(STEPS, 800, 'ArrowLeft')).toBe(400);
  expect(stepAfterKey(STEPS, 800, 'ArrowDown')).toBe(400);
  expect(stepAfterKey(STEPS, 800, 'ArrowRight')).toBe(900);
  expect(stepAfterKey(STEPS, 800, 'ArrowUp')).toBe(900);
  expect(stepAfterKey(STEPS, 0, 'ArrowLeft')).toBe(0);
  expect(stepAfterKey(STEPS, 1000, 'ArrowRight')).toBe(1000);
  expect(stepAfterKey(STEPS, 500, 'Home')).toBe(0);
  expect(stepAfterKey(STEPS, 500, 'End')).toBe(1000);
  // A step no longer kept (thinned meanwhile) moves from its nearest.
  expect(stepAfterKey(STEPS, 420, 'ArrowRight')).toBe(800);
  expect(stepAfterKey(STEPS, 800, 'PageDown')).toBe(400);
  expect(stepAfterKey(STEPS, 800, 'Enter')).toBeNull();
  expect(stepAfterKey([], 0, 'Home')).toBeNull();
});

test('a pointer position snaps to the nearest kept step on a linear scale of steps', () => {
  expect(stepAtFraction(STEPS, 0)).toBe(0);
  expect(stepAtFraction(STEPS, 1)).toBe(1000);
  expect(stepAtFraction(STEPS, 0.5)).toBe(400);
  expect(stepAtFraction(STEPS, 0.62)).toBe(800); // 620: 180 from 800, 220 from 400
  expect(stepAtFraction(STEPS, -3)).toBe(0);
  expect(stepAtFraction(STEPS, 7)).toBe(1000);
  expect(stepAtFraction([], 0.5)).toBeNull();
});

test('nearestIndex takes the earlier of two equally near steps', () => {
  expect(nearestIndex(STEPS, 250)).toBe(1);
  expect(nearestIndex(STEPS, 251)).toBe(2);
  expect(nearestIndex(STEPS, -5)).toBe(0);
  expect(nearestIndex(STEPS, 5000)).toBe(6);
});

test('fractionOf places steps linearly and holds those beyond the range at the ends', () => {
  expect(fractionOf(0, 1000, 250)).toBe(0.25);
  expect(fractionOf(0, 1000, 1200)).toBe(1);
  expect(fractionOf(100, 100, 100)).toBe(1);
});

test('the value text names the step, the present and what happened there', () => {
  expect(valueText(1000, 1000)).toBe('step 1,000, the present');
  expect(valueText(400, 1000, [{ step: 400, kind: 'restored' }, { step: 420, kind: 'diverged' }]))
    .toBe('step 400 of 1,000: restored after divergence');
  expect(valueText(0, 1000, [{ step: 0, kind: 'start' }])).toBe('step 0 of 1,000');
  expect(markLabel({ step: 1200, kind: 'diverged', detail: 'loss not finite' })).toBe('diverged at step 1,200 (loss not finite)');
  expect(markLabel({ step: 5, kind: 'changed', detail: 'learningRate' })).toBe('settings changed at step 5 (learningRate)');
});
