// Why a script or file of the playground did not load, in words a page author
// can act on. Browsers hide the cause of a failed module import or worker
// start (a bare "error" event, "Failed to fetch"), so the file is asked for
// once more with fetch(), whose answer tells a missing file (HTTP status) from
// a server that does not allow this origin (CORS) or cannot be reached.
// Used by the page when the training worker fails to start
// (module-worker.js) and by the worker when the core fails to load
// (web/api/loader.js). No DOM here: it runs in both.

/**
 * The directives a host page's Content-Security-Policy needs when the
 * playground loads from `origin`. worker-src names the origin as well as
 * blob:, because a module worker's static imports are fetched as the worker
 * itself is (the HTML standard's "module worker script graph"), so the blob's
 * `import` of the real worker is checked against worker-src, not script-src.
 */
export function cspNeeds(origin) {
  return `script-src ${origin} 'wasm-unsafe-eval'; worker-src blob: ${origin}; connect-src ${origin}; style-src ${origin}; img-src blob:`;
}

/**
 * A sentence naming why `url` could not be loaded from `origin` (the
 * loading page's or worker's), by fetching it again in CORS mode.
 * Never rejects.
 */
export async function whyNotLoaded(url, origin = globalThis.origin) {
  const target = new URL(url);
  const crossOrigin = target.origin !== origin;
  let response;
  try {
    response = await fetch(target.href, { mode: crossOrigin ? 'cors' : 'same-origin', credentials: 'omit', cache: 'no-store' });
  } catch {
    if (!crossOrigin) return `${target.href} could not be fetched (the server is unreachable, or this page's Content-Security-Policy refuses it)`;
    return `${target.origin} did not allow this page's origin (${origin}) to load ${target.href}: `
      + 'its server must send Access-Control-Allow-Origin (CORS) for the playground\'s files, '
      + `or the server is unreachable, or this page's Content-Security-Policy refuses it (it needs ${cspNeeds(target.origin)})`;
  }
  // The body is not needed: stop it downloading.
  response.body?.cancel().catch(() => {});
  if (!response.ok) return `${target.href} answered HTTP ${response.status}${response.status === 404 ? ' (not found: is the whole build folder deployed?)' : ''}`;
  return null;
}
