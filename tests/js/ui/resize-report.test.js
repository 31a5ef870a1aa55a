// The height report: a first height without any ResizeObserver callback (a
// frame the browser does not render gets none), then only changes.
import { reportHeight } from '../../../web/ui/resize-report.js';

function fakeTimers() {
  const due = [];
  return {
    setTimer: (fn) => { due.push(fn); return due.length; },
    clearTimer: (id) => { due[id - 1] = null; },
    runAll: () => { for (const fn of due.splice(0)) fn?.(); },
  };
}

test('the height is reported once on a timer, with no ResizeObserver callback', () => {
  const element = { getBoundingClientRect: () => ({ height: 612.2 }) };
  const heights = [];
  const timers = fakeTimers();
  reportHeight(element, (size) => heights.push(size), timers);
  expect(heights).toEqual([]); // not during the caller's own code: its listener may not be there yet
  timers.runAll();
  expect(heights).toEqual([{ height: 613 }]);
});

test('destroy before the timer: nothing is reported', () => {
  const element = { getBoundingClientRect: () => ({ height: 300 }) };
  const heights = [];
  const timers = fakeTimers();
  reportHeight(element, (size) => heights.push(size), timers).destroy();
  timers.runAll();
  expect(heights).toEqual([]);
});
