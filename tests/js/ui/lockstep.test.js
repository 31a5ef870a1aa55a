// Compare mode's lockstep (web/ui/lockstep.js): which run waits, and how far
// the one behind is stepped while paused, simulated over many frames.
import { lockstep, maxLeadSteps } from '../../../web/ui/lockstep.js';
import { defaultConfig } from '../../../web/shared/schema.js';

const run = (step, stopped = false) => ({ step, stopped });

describe('lockstep', () => {
  test('while playing, the run ahead by more than maxLead waits, and goes on once the other is within half of it', () => {
    let held = { a: false, b: false };
    ({ held } = lockstep({ playing: true, maxLead: 10, a: run(30), b: run(20), held }));
    expect(held).toEqual({ a: false, b: false }); // 10 ahead: still allowed
    ({ held } = lockstep({ playing: true, maxLead: 10, a: run(31), b: run(20), held }));
    expect(held).toEqual({ a: true, b: false });
    ({ held } = lockstep({ playing: true, maxLead: 10, a: run(31), b: run(25), held }));
    expect(held.a).toBe(true); // 6 ahead: over half, keeps waiting
    ({ held } = lockstep({ playing: true, maxLead: 10, a: run(31), b: run(26), held }));
    expect(held.a).toBe(false);
    ({ held } = lockstep({ playing: true, maxLead: 10, a: run(26), b: run(40), held }));
    expect(held).toEqual({ a: false, b: true });
  });

  test('paused: the run behind is stepped up to the other, exactly', () => {
    expect(lockstep({ playing: false, maxLead: 10, a: run(12), b: run(7) }).catchUp).toEqual({ run: 'b', steps: 5 });
    expect(lockstep({ playing: false, maxLead: 10, a: run(3), b: run(4) }).catchUp).toEqual({ run: 'a', steps: 1 });
    expect(lockstep({ playing: false, maxLead: 10, a: run(4), b: run(4) }).catchUp).toBeNull();
  });

  test('a run that stopped by itself (diverged), or an unknown step, holds nobody back', () => {
    const held = { a: true, b: false };
    expect(lockstep({ playing: true, maxLead: 10, a: run(100), b: run(3, true), held })).toEqual({ held: { a: false, b: false }, catchUp: null });
    expect(lockstep({ playing: false, maxLead: 10, a: run(100), b: run(3, true) }).catchUp).toBeNull();
    expect(lockstep({ playing: true, maxLead: 10, a: run(null), b: run(30), held }).held).toEqual({ a: false, b: false });
  });

  test('simulated: two workers at different speeds never drift apart by more than maxLead plus one frame', () => {
    // A trains 3 steps a frame, B 2; a held run trains none. Decisions come once a frame, from that frame's steps.
    let a = 0;
    let b = 0;
    let held = { a: false, b: false };
    let widest = 0;
    for (let frame = 0; frame < 1000; frame++) {
      ({ held } = lockstep({ playing: true, maxLead: 10, a: run(a), b: run(b), held }));
      if (!held.a) a += 3;
      if (!held.b) b += 2;
      widest = Math.max(widest, Math.abs(a - b));
    }
    expect(widest).toBeLessThanOrEqual(10 + 3);
    expect(b).toBeGreaterThan(1900); // the slower one is never held: it sets the pace
  });
});

describe('maxLeadSteps', () => {
  test('one frame\'s worth of steps at the page\'s speed, for the run with more steps an epoch', () => {
    const a = { ...defaultConfig(), numSamples: 500, trainRatio: 0.5, batchSize: 10 }; // 25 steps an epoch
    const b = { ...a, batchSize: 5 }; // 50
    expect(maxLeadSteps('1', [a, a])).toBe(25);
    expect(maxLeadSteps('1', [a, b])).toBe(50);
    expect(maxLeadSteps('0.1', [a, a])).toBe(3);
    expect(maxLeadSteps('auto', [a, a])).toBe(25);
    expect(maxLeadSteps('auto', [{ ...a, batchSize: 500 }, { ...a, batchSize: 500 }])).toBe(20);
  });

  test('or a quarter second of training at the rate the workers report, when that is more (frames far apart)', () => {
    const a = { ...defaultConfig(), numSamples: 500, trainRatio: 0.5, batchSize: 10 };
    expect(maxLeadSteps('1', [a, a], 800)).toBe(200);
    expect(maxLeadSteps('1', [a, a], 40)).toBe(25);
    expect(maxLeadSteps('1', [a, a], NaN)).toBe(25);
  });
});
