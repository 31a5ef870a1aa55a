// The main-thread client of the training worker: promise methods over the
// message protocol of web/shared/protocol.js. Rejections are Errors with
// `.field` (the config field or argument at fault, when there is one).
import { Event, METHODS, PROTOCOL_VERSION, versionMismatch } from './protocol.js';
import { startModuleWorker } from './module-worker.js';

const EVENT_TYPES = Object.freeze([Event.READY, Event.DIVERGED, Event.ERROR, Event.RESTARTED]);

function defaultWorker(workerUrl) {
  // `new Worker(new URL('…', import.meta.url))` is the form that lets bundlers (Vite) find and
  // bundle the worker; this local Worker starts it through a blob when the script is on another
  // origin (a CDN), and explains a failure to start.
  const Worker = startModuleWorker;
  if (workerUrl !== undefined) return new Worker(workerUrl, { type: 'module' });
  return new Worker(new URL('../worker/training.worker.js', import.meta.url), { type: 'module' });
}

function toError({ message, field }) {
  const error = new Error(message);
  error.field = field ?? '';
  return error;
}

// Browser Workers deliver MessageEvents; Node's worker_threads deliver the data.
function listen(worker, onMessage, onFailure) {
  if (typeof worker.addEventListener === 'function') {
    worker.addEventListener('message', (event) => onMessage(event.data));
    worker.addEventListener('error', (event) => onFailure(event.error ?? new Error(event.message ?? 'worker error')));
    worker.addEventListener('messageerror', () => onFailure(new Error('worker: a message could not be read')));
  } else {
    worker.on('message', onMessage);
    worker.on('error', onFailure);
    worker.on('exit', (code) => onFailure(new Error(`worker: exited with code ${code}`)));
  }
}

/**
 * @param {{worker?: Worker, workerUrl?: string|URL}} [options]
 *   worker: an existing Worker (or worker_threads Worker) running training.worker.js.
 */
export function createTrainingClient({ worker, workerUrl } = {}) {
  const target = worker ?? defaultWorker(workerUrl);
  const pending = new Map();
  const listeners = new Map(EVENT_TYPES.map((type) => [type, new Set()]));
  let nextId = 1;
  let closed = null; // the Error every later request rejects with

  function emit(type, payload) {
    for (const fn of [...listeners.get(type)]) fn(payload);
  }

  // The worker is gone: every pending and later request rejects with `error`.
  function close(error, announce) {
    if (closed) return;
    closed = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    if (announce) emit(Event.ERROR, error.field ? { message: error.message, field: error.field } : { message: error.message });
  }

  listen(target, (message) => {
    if (message?.type === Event.REPLY) {
      const request = pending.get(message.id);
      if (!request) return;
      pending.delete(message.id);
      if (message.ok) request.resolve(message.result);
      else request.reject(toError(message.error));
    } else if (message?.type === Event.READY && message.protocol !== PROTOCOL_VERSION) {
      // A worker from another build (one of the two cached): nothing it says can be trusted. Ready answers
      // an init, whose rejection carries the message: no error event besides.
      close(toError({ message: versionMismatch(PROTOCOL_VERSION, message.protocol), field: 'protocol' }), false);
    } else if (listeners.has(message?.type)) {
      const { type, ...payload } = message;
      emit(type, payload);
    }
  }, (error) => close(error, true));

  function request(type, fields = {}, transfer = []) {
    if (closed) return Promise.reject(closed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ ...fields, type, id }, transfer);
    });
  }

  // A request's fields from its client method's arguments, as METHODS declares them.
  function fieldsOf(method, args) {
    const given = method.argument !== undefined ? { [method.argument]: args[0] } : (args[0] ?? {});
    const fields = {};
    for (const name of method.fields) {
      const value = given[name] !== undefined ? given[name] : method.defaults?.[name];
      if (value !== undefined) fields[name] = value;
    }
    return fields;
  }

  // One promise method per request, made from the list.
  const methods = Object.fromEntries(Object.entries(METHODS).map(([name, method]) => [name, async (...args) => {
    const result = await request(method.type, fieldsOf(method, args));
    return method.unwrap === undefined ? result : result[method.unwrap];
  }]));

  return {
    ...methods,
    /** Subscribes to 'ready' | 'diverged' | 'error' | 'restarted'; returns the unsubscribe function. */
    on(type, fn) {
      const set = listeners.get(type);
      if (!set) throw toError({ message: `type: ${JSON.stringify(type)} is not one of ${EVENT_TYPES.join(', ')}`, field: 'type' });
      set.add(fn);
      return () => set.delete(fn);
    },
    /** Stops the worker; pending and later requests reject. */
    terminate() {
      close(new Error('worker: terminated'), false);
      return target.terminate();
    },
  };
}
