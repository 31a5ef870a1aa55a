// The iframe door of the public API: a parent page sends versioned requests
//   {"relu-playground": 1, "id": N, "method": "setState", "params": {...}}
// and gets one reply each, {"relu-playground": 1, "id": N, "result": ...} or
// {..., "error": {"message", "field"}}, and the events as
// {"relu-playground": 1, "event": "progress", "data": {...}}.
//
// Origins: a message acts only when its origin is the frame's own or one
// listed in the page's origins= parameter (exact origins; "*" only when
// written), and events go only to those origins. Anything else is ignored,
// silently, and nothing here throws on any input. Pure: the window is passed in.

import { API_EVENTS } from './public-api.js';


export const PROTOCOL_KEY = 'relu-playground';
export const PROTOCOL_VERSION = 1;
export const METHODS = Object.freeze(['getState', 'setState', 'play', 'pause', 'step', 'reset', 'loadLesson']);
/**
 * Not an API method: the parent-side helper's first request (web/embed/connect.js).
 * Answered with {version}, then the latest height is sent again to the caller:
 * a parent that starts listening after the frame has laid out still sizes it.
 */
export const CONNECT_METHOD = 'connect';
// An id is echoed back: a number or a short string, nothing a parent could use to make replies huge.
const MAX_ID_CHARS = 100;

/**
 * deps:
 *   api           the public API (public-api.js)
 *   ownOrigin     this frame's origin
 *   origins       the parsed origins= list
 *   target        the parent window: target.postMessage(message, targetOrigin)
 *   parentOrigin  the parent's origin when the browser tells it (location.ancestorOrigins), else null
 * Returns {handle(event), destroy()}: pass handle to window's 'message' listener.
 */
export function createFrameMessages({ api, ownOrigin, origins, target, parentOrigin = null }) {
  const anyOrigin = origins.includes('*');
  const allowed = (origin) => typeof origin === 'string' && (origin === ownOrigin || anyOrigin || origins.includes(origin));
  // Events go to the allowed origins the parent is known to have: posting to
  // any other is dropped by the browser anyway, with a console error.
  const listeners = new Set(allowed(parentOrigin) ? [parentOrigin] : []);

  function post(message, targetOrigin) {
    try {
      target.postMessage(message, targetOrigin);
    } catch {
      // A detached parent or an uncloneable result: nothing to tell anyone.
    }
  }

  let lastResize = null;
  const offs = API_EVENTS.map((type) => api.on(type, (data) => {
    const message = { [PROTOCOL_KEY]: PROTOCOL_VERSION, event: type, data };
    if (type === 'resize') lastResize = message;
    // postMessage drops a message whose target origin does not match the parent's: each listed origin gets its own.
    for (const origin of anyOrigin ? ['*'] : listeners) post(message, origin);
  }));

  async function answer(method, params) {
    try {
      return { result: await api[method](params) };
    } catch (error) {
      return { error: { message: String(error?.message ?? error), field: typeof error?.field === 'string' ? error.field : '' } };
    }
  }

  return {
    handle(event) {
      if (!allowed(event?.origin)) return;
      const data = event.data;
      if (data === null || typeof data !== 'object' || !Object.hasOwn(data, PROTOCOL_KEY) || data[PROTOCOL_KEY] !== PROTOCOL_VERSION) return;
      const { id } = data;
      const validId = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= MAX_ID_CHARS);
      if (!validId) return; // no way to answer it
      listeners.add(event.origin);
      const reply = (body) => post({ [PROTOCOL_KEY]: PROTOCOL_VERSION, id, ...body }, event.origin);
      const method = Object.hasOwn(data, 'method') ? data.method : undefined;
      if (method === CONNECT_METHOD) {
        reply({ result: { version: PROTOCOL_VERSION } });
        if (lastResize) post(lastResize, event.origin);
        return;
      }
      if (typeof method !== 'string' || !METHODS.includes(method)) {
        reply({ error: { message: `method: expected one of ${METHODS.join(', ')}`, field: 'method' } });
        return;
      }
      let params = Object.hasOwn(data, 'params') ? data.params : undefined;
      // loadLesson takes the id itself or {id}.
      if (method === 'loadLesson' && params !== null && typeof params === 'object') params = Object.hasOwn(params, 'id') ? params.id : undefined;
      answer(method, params).then(reply);
    },
    destroy() {
      for (const off of offs) off();
    },
  };
}
