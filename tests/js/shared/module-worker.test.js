// How the page starts the training worker (web/shared/module-worker.js), with a
// fake Worker and document: a blob only for a script on another origin, and a
// failure to start turned into one error naming the cause.
import { jest } from '@jest/globals';
import { startModuleWorker } from '../../../web/shared/module-worker.js';

const PAGE = 'https://tutorial.example/lesson.html';
const saved = {};
let started;
let refuseConstruction = null;

class FakeWorker extends EventTarget {
  constructor(url, options) {
    super();
    if (refuseConstruction) throw refuseConstruction;
    this.url = String(url);
    this.options = options;
    started.push(this);
  }

  postMessage() {}

  terminate() {}
}

// Node has no ErrorEvent: the browser's shape, enough for the module.
class FakeErrorEvent extends Event {
  constructor(type, { message = '', error = null } = {}) {
    super(type, { cancelable: true });
    this.message = message;
    this.error = error;
  }
}

beforeEach(() => {
  for (const name of ['Worker', 'ErrorEvent', 'document', 'location', 'origin', 'fetch']) saved[name] = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, 'Worker', { value: FakeWorker, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'ErrorEvent', { value: FakeErrorEvent, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'document', { value: new EventTarget(), configurable: true, writable: true });
  Object.defineProperty(globalThis, 'location', { value: new URL(PAGE), configurable: true, writable: true });
  Object.defineProperty(globalThis, 'origin', { value: new URL(PAGE).origin, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'fetch', { value: jest.fn(async () => { throw new TypeError('Failed to fetch'); }), configurable: true, writable: true });
  started = [];
  refuseConstruction = null;
});

afterEach(() => {
  for (const [name, descriptor] of Object.entries(saved)) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete globalThis[name];
  }
});

/** The first 'error' a listener added after start hears (as the client would). */
function nextError(worker) {
  return new Promise((resolve) => worker.addEventListener('error', resolve, { once: true }));
}

test('a script on the page\'s origin starts directly, without a blob', () => {
  const worker = startModuleWorker('https://tutorial.example/assets/training.worker-1.js');
  expect(worker).toBe(started[0]);
  expect(started[0].url).toBe('https://tutorial.example/assets/training.worker-1.js');
  expect(started[0].options).toEqual({ type: 'module' });
});

test('a script on another origin starts from a same-origin blob that imports it', async () => {
  startModuleWorker('https://cdn.example/relu/assets/training.worker-1.js');
  expect(started[0].url).toMatch(/^blob:/);
  const { resolveObjectURL } = await import('node:buffer');
  const body = await resolveObjectURL(started[0].url)?.text();
  expect(body).toBe('import "https://cdn.example/relu/assets/training.worker-1.js";\n');
});

test('a worker that fails to load: one error, naming CORS and the URL, with field "worker"', async () => {
  const worker = startModuleWorker('https://cdn.example/relu/assets/training.worker-1.js');
  const heard = [];
  worker.addEventListener('error', (event) => heard.push(event));
  const failed = new FakeErrorEvent('error');
  worker.dispatchEvent(failed);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(failed.defaultPrevented).toBe(true); // the bare event never reaches the client
  expect(heard).toHaveLength(1);
  expect(heard[0].error.field).toBe('worker');
  expect(heard[0].error.message).toMatch(/^The training worker did not start: https:\/\/cdn\.example did not allow this page's origin \(https:\/\/tutorial\.example\) to load https:\/\/cdn\.example\/relu\/assets\/training\.worker-1\.js: .*CORS/);
  expect(globalThis.fetch).toHaveBeenCalledTimes(1);
  // Later errors (the worker running) pass through untouched.
  const later = new FakeErrorEvent('error', { message: 'boom' });
  worker.dispatchEvent(new Event('message'));
  worker.dispatchEvent(later);
  expect(heard.at(-1)).toBe(later);
});

test('a policy violation seen while starting is named before anything else', async () => {
  const worker = startModuleWorker('https://cdn.example/relu/assets/training.worker-1.js');
  const error = nextError(worker);
  const violation = new Event('securitypolicyviolation');
  Object.assign(violation, { effectiveDirective: 'worker-src', blockedURI: 'blob' });
  globalThis.document.dispatchEvent(violation);
  worker.dispatchEvent(new FakeErrorEvent('error'));
  const { error: named } = await error;
  expect(named.message).toMatch(/Content-Security-Policy refused a blob: worker \(worker-src\); to run the playground from https:\/\/cdn\.example it needs .*worker-src blob: https:\/\/cdn\.example/);
});

test('a constructor the browser refuses: a stand-in that reports the error, and the page goes on', async () => {
  refuseConstruction = new Error("Failed to construct 'Worker': Access to the script is denied by the document's Content Security Policy.");
  const worker = startModuleWorker('https://tutorial.example/assets/training.worker-1.js');
  expect(started).toEqual([]);
  const { error } = await nextError(worker);
  expect(error.field).toBe('worker');
  expect(error.message).toContain("denied by the document's Content Security Policy");
  expect(error.message).toContain("worker-src 'self'");
  expect(() => { worker.postMessage({}); worker.terminate(); }).not.toThrow();
});
