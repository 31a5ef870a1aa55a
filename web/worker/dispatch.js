// The worker's side of the request list (METHODS in web/shared/protocol.js):
// from one handler per request it makes the function that answers a message.
import { METHODS, METHOD_OF_TYPE, PROTOCOL_VERSION, versionMismatch } from '../shared/protocol.js';

function requestError(field, message) {
  const error = new Error(message);
  error.field = field;
  return error;
}

/**
 * @param {Record<string, (fields: object) => unknown>} handlers one per wire type
 *   (Request.INIT, ...). A handler gets the request's declared fields only and
 *   returns its result, or {result, transfer} for a method that transfers.
 * @returns {(message: object) => Promise<{result: unknown, transfer: Transferable[]}>}
 *   rejects with an Error with `.field` for a request it refuses.
 */
export function createDispatch(handlers) {
  const types = Object.values(METHODS).map((method) => method.type);
  // A request without its handler, or a handler no request reaches, is a bug to see at once, not at the first call.
  const missing = types.filter((type) => typeof handlers[type] !== 'function');
  const extra = Object.keys(handlers).filter((type) => !types.includes(type));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`createDispatch: requests without a handler: [${missing.join(', ')}]; handlers without a request: [${extra.join(', ')}]`);
  }
  return async function dispatch(message) {
    const { type } = message;
    // Types come from messages: only the list's own, never Object.prototype's.
    const method = Object.hasOwn(METHOD_OF_TYPE, type) ? METHOD_OF_TYPE[type] : null;
    if (!method) throw requestError('type', `type: ${JSON.stringify(type)} is not one of ${types.join(', ')}`);
    // Unstated (a test driving the session directly) is not checked; a stated other version is refused.
    if (message.protocol !== undefined && message.protocol !== PROTOCOL_VERSION) {
      throw requestError('protocol', versionMismatch(message.protocol, PROTOCOL_VERSION));
    }
    const fields = {};
    for (const name of method.fields) if (message[name] !== undefined) fields[name] = message[name];
    const outcome = await handlers[type](fields);
    return method.transfers ? outcome : { result: outcome, transfer: [] };
  };
}
