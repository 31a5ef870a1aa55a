// Calls fn at most once per interval: the first call at once, later ones
// folded into one call at the end of the interval with the newest arguments,
// so the last value always arrives. Time and timers are passed in for tests.

export function throttle(fn, intervalMs, { clock = () => performance.now(), setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let last = -Infinity;
  let timer = null;
  let pending = null;

  function run() {
    timer = null;
    last = clock();
    const args = pending;
    pending = null;
    fn(...args);
  }

  function call(...args) {
    pending = args;
    if (timer !== null) return;
    const wait = last + intervalMs - clock();
    if (wait <= 0) run();
    else timer = setTimer(run, wait);
  }
  call.cancel = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    pending = null;
  };
  return call;
}
