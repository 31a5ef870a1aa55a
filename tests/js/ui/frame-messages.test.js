// The iframe door of the public API (web/ui/frame-messages.js): versioned
// requests, one reply each, events, and the origins rule.
import { createFrameMessages } from '../../../web/ui/frame-messages.js';
import { parseOrigins } from '../../../web/ui/origins.js';
import { createEmitter } from '../../../web/ui/emitter.js';

const OWN = 'https://playground.example';
const TUTORIAL = 'https://tutorial.example';

/** A public API whose methods record their calls; setState refuses learningRate 99. */
function fakeApi() {
  const events = createEmitter();
  const calls = [];
  const api = { on: events.on, emit: events.emit, calls };
  for (const method of ['getState', 'setState', 'play', 'pause', 'step', 'reset', 'loadLesson']) {
    api[method] = (params) => {
      calls.push([method, params]);
      if (method === 'setState' && params?.learningRate === 99) {
        return Promise.reject(Object.assign(new Error('learningRate: 99 is outside the allowed range [1e-6, 10]'), { field: 'learningRate' }));
      }
      return method === 'getState' ? { playing: false } : Promise.resolve({ ok: method });
    };
  }
  return api;
}

function setup(origins, parentOrigin = null) {
  const api = fakeApi();
  const posted = [];
  const target = { postMessage: (message, origin) => posted.push({ message, origin }) };
  const messages = createFrameMessages({ api, ownOrigin: OWN, origins: parseOrigins(origins).origins, target, parentOrigin });
  const send = async (origin, data) => {
    messages.handle({ origin, data });
    await new Promise((resolve) => { setTimeout(resolve, 0); });
  };
  return { api, posted, messages, send };
}

const request = (id, method, params) => ({ 'relu-playground': 1, id, method, params });

test('a listed origin gets one reply per request, with the result or the error and its field', async () => {
  const { api, posted, send } = setup(TUTORIAL);
  await send(TUTORIAL, request(1, 'setState', { learningRate: 0.3 }));
  await send(TUTORIAL, request(2, 'setState', { learningRate: 99 }));
  await send(TUTORIAL, request('three', 'loadLesson', { id: 'relu-spiral' }));
  await send(TUTORIAL, request(4, 'getState'));
  expect(posted).toEqual([
    { origin: TUTORIAL, message: { 'relu-playground': 1, id: 1, result: { ok: 'setState' } } },
    { origin: TUTORIAL, message: { 'relu-playground': 1, id: 2, error: { message: expect.stringMatching(/range/), field: 'learningRate' } } },
    { origin: TUTORIAL, message: { 'relu-playground': 1, id: 'three', result: { ok: 'loadLesson' } } },
    { origin: TUTORIAL, message: { 'relu-playground': 1, id: 4, result: { playing: false } } },
  ]);
  expect(api.calls.map(([method, params]) => [method, params])).toContainEqual(['loadLesson', 'relu-spiral']);
});

test('an unknown method is answered with an error naming method, never called', async () => {
  const { api, posted, send } = setup(TUTORIAL);
  for (const method of ['destroy', 'constructor', '__proto__', 'client', 42]) await send(TUTORIAL, request(7, method));
  expect(api.calls).toEqual([]);
  expect(posted.map((p) => p.message.error.field)).toEqual(['method', 'method', 'method', 'method', 'method']);
});

test('other origins, other versions and malformed messages are ignored silently', async () => {
  const { api, posted, send } = setup(`${TUTORIAL}`);
  const ignored = [
    ['https://evil.example', request(1, 'play')],
    ['https://tutorial.example:444', request(1, 'play')],
    ['null', request(1, 'play')],
    [undefined, request(1, 'play')],
    [TUTORIAL, { 'relu-playground': 2, id: 1, method: 'play' }],
    [TUTORIAL, { 'relu-playground': '1', id: 1, method: 'play' }],
    [TUTORIAL, Object.create({ 'relu-playground': 1, id: 1, method: 'play' })],
    [TUTORIAL, request({}, 'play')],
    [TUTORIAL, request('x'.repeat(101), 'play')],
    [TUTORIAL, request(Number.NaN, 'play')],
    [TUTORIAL, null], [TUTORIAL, 'play'], [TUTORIAL, 42], [TUTORIAL, []],
  ];
  for (const [origin, data] of ignored) await send(origin, data);
  expect(api.calls).toEqual([]);
  expect(posted).toEqual([]);
});

