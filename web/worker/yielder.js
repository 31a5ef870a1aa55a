// How the worker's play loop lets requests in between slices of training.

/**
 * Yields to the event loop between slices, so that requests are answered.
 * Node: setImmediate (its MessagePort drains posted messages ahead of timers
 * and can starve them). Browsers: a MessageChannel, which, unlike nested
 * setTimeout(0), is not clamped to 4 ms.
 */
export function createYielder() {
  if (typeof setImmediate === 'function') {
    return { yieldThen: (fn) => setImmediate(fn), close() {} };
  }
  if (typeof MessageChannel !== 'function') {
    return { yieldThen: (fn) => setTimeout(fn, 0), close() {} };
  }
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    yieldThen(fn) {
      waiting.push(fn);
      channel.port2.postMessage(null);
    },
    close() {
      channel.port1.close();
    },
  };
}
