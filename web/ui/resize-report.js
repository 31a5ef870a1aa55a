// The playground's content height, for an embedder sizing a frame around it:
// reported (the public 'resize' event) when it changes, throttled.

import { throttle } from './throttle.js';

/** The resize event comes at most this often (ms): a frame's height follows without a message per layout. */
export const RESIZE_INTERVAL_MS = 100;

/**
 * Calls emit({height}) when `element`'s rounded-up height changes, and once
 * after the caller's own code has run (a timer, options.setTimer for tests):
 * a frame the browser does not render (a cross-origin iframe below the fold)
 * gets no ResizeObserver callback until it is scrolled near, and its parent
 * would size it blind until then. Returns {destroy()}.
 */
export function reportHeight(element, emit, { setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let height = 0;
  const emitResize = throttle(() => {
    const now = Math.ceil(element.getBoundingClientRect().height);
    if (now !== height) emit({ height: (height = now) });
  }, RESIZE_INTERVAL_MS);
  const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(() => emitResize()) : null;
  resizes?.observe(element);
  const first = setTimer(() => emitResize(), 0);
  return {
    destroy() {
      clearTimer(first);
      emitResize.cancel();
      resizes?.disconnect();
    },
  };
}
