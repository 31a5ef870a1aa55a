// A training client (web/shared/client.js) whose worker starts only at the
// first request: a playground far from the viewport costs no worker and no
// core download until it comes near (lifecycle.js). Same methods, same events.
import { METHODS } from '../shared/protocol.js';

/** create() makes the real client; it is called once, at the first request. */
export function createLazyClient(create) {
  let client = null;
  let terminated = false;
  const subscriptions = new Set(); // {type, fn, off}: made before the worker exists, attached when it does

  function real() {
    if (!client) {
      client = create();
      for (const subscription of subscriptions) subscription.off = client.on(subscription.type, subscription.fn);
    }
    return client;
  }

  const methods = Object.fromEntries(Object.keys(METHODS).map((name) => [name, (...args) => {
    if (terminated) return Promise.reject(new Error('worker: terminated'));
    return real()[name](...args);
  }]));

  return {
    ...methods,
    on(type, fn) {
      const subscription = { type, fn, off: client ? client.on(type, fn) : null };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
        subscription.off?.();
      };
    },
    terminate() {
      terminated = true;
      return client?.terminate();
    },
    /** Whether the worker has been started. */
    get started() {
      return client !== null;
    },
  };
}
