// The play loop's speed logic, with time passed in (no clocks).
import {
  FRAME_MS, INITIAL_PIECE_FLOPS, MAX_PIECE_FLOPS, MAX_STEPS_PER_SLICE, MIN_PIECE_FLOPS, RateMeter, applySpeed, defaultSpeed,
  nextPieceFlops, nextStepsPerSlice, stepsPerFrame,
} from '../../../web/worker/pacing.js';
import { thrown } from '../api/builds.js';

describe('nextStepsPerSlice', () => {
  test('grows when slices finish under budget, at most doubling', () => {
    expect(nextStepsPerSlice(10, 10, 1, 10)).toBe(20);
    expect(nextStepsPerSlice(10, 10, 6, 10)).toBe(17);
  });
  test('shrinks when slices overrun, at most halving', () => {
    expect(nextStepsPerSlice(100, 100, 1000, 10)).toBe(50);
    expect(nextStepsPerSlice(100, 100, 12.5, 10)).toBe(80);
  });
  test('settles where a slice takes the budget', () => {
    let steps = 1;
    const msPerStep = 0.037;
    for (let i = 0; i < 30; i++) steps = nextStepsPerSlice(steps, steps, steps * msPerStep, 10);
    expect(Math.abs(steps * msPerStep - 10)).toBeLessThan(0.1);
  });
  test('stays within [1, MAX_STEPS_PER_SLICE] and ignores empty slices', () => {
    expect(nextStepsPerSlice(1, 1, 50, 10)).toBe(1);
    expect(nextStepsPerSlice(MAX_STEPS_PER_SLICE, MAX_STEPS_PER_SLICE, 0, 10)).toBe(MAX_STEPS_PER_SLICE);
    expect(nextStepsPerSlice(7, 0, 5, 10)).toBe(7);
  });
});

describe('RateMeter', () => {
  test('reports steps per second once a window has passed', () => {
    const meter = new RateMeter(500);
    meter.start(1000);
    meter.add(100, 1200);
    expect(meter.rate).toBe(0);
    meter.add(150, 1500);
    expect(meter.rate).toBe(500);
    meter.add(400, 2000);
    expect(meter.rate).toBe(800);
  });
  test('stop() reads 0 and the pause is not counted', () => {
    const meter = new RateMeter(100);
    meter.start(0);
    meter.add(10, 100);
    meter.stop();
    expect(meter.rate).toBe(0);
    meter.start(10000);
    meter.add(20, 10100);
    expect(meter.rate).toBe(200);
  });
});

describe('speed settings', () => {
  test('default is auto under a 10 ms budget', () => {
    expect(defaultSpeed()).toEqual({ budgetMs: 10, stepsPerFrame: 'auto', epochsPerFrame: null });
    expect(stepsPerFrame(defaultSpeed(), 25)).toBe(Infinity);
  });
  test('steps or epochs per frame, one clearing the other', () => {
    const steps = applySpeed(defaultSpeed(), { stepsPerFrame: 3 });
    expect(stepsPerFrame(steps, 25)).toBe(3);
    const epochs = applySpeed(steps, { epochsPerFrame: 0.5 });
    expect(epochs.stepsPerFrame).toBeNull();
    expect(stepsPerFrame(epochs, 25)).toBe(13);
    expect(applySpeed(epochs, { stepsPerFrame: 'auto' }).epochsPerFrame).toBeNull();
    expect(stepsPerFrame(applySpeed(epochs, { epochsPerFrame: 0.001 }), 25)).toBe(1);
  });
  test.each([
    ['budgetMs', { budgetMs: 0 }], ['budgetMs', { budgetMs: NaN }], ['budgetMs', { budgetMs: '10' }],
    ['stepsPerFrame', { stepsPerFrame: 0 }], ['stepsPerFrame', { stepsPerFrame: 1.5 }],
    ['stepsPerFrame', { stepsPerFrame: 'fast' }], ['stepsPerFrame', { stepsPerFrame: 1e12 }],
    ['epochsPerFrame', { epochsPerFrame: -1 }], ['epochsPerFrame', { epochsPerFrame: Infinity }],
    ['stepsPerFrame', { stepsPerFrame: 2, epochsPerFrame: 1 }],
  ])('a bad %s is refused naming it', (field, request) => {
    expect(thrown(() => applySpeed(defaultSpeed(), request)).field).toBe(field);
  });
  test('a frame is a 60 Hz display frame', () => {
    expect(FRAME_MS).toBeCloseTo(16.667, 3);
  });
});

test('the piece budget follows the time per piece, at most doubling or halving at once', () => {
  expect(nextPieceFlops(1e6, 1, 8)).toBe(2e6); // 8x too fast: doubled, not 8x
  expect(nextPieceFlops(1e6, 64, 8)).toBe(5e5); // 8x too slow: halved
  expect(nextPieceFlops(1e6, 10, 8)).toBeCloseTo(8e5);
  expect(nextPieceFlops(MIN_PIECE_FLOPS, 1000, 8)).toBe(MIN_PIECE_FLOPS);
  expect(nextPieceFlops(MAX_PIECE_FLOPS, 0, 8)).toBe(MAX_PIECE_FLOPS);
  expect(INITIAL_PIECE_FLOPS).toBeGreaterThanOrEqual(MIN_PIECE_FLOPS);
});
