// The worker's checks of what a request asks for beyond the config (the
// core's location, the parameter plan) and the errors it answers with: each
// names the field at fault, as the page shows it.
import { MAX_PARAM_UNITS } from '../shared/drawn-params.js';
import { checkWasmBase, originOf } from '../shared/wasm-origin.js';

export function errorPayload(error) {
  const payload = { message: String(error?.message ?? error) };
  if (typeof error?.field === 'string' && error.field !== '') payload.field = error.field;
  return payload;
}

export function checkParamUnits(units) {
  if (!Number.isInteger(units) || units < 1 || units > MAX_PARAM_UNITS) {
    throw requestError('paramUnits', `paramUnits: ${JSON.stringify(units)} is not a whole number in [1, ${MAX_PARAM_UNITS}]`);
  }
  return units;
}

export function requestError(field, message) {
  const error = new Error(message);
  error.field = field;
  return error;
}

// The page checked the base already; checked again here, so no message can make the worker run script from elsewhere.
export function checkedBase(wasmBaseUrl, wasmOrigins, { workerUrl, workerOrigin }) {
  if (!Array.isArray(wasmOrigins)) throw requestError('wasmOrigins', 'wasmOrigins: expected a list of origins such as ["https://cdn.example"]');
  let allowed;
  try {
    allowed = wasmOrigins.map(originOf);
  } catch (error) {
    throw requestError('wasmOrigins', `wasmOrigins: ${error.message}`);
  }
  // Node: files, no origins. A worker started from a blob: (the page and its code on different origins) has the page's.
  if (!/^(https?|blob):/.test(workerUrl ?? '')) return wasmBaseUrl;
  const { url, error } = checkWasmBase(wasmBaseUrl, {
    name: 'wasmBaseUrl', baseUrl: workerUrl, pageOrigin: workerOrigin ?? new URL(workerUrl).origin, allowed,
    howToAllow: (origin) => `init's wasmOrigins: ["${origin}"]`,
  });
  if (error) throw requestError('wasmBaseUrl', error);
  return url;
}
