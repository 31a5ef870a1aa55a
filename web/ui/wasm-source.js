// Where mountPlayground loads the core from: its wasmBaseUrl option, checked
// against the page's origin and allowedWasmOrigins (web/shared/wasm-origin.js).
import { checkWasmBase, originOf } from '../shared/wasm-origin.js';

/** mountPlayground's wasmBaseUrl, checked against the page's origin and allowedWasmOrigins: {url?, origins, errors}. */
export function wasmSource({ wasmBaseUrl, allowedWasmOrigins = [] }, defaultWasmBase) {
  const errors = [];
  const origins = [];
  for (const entry of Array.isArray(allowedWasmOrigins) ? allowedWasmOrigins : [allowedWasmOrigins]) {
    try {
      origins.push(originOf(entry));
    } catch (error) {
      errors.push(`allowedWasmOrigins: ${error.message}; ignored.`);
    }
  }
  if (wasmBaseUrl === undefined || wasmBaseUrl === null) return { origins, errors };
  const { url, error } = checkWasmBase(wasmBaseUrl, {
    name: 'wasmBaseUrl', baseUrl: document.baseURI, pageOrigin: globalThis.origin, allowed: origins,
    howToAllow: (origin) => `mountPlayground(element, { allowedWasmOrigins: ['${origin}'] })`,
  });
  if (error) errors.push(`${error} Loading the core from ${defaultWasmBase} instead.`);
  return { url, origins, errors };
}
