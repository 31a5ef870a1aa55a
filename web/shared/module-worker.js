// Starts the training worker, also when its script is on another origin than
// the page (the element loaded from a CDN). Browsers refuse
// `new Worker('https://cdn.example/…')` from another origin, but a module
// worker started from a same-origin blob: URL may import a CORS-served script.
// The blob is used only then: a page serving the playground itself keeps a
// Content-Security-Policy without `worker-src blob:`.
//
// A worker that fails to start says little (a bare "error" event, or a
// SecurityError from the constructor): the failure is turned into an
// ErrorEvent whose `error` names the cause (load-failure.js), with
// `field: 'worker'`.
import { cspNeeds, whyNotLoaded } from './load-failure.js';

function workerError(message) {
  const error = new Error(`The training worker did not start: ${message}`);
  error.field = 'worker';
  return error;
}

function cspHint(scriptUrl, crossOrigin) {
  return crossOrigin
    ? `if this page has a Content-Security-Policy, it needs ${cspNeeds(scriptUrl.origin)}`
    : "if this page has a Content-Security-Policy, it needs worker-src 'self'";
}

/** A stand-in for a worker the browser refused to construct: it reports `error` once listened to, and does nothing else. */
class RefusedWorker extends EventTarget {
  constructor(error) {
    super();
    // After the caller has added its listeners.
    setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: error.message, error })));
  }

  postMessage() {}

  terminate() {}
}

/**
 * A module Worker running `url`; through a blob: URL when `url` is on another
 * origin than the page. Returns the Worker, or a stand-in that fires `error`.
 */
export function startModuleWorker(url, options = { type: 'module' }) {
  const scriptUrl = new URL(url, globalThis.location?.href);
  const crossOrigin = scriptUrl.origin !== globalThis.origin;
  const violations = [];
  const onViolation = (event) => violations.push(event);
  globalThis.document?.addEventListener('securitypolicyviolation', onViolation);
  let blobUrl = null;
  let worker;
  try {
    if (crossOrigin) {
      blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(scriptUrl.href)};\n`], { type: 'text/javascript' }));
      worker = new Worker(blobUrl, options);
    } else {
      worker = new Worker(scriptUrl, options);
    }
  } catch (error) {
    globalThis.document?.removeEventListener('securitypolicyviolation', onViolation);
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    return new RefusedWorker(workerError(`${error.message} (${cspHint(scriptUrl, crossOrigin)})`));
  }

  let started = false;
  function settle() {
    started = true;
    globalThis.document?.removeEventListener('securitypolicyviolation', onViolation);
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = null;
  }
  worker.addEventListener('message', settle, { once: true });
  let diagnosed = false;
  worker.addEventListener('error', (event) => {
    // Only a failure to start is explained here; the explanation itself passes through.
    if (started || diagnosed) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    diagnosed = true;
    const said = event.message ? ` (${event.message})` : '';
    whyNotLoaded(scriptUrl.href).then((cause) => {
      // A violation event is queued as a task: let it arrive before reading the list.
      setTimeout(() => {
        const violation = violations.find((v) => v.effectiveDirective === 'worker-src' || v.effectiveDirective === 'script-src-elem' || v.effectiveDirective === 'script-src');
        settle();
        let message;
        if (violation) {
          const blocked = violation.blockedURI === 'blob' ? 'a blob: worker' : (violation.blockedURI || 'the worker');
          const needs = crossOrigin ? cspNeeds(scriptUrl.origin) : "worker-src 'self'";
          message = `this page's Content-Security-Policy refused ${blocked} (${violation.effectiveDirective}); to run the playground from ${scriptUrl.origin} it needs ${needs}`;
        } else if (cause) {
          message = cause;
        } else {
          message = `${scriptUrl.href} failed to run${said}; ${cspHint(scriptUrl, crossOrigin)}`;
        }
        const error = workerError(message);
        worker.dispatchEvent(new ErrorEvent('error', { message: error.message, error }));
      });
    });
  });
  return worker;
}
