// Where mountPlayground loads the core from: its wasmBaseUrl option, checked
// against the page's origin, the origin this code came from and
// allowedWasmOrigins (web/shared/wasm-origin.js).
import { checkWasmBase, codeOrigin, originOf } from '../shared/wasm-origin.js';

/** The origin the playground's script was served from, when it is not the page's (a CDN): its core may load from there. */
export const OWN_CODE_ORIGIN = codeOrigin(import.meta.url);

/** mountPlayground's wasmBaseUrl, checked against the page's origin, the code's and allowedWasmOrigins: {url?, origins, errors}. */
export function wasmSource({ wasmBaseUrl, allowedWasmOrigins = [] }, defaultWasmBase) {
  const errors = [];
  const origins = OWN_CODE_ORIGIN && OWN_CODE_ORIGIN !== globalThis.origin ? [OWN_CODE_ORIGIN] : [];
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
