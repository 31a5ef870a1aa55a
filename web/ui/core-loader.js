// The core loads once, at the first of: the playground coming near the
// viewport (lifecycle.js) or a public API call that needs it (play, step,
// reset). `ready` settles with what the load gave, or with null when the
// playground goes away unloaded, so nobody waits on it for ever.

/** start() -> Promise (controller.start). Returns {ready, load() -> ready, cancel()}. */
export function createCoreLoader(start) {
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  return {
    ready,
    load() {
      resolveReady?.(start());
      resolveReady = null;
      return ready;
    },
    /** Never loaded: ready says so (null). After a load, nothing. */
    cancel() {
      resolveReady?.(null);
      resolveReady = null;
    },
  };
}
