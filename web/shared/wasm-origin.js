// Where the core may be loaded from. The worker import()s relu-core-*.mjs
// from the wasm base URL, and that script runs with the page's rights, so a
// base is accepted only on the page's own origin, or on an origin the page
// allowed from its own script. An attribute alone never allows one: a CMS
// lets authors write attributes, not script. Used by the element, by
// mountPlayground and, again, by the worker on INIT.
//
// The origin the playground's own code came from counts as allowed too: a
// page that loads the element from a CDN chose to run that CDN's script
// already, and the core sits beside it (codeOrigin).

/** The origin an allow-list entry names ('https://cdn.example' or any URL on it); throws a TypeError otherwise. */
export function originOf(entry) {
  let url = null;
  try {
    url = new URL(String(entry));
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new TypeError(`allowed wasm origin: ${JSON.stringify(String(entry))} is not an http(s) origin such as "https://cdn.example"`);
  }
  return url.origin;
}

/**
 * Checks a wasm base URL against the page.
 *   name         the attribute or option, for the message ("wasm-base", "wasmBaseUrl")
 *   baseUrl      what a relative base resolves against (document.baseURI; a worker's location)
 *   pageOrigin   the page's own origin (self.origin): not baseUrl's, which a <base href> can move elsewhere
 *   allowed      origins the page allowed from script (originOf entries)
 *   howToAllow   (origin) => how the page opts in to that origin, for the message
 * Returns {url} (absolute) or {error}.
 */
export function checkWasmBase(base, { name, baseUrl, pageOrigin, allowed = [], howToAllow }) {
  const text = String(base);
  let url;
  try {
    url = new URL(text, baseUrl);
  } catch {
    return { error: `${name}: ${JSON.stringify(text)} is not a URL` };
  }
  const origin = url.origin;
  // Only http(s): data:, javascript: and file: have no origin to compare, and a blob: or
  // filesystem: URL cannot hold a folder of files.
  const fetchable = url.protocol === 'https:' || url.protocol === 'http:';
  if (fetchable && ((origin === pageOrigin && pageOrigin !== 'null') || allowed.includes(origin))) return { url: url.href };
  return {
    error: `${name}: ${url.href} is not on this page's origin (${pageOrigin}). The core's script loads only from the page's own origin`
      + `${howToAllow && fetchable ? `, or from an origin the page allows from its script: ${howToAllow(origin)}` : ''}.`,
  };
}

/** The http(s) origin a module was loaded from (its import.meta.url), or null (file:, blob:, Node). */
export function codeOrigin(moduleUrl) {
  try {
    const url = new URL(moduleUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
