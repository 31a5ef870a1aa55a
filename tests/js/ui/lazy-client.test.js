// The lazy client (web/ui/lazy-client.js): no worker until the first request;
// listeners made before it are attached to it; after terminate, nothing starts.
import { createLazyClient } from '../../../web/ui/lazy-client.js';
import { METHODS } from '../../../web/shared/protocol.js';

function fakeClient() {
  const listeners = new Map();
  return {
    calls: [],
    terminated: false,
    init(arg) { this.calls.push(['init', arg]); return Promise.resolve('built'); },
    snapshot() { this.calls.push(['snapshot']); return Promise.resolve({}); },
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type).delete(fn);
    },
    emit: (type, payload) => listeners.get(type)?.forEach((fn) => fn(payload)),
    terminate() { this.terminated = true; },
  };
}

test('the worker starts at the first request, once; listeners made before it hear it', async () => {
  let made = 0;
  let real = null;
  const client = createLazyClient(() => { made += 1; real = fakeClient(); return real; });
  const heard = [];
  const off = client.on('diverged', (payload) => heard.push(payload));
  expect(made).toBe(0);
  expect(client.started).toBe(false);
  expect(Object.keys(client)).toEqual(expect.arrayContaining(Object.keys(METHODS)));

  await expect(client.init({ config: {} })).resolves.toBe('built');
  await client.snapshot();
  expect(made).toBe(1);
  expect(real.calls.map(([name]) => name)).toEqual(['init', 'snapshot']);
  real.emit('diverged', { step: 3 });
  off();
  real.emit('diverged', { step: 4 });
  expect(heard).toEqual([{ step: 3 }]);
});

test('terminate before any request starts nothing, and later requests reject', async () => {
  let made = 0;
  const client = createLazyClient(() => { made += 1; return fakeClient(); });
  client.terminate();
  await expect(client.init({})).rejects.toThrow(/terminated/);
  expect(made).toBe(0);
});

test('terminate after the start stops the real worker', async () => {
  let real = null;
  const client = createLazyClient(() => { real = fakeClient(); return real; });
  await client.init({});
  client.terminate();
  expect(real.terminated).toBe(true);
});
