// A small event emitter for the public API's events (ready, progress,
// diverged, statechange, error, resize). A listener that throws does not stop
// the others, nor the playground: the error is reported on the console.

export function createEmitter() {
  const listeners = new Map();
  return {
    /** Calls `listener(data)` on each `type` event; returns the function that stops it. */
    on(type, listener) {
      if (typeof listener !== 'function') throw new TypeError(`on('${type}', listener): the listener must be a function`);
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(listener);
      return () => listeners.get(type)?.delete(listener);
    },
    /** Whether anyone listens to `type`: an event whose data is dear to make can be skipped. */
    listening(type) {
      return (listeners.get(type)?.size ?? 0) > 0;
    },
    emit(type, data) {
      for (const listener of [...(listeners.get(type) ?? [])]) {
        try {
          listener(data);
        } catch (error) {
          console.error(`relu-playground: a '${type}' listener threw`, error);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
