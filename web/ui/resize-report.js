// The playground's content height, for an embedder sizing a frame around it:
// reported (the public 'resize' event) when it changes, throttled.

import { throttle } from './throttle.js';

/** The resize event comes at most this often (ms): a frame's height follows without a message per layout. */
export const RESIZE_INTERVAL_MS = 100;

/** Calls emit({height}) when `element`'s rounded-up height changes. Returns {destroy()}. */
export function reportHeight(element, emit) {
  let height = 0;
  const emitResize = throttle(() => {
    const now = Math.ceil(element.getBoundingClientRect().height);
    if (now !== height) emit({ height: (height = now) });
  }, RESIZE_INTERVAL_MS);
  const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(() => emitResize()) : null;
  resizes?.observe(element);
  return {
    destroy() {
      emitResize.cancel();
      resizes?.disconnect();
    },
  };
}
