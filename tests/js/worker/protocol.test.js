// The worker protocol end to end: the real worker entry under Node's
// worker_threads, driven through the main-thread client.
import { Worker } from 'node:worker_threads';
import { createTrainingClient } from '../../../web/shared/client.js';
import { PROTOCOL_VERSION } from '../../../web/shared/protocol.js';
import { rejected, requireBuilds, thrown } from '../api/builds.js';

requireBuilds();

const WORKER_URL = new URL('../../../web/worker/training.worker.js', import.meta.url);

let client;
beforeEach(() => {
  client = createTrainingClient({ worker: new Worker(WORKER_URL) });
});
afterEach(async () => {
  await client.terminate();
});

async function until(predicate, what) {
  for (let i = 0; i < 1000; i++) {
    const value = await predicate();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('init, train, snapshot with transferred buffers, export and import', async () => {
  const ready = [];
  client.on('ready', (event) => ready.push(event));
  const init = await client.init({ config: { seed: 2, numSamples: 80, hidden: [5] }, build: 'simd' });
  expect(init).toMatchObject({ build: 'simd', simd: true });
  expect(ready).toEqual([{ build: 'simd', simd: true, protocol: 1 }]);

  expect(await client.step({ steps: 4 })).toMatchObject({ step: 4, diverged: false });
  expect(await client.step({ epochs: 1 })).toMatchObject({ step: 8 });
  const snapshot = await client.snapshot({ gridSize: 20, hidden: true, params: true, points: true });
  // Typed arrays from worker_threads belong to Node's realm, not Jest's: compare by tag.
  expect(Object.prototype.toString.call(snapshot.grid)).toBe('[object Float32Array]');
  expect(snapshot.grid).toHaveLength(6 * 400);
  expect(snapshot.params).toHaveLength(init.paramCount);
  expect(snapshot.trainPoints).toHaveLength(40 * 3);
  expect(Object.prototype.toString.call(snapshot.layers[0].histogram)).toBe('[object Uint32Array]');

  const json = await client.exportModel();
  expect(JSON.parse(json).format).toBe('relu-playground-model');
  await client.reset();
  expect((await client.snapshot()).step).toBe(0);
  const imported = await client.importModel(json);
  expect(imported.config.hidden).toEqual([5]);
  const back = await client.snapshot({ params: true });
  expect(back.step).toBe(8);
  expect(Array.from(back.params)).toEqual(Array.from(snapshot.params));
});

test('play, live learning-rate change, pause', async () => {
  await client.init({ config: { seed: 1 }, build: 'scalar' });
  await client.play();
  const playing = await until(async () => {
    const s = await client.snapshot({ gridSize: 16 });
    return s.step > 100 && s;
  }, 'training to run');
  expect(playing.playing).toBe(true);
  const { rebuilt } = await client.configure({ learningRate: 0.003 });
  expect(rebuilt).toBe(false);
  const after = await client.snapshot();
  expect(after.step).toBeGreaterThanOrEqual(playing.step); // weights and step kept
  expect(after.learningRate).toBeCloseTo(0.003, 6);
  await client.pause();
  const paused = await client.snapshot();
  expect(paused.playing).toBe(false);
  expect((await client.snapshot()).step).toBe(paused.step);
});

test('setWeight and setSpeed', async () => {
  const init = await client.init({ config: { hidden: [3] } });
  await client.setWeight({ layer: 0, to: 1, from: 0, value: 2.5 });
  const { params } = await client.snapshot({ params: true });
  expect(params[init.layers[0].weightOffset + 1]).toBe(2.5);
  expect(await client.setSpeed({ epochsPerFrame: 2 })).toEqual({ budgetMs: 10, stepsPerFrame: null, epochsPerFrame: 2 });
});

test('errors reject with Error objects carrying the field', async () => {
  await client.init({ config: {} });
  const error = await rejected(client.configure({ hidden: [0] }));
  expect(error).toBeInstanceOf(Error);
  expect(error.field).toBe('hidden');
  expect((await rejected(client.step({ steps: -1 }))).field).toBe('steps');
  expect((await rejected(client.init({ config: { dataset: 'mnist' } }))).field).toBe('dataset');
  // The failed init kept the trainer that was there.
  expect((await client.step()).step).toBe(1);
});

test('divergence arrives as an event', async () => {
  await client.init({ config: { problem: 'regression', dataset: 'reg-plane', activation: 'linear', learningRate: 10, hidden: [8, 8] } });
  const events = [];
  const unsubscribe = client.on('diverged', (event) => events.push(event));
  await client.play();
  await until(() => events.length > 0, 'a diverged event');
  expect(events[0]).toEqual({ step: expect.any(Number), cause: expect.any(String) });
  unsubscribe();
  expect(thrown(() => client.on('nonsense', () => {})).field).toBe('type');
});

test('terminate rejects what is pending and what comes after', async () => {
  const pending = rejected(client.init({ config: {} }));
  await client.terminate();
  expect((await pending).message).toBe('worker: terminated');
  expect((await rejected(client.step())).message).toBe('worker: terminated');
});

test('the worker refuses an init of another protocol version, naming both, and keeps its trainer', async () => {
  const worker = new Worker(WORKER_URL);
  const direct = createTrainingClient({ worker });
  try {
    await direct.init({ config: { seed: 3, numSamples: 60 } });
    await direct.step({ steps: 5 });
    // A page of another build, sending its own version on the same port.
    const reply = new Promise((resolve) => worker.on('message', (m) => m.id === 999 && resolve(m)));
    worker.postMessage({ type: 'init', id: 999, config: {}, protocol: PROTOCOL_VERSION + 1 });
    expect(await reply).toEqual({
      type: 'reply', id: 999, ok: false,
      error: {
        field: 'protocol',
        message: `protocol: the page speaks version ${PROTOCOL_VERSION + 1} of the worker protocol and the worker version ` +
          `${PROTOCOL_VERSION}; reload the page so that both come from the same build`,
      },
    });
    expect((await direct.snapshot()).step).toBe(5);
  } finally {
    await direct.terminate();
  }
});
