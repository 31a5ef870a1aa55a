// The parent side of the iframe door: connectPlayground(iframe, {origin})
// speaks the postMessage protocol of web/ui/frame-messages.js and gives the
// same methods and events as the <relu-playground> element, and sizes the
// iframe to its content (the `resize` event). Only messages from that iframe's
// window and that origin are read; requests go only to that origin.
//
//   const playground = connectPlayground(document.querySelector('iframe'), { origin: 'https://playground.example' });
//   playground.on('progress', ({ step }) => ...);
//   await playground.setState({ learningRate: 1 });

import { CONNECT_METHOD, METHODS, PROTOCOL_KEY, PROTOCOL_VERSION } from '../ui/frame-messages.js';
import { API_EVENTS } from '../ui/public-api.js';

/** How long the frame may take to answer its first request before calls reject (ms). */
export const CONNECT_TIMEOUT_MS = 15000;
/** How often the frame is asked whether it listens, until it answers (ms). */
const PROBE_INTERVAL_MS = 250;

function frameError(message, field = '') {
  const error = new Error(message);
  error.field = field;
  return error;
}

/**
 * iframe   the <iframe> showing the playground page (its link lists this page in origins=)
 * options:
 *   origin      the iframe page's origin, exactly ('https://playground.example'); default: its src's
 *   autoHeight  follow the content's height (default true)
 *   timeoutMs   how long to wait for the frame's first answer (default CONNECT_TIMEOUT_MS)
 *   win         the parent window (default globalThis), for tests
 * Returns {getState, setState, play, pause, step, reset, loadLesson, on, off, connected, destroy}:
 * every method returns a Promise (getState too: the state lives in the frame).
 */
export function connectPlayground(iframe, { origin, autoHeight = true, timeoutMs = CONNECT_TIMEOUT_MS, win = globalThis } = {}) {
  if (!iframe || typeof iframe !== 'object' || !('contentWindow' in iframe)) throw new TypeError('connectPlayground: the first argument must be an <iframe> element');
  const target = checkOrigin(origin ?? originOfSrc(iframe, win));
  const listeners = new Map(API_EVENTS.map((type) => [type, new Set()]));
  const pending = new Map(); // id -> {resolve, reject}
  const queue = []; // requests made before the frame answered
  let nextId = 1;
  let connected = false;
  let destroyed = false;
  let resolveConnected;
  let rejectConnected;
  const connection = new Promise((resolve, reject) => { resolveConnected = resolve; rejectConnected = reject; });
  connection.catch(() => {}); // a caller that never awaits it should not see an unhandled rejection

  function post(message) {
    try {
      iframe.contentWindow?.postMessage(message, target);
    } catch {
      // a frame being torn down: the request times out or was already answered
    }
  }

  function send(id, method, params) {
    post({ [PROTOCOL_KEY]: PROTOCOL_VERSION, id, method, params });
  }

  // The frame may still be loading (its listener not yet there): it is asked
  // until it answers once; then the queued calls go.
  const probeId = `connect-${Math.random().toString(36).slice(2)}`;
  const probe = () => { if (!connected && !destroyed && showsTarget(iframe, target)) send(probeId, CONNECT_METHOD); };
  const prober = win.setInterval(probe, PROBE_INTERVAL_MS);
  const giveUp = win.setTimeout(() => {
    if (connected || destroyed) return;
    win.clearInterval(prober);
    const error = frameError(`connectPlayground: no answer from the frame at ${target} in ${timeoutMs} ms; does its link list this page's origin (${win.origin}) in origins=?`, 'origin');
    rejectConnected(error);
    for (const { reject } of queue.splice(0)) reject(error);
  }, timeoutMs);
  iframe.addEventListener?.('load', probe);
  probe();

  function onConnected() {
    if (connected) return;
    connected = true;
    win.clearInterval(prober);
    win.clearTimeout(giveUp);
    resolveConnected();
    for (const request of queue.splice(0)) {
      pending.set(request.id, request);
      send(request.id, request.method, request.params);
    }
  }

  function onMessage(event) {
    if (destroyed || event.source !== iframe.contentWindow || event.origin !== target) return;
    const data = event.data;
    if (data === null || typeof data !== 'object' || data[PROTOCOL_KEY] !== PROTOCOL_VERSION) return;
    if (typeof data.event === 'string') {
      onConnected(); // events come only to a parent the frame knows
      if (data.event === 'resize' && autoHeight && Number.isFinite(data.data?.height) && data.data.height > 0) {
        iframe.style.height = `${Math.ceil(data.data.height)}px`;
      }
      for (const listener of [...(listeners.get(data.event) ?? [])]) {
        try {
          listener(data.data);
        } catch (error) {
          console.error(error); // one listener's fault does not silence the others
        }
      }
      return;
    }
    if (data.id === probeId) {
      onConnected();
      return;
    }
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if (data.error) request.reject(frameError(String(data.error.message ?? 'the frame refused the call'), String(data.error.field ?? '')));
    else request.resolve(data.result);
  }
  win.addEventListener('message', onMessage);

  function call(method, params) {
    if (destroyed) return Promise.reject(frameError(`${method}: the connection was closed (destroy())`));
    return new Promise((resolve, reject) => {
      const request = { id: nextId++, method, params, resolve, reject };
      if (!connected) {
        queue.push(request);
        return;
      }
      pending.set(request.id, request);
      send(request.id, method, params);
    });
  }

  const methods = Object.fromEntries(METHODS.map((method) => [method, (params) => call(method, params)]));
  return {
    ...methods,
    /** Subscribes to an event (ready, progress, diverged, statechange, error, resize); returns the unsubscribe function. */
    on(type, listener) {
      const set = listeners.get(type);
      if (!set) throw new TypeError(`on: unknown event ${JSON.stringify(type)}; the events are ${API_EVENTS.join(', ')}`);
      set.add(listener);
      return () => set.delete(listener);
    },
    off(type, listener) {
      listeners.get(type)?.delete(listener);
    },
    /** Resolves once the frame has answered; rejects after timeoutMs without an answer. */
    connected: connection,
    /** Stops listening; pending calls reject. */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      win.clearInterval(prober);
      win.clearTimeout(giveUp);
      win.removeEventListener('message', onMessage);
      iframe.removeEventListener?.('load', probe);
      const error = frameError('connectPlayground: the connection was closed (destroy())');
      for (const request of [...queue.splice(0), ...pending.values()]) request.reject(error);
      pending.clear();
      if (!connected) rejectConnected(error);
    },
  };
}

/**
 * Whether the frame may hold the playground now: a message to a frame still
 * showing its first about:blank would be dropped with a console error.
 * A document this page can read is on its own origin; none readable means another origin's.
 */
function showsTarget(iframe, target) {
  try {
    const doc = iframe.contentDocument;
    return !doc || new URL(doc.URL).origin === target;
  } catch {
    return true;
  }
}

function originOfSrc(iframe, win) {
  try {
    return new URL(iframe.src, win.document?.baseURI).origin;
  } catch {
    return null;
  }
}

/** An exact http(s) origin, as URL.origin writes it; '*' is refused: requests carry the reader's settings. */
function checkOrigin(origin) {
  let exact = false;
  try {
    const url = new URL(origin);
    exact = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
  } catch {
    // not a URL
  }
  if (!exact) throw new TypeError(`connectPlayground: origin must be the frame's origin, exactly (like https://playground.example, no path or trailing slash); got ${JSON.stringify(origin)}`);
  return origin;
}
