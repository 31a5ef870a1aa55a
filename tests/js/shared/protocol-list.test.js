// The worker protocol's one list of requests (METHODS): the client's methods
// and the worker's dispatch made from it, the wire format they keep, and the
// protocol version checked on both sides. No core needed.
import { readFileSync } from 'node:fs';
import { createTrainingClient } from '../../../web/shared/client.js';
import { Event, METHODS, PROTOCOL_VERSION, Request } from '../../../web/shared/protocol.js';
import { createDispatch } from '../../../web/worker/dispatch.js';

// A worker that records what it is sent and answers when told to.
function fakeWorker() {
  const sent = [];
  const listeners = [];
  return {
    sent,
    addEventListener(kind, fn) {
      if (kind === 'message') listeners.push(fn);
    },
    postMessage(message, transfer) {
      sent.push({ message, transfer });
    },
    deliver(data) {
      for (const fn of listeners) fn({ data });
    },
    reply(result) {
      this.deliver({ type: Event.REPLY, id: sent.at(-1).message.id, ok: true, result });
    },
    terminate() {},
  };
}

function handlersFor(answer) {
  return Object.fromEntries(Object.values(METHODS).map(({ type }) => [type, (fields) => answer(type, fields)]));
}

test('the request constants and their wire names are those the page and the tests have always used', () => {
  expect(Request).toEqual({
    INIT: 'init', CONFIGURE: 'configure', PLAY: 'play', PAUSE: 'pause', STEP: 'step', RESET: 'reset',
    SET_WEIGHT: 'setWeight', SNAPSHOT: 'snapshot', EXPORT: 'export', IMPORT: 'import', SET_SPEED: 'setSpeed',
    INJECT_FAULT: 'injectFault', TIMELINE: 'timeline', SNAPSHOT_AT: 'snapshotAt', FORK_FROM: 'forkFrom',
    CLASSIFY: 'classify',
  });
  for (const method of Object.values(METHODS)) {
    expect(method.doc).toMatch(/->/);
    for (const name of Object.keys(method.defaults ?? {})) expect(method.fields).toContain(name);
    if (method.argument !== undefined) expect(method.fields).toEqual([method.argument]);
  }
});

test('the client has one method per request plus on and terminate', () => {
  const client = createTrainingClient({ worker: fakeWorker() });
  expect(Object.keys(client).sort()).toEqual([
    'classify', 'configure', 'exportModel', 'forkFrom', 'importModel', 'init', 'injectFault', 'on', 'pause', 'play', 'reset',
    'setSpeed', 'setWeight', 'snapshot', 'snapshotAt', 'step', 'terminate', 'timeline',
  ]);
});

// Each call and the message it must put on the wire (ids aside): written out
// by hand, as the client wrote them before it was made from the list (INIT
// now adds the version).
const WIRE = [
  [(c) => c.init(), { type: 'init', config: {}, build: 'auto', protocol: PROTOCOL_VERSION }],
  [(c) => c.init({ config: { seed: 3 }, build: 'simd', wasmBaseUrl: '/w/', wasmOrigins: ['https://a.example'] }),
    { type: 'init', config: { seed: 3 }, build: 'simd', wasmBaseUrl: '/w/', wasmOrigins: ['https://a.example'], protocol: PROTOCOL_VERSION }],
  [(c) => c.configure({ learningRate: 0.1 }), { type: 'configure', config: { learningRate: 0.1 } }],
  [(c) => c.play(), { type: 'play' }],
  [(c) => c.pause(), { type: 'pause' }],
  [(c) => c.step(), { type: 'step' }],
  [(c) => c.step({ epochs: 2 }), { type: 'step', epochs: 2 }],
  [(c) => c.reset(), { type: 'reset' }],
  [(c) => c.setWeight({ layer: 0, to: 1, from: 2, value: 0.5 }), { type: 'setWeight', layer: 0, to: 1, from: 2, value: 0.5 }],
  [(c) => c.snapshot(), { type: 'snapshot', gridSize: 0, hidden: false, params: false, points: false, regions: false, evaluate: true, digits: false }],
  [(c) => c.snapshot({ gridSize: 32, paramUnits: 8, evaluate: false }),
    { type: 'snapshot', gridSize: 32, hidden: false, params: false, paramUnits: 8, points: false, regions: false, evaluate: false, digits: false }],
  [(c) => c.exportModel(), { type: 'export' }],
  [(c) => c.importModel('{"a":1}'), { type: 'import', json: '{"a":1}' }],
  [(c) => c.setSpeed({ stepsPerFrame: 'auto' }), { type: 'setSpeed', stepsPerFrame: 'auto' }],
  [(c) => c.setSpeed(), { type: 'setSpeed' }],
  [(c) => c.injectFault(), { type: 'injectFault' }],
  [(c) => c.timeline(), { type: 'timeline' }],
  [(c) => c.snapshotAt({ step: 40, gridSize: 16 }), { type: 'snapshotAt', step: 40, gridSize: 16, hidden: false, digits: false }],
  [(c) => c.classify(new Float32Array(2)), { type: 'classify', input: new Float32Array(2) }],
  [(c) => c.forkFrom(40), { type: 'forkFrom', step: 40 }],
];

test.each(WIRE.map(([call, message]) => [message.type, call, message]))('the client sends %s as before', async (type, call, expected) => {
  const worker = fakeWorker();
  const client = createTrainingClient({ worker });
  const promise = call(client);
  expect(worker.sent).toHaveLength(1);
  const { id, ...message } = worker.sent[0].message;
  expect(message).toEqual(expected);
  expect(id).toBe(1);
  worker.reply({ json: 'text', step: 4 });
  // exportModel resolves with the text; the others with the whole result.
  await expect(promise).resolves.toEqual(type === 'export' ? 'text' : { json: 'text', step: 4 });
});

