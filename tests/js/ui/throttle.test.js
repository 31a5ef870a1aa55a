// throttle (web/ui/throttle.js): at most one call per interval, the first at
// once, the newest arguments always delivered at the end of the interval.
import { throttle } from '../../../web/ui/throttle.js';

function fakeTime() {
  let now = 0;
  const timers = new Map();
  let nextId = 1;
  return {
    clock: () => now,
    setTimer: (fn, ms) => { const id = nextId++; timers.set(id, { fn, at: now + ms }); return id; },
    clearTimer: (id) => timers.delete(id),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

test('the first call runs at once; a burst becomes one call with the newest value', () => {
  const time = fakeTime();
  const seen = [];
  const call = throttle((value) => seen.push([time.clock(), value]), 100, time);
  call(1);
  call(2);
  call(3);
  expect(seen).toEqual([[0, 1]]);
  time.advance(99);
  expect(seen).toEqual([[0, 1]]);
  time.advance(1);
  expect(seen).toEqual([[0, 1], [100, 3]]);
  time.advance(500);
  call(4); // after a quiet spell: at once again
  expect(seen).toEqual([[0, 1], [100, 3], [600, 4]]);
});

test('a steady stream gives one call per interval', () => {
  const time = fakeTime();
  let calls = 0;
  const call = throttle(() => { calls += 1; }, 100, time);
  for (let t = 0; t < 1000; t += 10) {
    call();
    time.advance(10);
  }
  expect(calls).toBeGreaterThanOrEqual(10);
  expect(calls).toBeLessThanOrEqual(11);
});

test('cancel drops the pending call', () => {
  const time = fakeTime();
  const seen = [];
  const call = throttle((value) => seen.push(value), 100, time);
  call('a');
  call('b');
  call.cancel();
  time.advance(200);
  expect(seen).toEqual(['a']);
  expect(time.pending()).toBe(0);
});