test('the own origin always counts; * only when written; origins= takes exact origins only', async () => {
  const own = setup('');
  await own.send(OWN, request(1, 'play'));
  await own.send(TUTORIAL, request(2, 'play'));
  expect(own.api.calls).toEqual([['play', undefined]]);

  const any = setup('*');
  await any.send('https://anyone.example', request(1, 'pause'));
  expect(any.api.calls).toEqual([['pause', undefined]]);

  expect(parseOrigins('https://a.example, http://localhost:8080,*')).toEqual({ origins: ['https://a.example', 'http://localhost:8080', '*'], errors: [] });
  for (const bad of ['https://a.example/', 'https://a.example/path', 'a.example', 'javascript:alert(1)', 'file:///x', 'data:text/plain', 'https://*.example']) {
    expect(parseOrigins(bad)).toEqual({ origins: [], errors: [expect.stringMatching(/^origins: .* is not an origin/)] });
  }
});

test('events go to the parent\'s origin once known, and to * only when written', async () => {
  const listed = setup(TUTORIAL);
  listed.api.emit('progress', { step: 5 });
  expect(listed.posted).toEqual([]); // the parent's origin is not known yet
  await listed.send(TUTORIAL, request(1, 'getState'));
  listed.api.emit('progress', { step: 6 });
  expect(listed.posted.at(-1)).toEqual({ origin: TUTORIAL, message: { 'relu-playground': 1, event: 'progress', data: { step: 6 } } });

  const told = setup(TUTORIAL, TUTORIAL);
  told.api.emit('ready', { build: 'simd' });
  expect(told.posted).toEqual([{ origin: TUTORIAL, message: { 'relu-playground': 1, event: 'ready', data: { build: 'simd' } } }]);
  const unlisted = setup(TUTORIAL, 'https://evil.example');
  unlisted.api.emit('ready', {});
  expect(unlisted.posted).toEqual([]);

  const any = setup('*');
  any.api.emit('resize', { height: 600 });
  expect(any.posted).toEqual([{ origin: '*', message: { 'relu-playground': 1, event: 'resize', data: { height: 600 } } }]);
});

test('a parent that cannot be posted to does not make the handler throw', async () => {
  const api = fakeApi();
  const messages = createFrameMessages({ api, ownOrigin: OWN, origins: ['*'], target: { postMessage() { throw new Error('detached'); } } });
  expect(() => messages.handle({ origin: TUTORIAL, data: request(1, 'play') })).not.toThrow();
  expect(() => api.emit('progress', {})).not.toThrow();
  expect(() => messages.handle(undefined)).not.toThrow();
});

test('connect (the parent helper\'s first request) is answered with the version, and the latest height is sent again', async () => {
  const { api, posted, send } = setup(TUTORIAL);
  api.emit('resize', { height: 700 });
  api.emit('resize', { height: 720 });
  posted.length = 0;
  await send(TUTORIAL, request('hello-1', 'connect'));
  expect(posted).toEqual([
    { origin: TUTORIAL, message: { 'relu-playground': 1, id: 'hello-1', result: { version: 1 } } },
    { origin: TUTORIAL, message: { 'relu-playground': 1, event: 'resize', data: { height: 720 } } },
  ]);
  expect(api.calls).toEqual([]);
  // An origin not listed learns nothing, not even the height.
  posted.length = 0;
  await send('https://elsewhere.example', request('hello-2', 'connect'));
  expect(posted).toEqual([]);
});