test('a failed reply rejects with the message and the field', async () => {
  const worker = fakeWorker();
  const client = createTrainingClient({ worker });
  const promise = client.step({ steps: -1 });
  worker.deliver({ type: Event.REPLY, id: 1, ok: false, error: { message: 'steps: -1 is bad', field: 'steps' } });
  await expect(promise).rejects.toMatchObject({ message: 'steps: -1 is bad', field: 'steps' });
});

describe('the dispatch made from the list', () => {
  test('refuses to be made with a request left without its handler, or a handler no request reaches', () => {
    const handlers = handlersFor(() => ({}));
    const { [Request.RESET]: _reset, ...missing } = handlers;
    expect(() => createDispatch(missing)).toThrow('requests without a handler: [reset]');
    expect(() => createDispatch({ ...handlers, rewind: () => ({}) })).toThrow('handlers without a request: [rewind]');
  });

  test('refuses an unknown type, naming the known ones', async () => {
    const dispatch = createDispatch(handlersFor(() => ({})));
    for (const type of ['rewind', 'toString', undefined]) {
      await expect(dispatch({ type, id: 1 })).rejects.toMatchObject({
        field: 'type',
        message: `type: ${JSON.stringify(type)} is not one of init, configure, play, pause, step, reset, setWeight, ` +
          'snapshot, export, import, setSpeed, injectFault, timeline, snapshotAt, forkFrom, classify',
      });
    }
  });

  test('hands a handler only the fields its request declares, and its transferables only when it has them', async () => {
    const seen = [];
    const buffer = new ArrayBuffer(8);
    const dispatch = createDispatch(handlersFor((type, fields) => {
      seen.push(fields);
      return type === Request.SNAPSHOT ? { result: { step: 1 }, transfer: [buffer] } : { step: 2 };
    }));
    expect(await dispatch({ type: 'step', id: 4, steps: 3, stray: true, epochs: undefined })).toEqual({ result: { step: 2 }, transfer: [] });
    expect(seen.at(-1)).toEqual({ steps: 3 });
    expect(await dispatch({ type: 'snapshot', id: 5, gridSize: 8 })).toEqual({ result: { step: 1 }, transfer: [buffer] });
    expect(seen.at(-1)).toEqual({ gridSize: 8 });
  });

  test('refuses a request of another protocol version, naming both, before its handler runs', async () => {
    const seen = [];
    const dispatch = createDispatch(handlersFor((type) => seen.push(type)));
    for (const protocol of [PROTOCOL_VERSION + 1, 0, '1']) {
      await expect(dispatch({ type: 'init', id: 1, protocol })).rejects.toMatchObject({
        field: 'protocol',
        message: `protocol: the page speaks version ${JSON.stringify(protocol)} of the worker protocol and the worker ` +
          `version ${PROTOCOL_VERSION}; reload the page so that both come from the same build`,
      });
    }
    expect(seen).toEqual([]);
    await dispatch({ type: 'init', id: 2, protocol: PROTOCOL_VERSION });
    expect(seen).toEqual(['init']);
  });
});

describe('the client checks the version the worker names in ready', () => {
  test('the same version: ready reaches the listeners and init resolves', async () => {
    const worker = fakeWorker();
    const client = createTrainingClient({ worker });
    const ready = [];
    client.on('ready', (event) => ready.push(event));
    const init = client.init();
    worker.deliver({ type: Event.READY, build: 'simd', simd: true, protocol: PROTOCOL_VERSION });
    worker.reply({ build: 'simd' });
    await expect(init).resolves.toEqual({ build: 'simd' });
    expect(ready).toEqual([{ build: 'simd', simd: true, protocol: PROTOCOL_VERSION }]);
  });

  test('another version: init and every later request reject naming both versions', async () => {
    const worker = fakeWorker();
    const client = createTrainingClient({ worker });
    const ready = [];
    const errors = [];
    client.on('ready', (event) => ready.push(event));
    client.on('error', (event) => errors.push(event));
    const init = client.init();
    worker.deliver({ type: Event.READY, build: 'simd', simd: true, protocol: PROTOCOL_VERSION + 1 });
    const message = `protocol: the page speaks version ${PROTOCOL_VERSION} of the worker protocol and the worker ` +
      `version ${PROTOCOL_VERSION + 1}; reload the page so that both come from the same build`;
    await expect(init).rejects.toMatchObject({ message, field: 'protocol' });
    await expect(client.snapshot()).rejects.toMatchObject({ message });
    expect(ready).toEqual([]);
    expect(errors).toEqual([]); // init's rejection says it; an event besides would say it twice
  });
});

test('docs/API.md\'s table of requests names every request of the list and each of its fields', () => {
  const text = readFileSync(new URL('../../../docs/API.md', import.meta.url), 'utf8');
  const table = text.slice(text.indexOf('| Request | Fields | Result |')).split('\n\n')[0];
  const rows = table.split('\n').slice(2).map((row) => row.split('|').map((cell) => cell.trim()));
  const documented = rows.flatMap(([, requests, fields]) => [...requests.matchAll(/`(\w+)`/g)].map(([, type]) => [type, fields]));
  expect(documented.map(([type]) => type).sort()).toEqual(Object.values(METHODS).map((m) => m.type).sort());
  for (const [type, fields] of documented) {
    const names = [...fields.matchAll(/\b[a-zA-Z]+\b/g)].map(([word]) => word);
    for (const field of Object.values(METHODS).find((m) => m.type === type).fields) {
      expect({ type, documents: field, in: names.includes(field) }).toEqual({ type, documents: field, in: true });
    }
  }
});
