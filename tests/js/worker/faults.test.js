// A trap in the core (WebAssembly.RuntimeError) costs a restart, not the page:
// the session drops the dead module, rebuilds the trainer on a fresh one from
// its newest checkpoint, says so once, and gives up after MAX_RESTARTS in a row.
// Most tests wrap the real core in a double that throws a real RuntimeError at
// a chosen call; the last ones make the real WASM module trap.
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { coreStats, createTrainer as createCoreTrainer, isCoreFault } from '../../../web/api/index.js';
import { loadCore } from '../../../web/api/loader.js';
import {
  CHECKPOINT_EVERY_MS, CHECKPOINT_MAX_PARAMS, MAX_RESTARTS, RESTART_WINDOW_MS, faultCause,
} from '../../../web/worker/recovery.js';
import { Worker } from 'node:worker_threads';
import { createTrainingClient } from '../../../web/shared/client.js';
import { rejected, requireBuilds } from '../api/builds.js';

requireBuilds();

const CONFIG = { seed: 4, numSamples: 100, hidden: [4, 3] };

/** The real createTrainer, whose trainers (or creation) throw a real RuntimeError when told to. */
function faultyCore() {
  const plan = { trapOn: null, trapCreates: 0, creates: 0, gate: null };
  async function createTrainer(config, options) {
    plan.creates += 1;
    await plan.gate;
    if (plan.trapCreates > 0) {
      plan.trapCreates -= 1;
      throw new WebAssembly.RuntimeError('Aborted(). Build with -s ASSERTIONS=1 for more info.');
    }
    const real = await createCoreTrainer(config, options);
    return new Proxy(real, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        return (...args) => {
          if (plan.trapOn === name) {
            plan.trapOn = null;
            throw new WebAssembly.RuntimeError('memory access out of bounds');
          }
          return value.apply(target, args);
        };
      },
    });
  }
  return { plan, createTrainer };
}

function harness({ createTrainer, now } = {}) {
  const posted = [];
  const session = createSession({
    post: (message, transfer = []) => posted.push({ message, transfer }),
    ...(createTrainer ? { createTrainer } : {}),
    ...(now ? { now } : {}),
  });
  let nextId = 1;
  async function send(type, fields = {}) {
    const id = nextId++;
    await session.receive({ ...fields, type, id });
    return posted.find((p) => p.message.type === Event.REPLY && p.message.id === id).message;
  }
  const events = (type) => posted.filter((p) => p.message.type === type).map((p) => p.message);
  return { session, send, events };
}

async function until(predicate, what) {
  for (let i = 0; i < 2000; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sessions = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});
function start(options) {
  const h = harness(options);
  sessions.push(h.session);
  return h;
}

test('only traps count as faults', () => {
  expect(isCoreFault(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
  expect(isCoreFault(new RangeError('Maximum call stack size exceeded'))).toBe(true);
  expect(isCoreFault(new RangeError('steps: 1e9 is not a whole number in [0, 1000000]'))).toBe(false);
  expect(isCoreFault(new Error('learningRate: 20 is outside the allowed range'))).toBe(false);
  expect(isCoreFault('unreachable')).toBe(false);
  expect(faultCause(new WebAssembly.RuntimeError('Aborted(). Build with -s ASSERTIONS=1 for more info.')))
    .toBe('it aborted, most likely out of memory');
  expect(faultCause(new WebAssembly.RuntimeError('memory access out of bounds'))).toBe('a memory access out of bounds');
});

test('a trap during a request restarts the core from the newest checkpoint, with one notice', async () => {
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer });
  expect((await h.send(Request.INIT, { config: CONFIG, build: 'scalar' })).ok).toBe(true);
  await h.send(Request.STEP, { steps: 8 }); // a checkpoint after each request that changes the model
  const atCheckpoint = (await h.send(Request.SNAPSHOT, { params: true })).result.params;
  await h.send(Request.EXPORT); // nothing changed: no new checkpoint needed

  core.plan.trapOn = 'step';
  const failed = await h.send(Request.STEP, { steps: 1 });
  const message = 'The core stopped (a memory access out of bounds); restarted from step 8.';
  expect(failed).toMatchObject({ ok: false, error: { field: 'core', message } });
  expect(h.events(Event.RESTARTED)).toEqual([{
    type: Event.RESTARTED, message, cause: 'a memory access out of bounds', step: 8, weights: true, attempt: 1, gaveUp: false,
  }]);
  const restored = (await h.send(Request.SNAPSHOT, { params: true })).result;
  expect(restored.step).toBe(8);
  expect(Array.from(restored.params)).toEqual(Array.from(atCheckpoint));
  // And it goes on training, with the same config.
  expect((await h.send(Request.STEP, { steps: 4 })).result.step).toBe(12);
  expect((await h.send(Request.EXPORT)).ok).toBe(true);
});

test(`while playing, a checkpoint is taken at most every ${CHECKPOINT_EVERY_MS} ms, between requests`, async () => {
  let clock = 0;
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer, now: () => clock });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.PLAY);
  const snapshot = async () => (await h.send(Request.SNAPSHOT, { params: true })).result;
  let early;
  do {
    await new Promise((resolve) => setTimeout(resolve, 5));
    early = await snapshot();
  } while (early.step < 50);
  clock += CHECKPOINT_EVERY_MS - 1;
  await snapshot(); // not due yet
  clock += 1;
  const saved = await snapshot(); // due: the checkpoint is this state
  let later;
  do {
    await new Promise((resolve) => setTimeout(resolve, 5));
    later = await snapshot();
  } while (later.step <= saved.step);
  core.plan.trapOn = 'step';
  await until(() => h.events(Event.RESTARTED).length > 0, 'the restart');
  expect(h.events(Event.RESTARTED)[0].step).toBe(saved.step);
  await h.send(Request.PAUSE);
});

test('a trap while playing restarts the core and training resumes', async () => {
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.STEP, { steps: 7 }); // a checkpoint at step 7
  core.plan.trapOn = 'step';
  await h.send(Request.PLAY);
  await until(() => h.events(Event.RESTARTED).length > 0, 'the restart');
  expect(h.events(Event.RESTARTED)[0]).toMatchObject({ step: 7, weights: true, gaveUp: false });
  expect(h.events(Event.ERROR)).toEqual([]);
  let snapshot;
  for (let i = 0; i < 400; i++) {
    snapshot = (await h.send(Request.SNAPSHOT)).result;
    if (snapshot.step > 20) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(snapshot.playing).toBe(true);
  expect(snapshot.step).toBeGreaterThan(20);
  await h.send(Request.PAUSE);
});

test('requests that come while the play loop restarts the core wait for it and reach the new trainer', async () => {
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.STEP, { steps: 9 });
  let open;
  core.plan.gate = new Promise((resolve) => { open = resolve; });
  const creates = core.plan.creates;
  core.plan.trapOn = 'step';
  await h.send(Request.PLAY);
  await until(() => core.plan.creates > creates, 'the restart to begin');
  const snapshot = h.send(Request.SNAPSHOT); // arrives while the new trainer is being built
  open();
  const reply = await snapshot;
  expect(reply.ok).toBe(true);
  expect(reply.result.step).toBe(9);
  expect(h.events(Event.RESTARTED)).toHaveLength(1);
  await h.send(Request.PAUSE);
});

test('a fault that comes straight back is restarted MAX_RESTARTS times, then the session gives up and stays alive', async () => {
  let clock = 0;
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer, now: () => clock });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  const creates = core.plan.creates;
  core.plan.trapOn = 'reset';
  core.plan.trapCreates = 100; // every restore traps too
  const failed = await h.send(Request.RESET);
  expect(core.plan.creates - creates).toBe(MAX_RESTARTS);
  expect(failed.ok).toBe(false);
  expect(failed.error.field).toBe('core');
  expect(failed.error.message).toMatch(/again after 3 restarts in 10 s; it is not restarted again/);
  const restarted = h.events(Event.RESTARTED);
  expect(restarted).toHaveLength(1);
  expect(restarted[0]).toMatchObject({ gaveUp: true, attempt: MAX_RESTARTS, message: failed.error.message });
  // Every request still gets an answer, naming the reason.
  const snapshot = await h.send(Request.SNAPSHOT);
  expect(snapshot.error).toEqual(failed.error);
  // A new init (the page's settings changed, or the user asked again) starts afresh.
  core.plan.trapCreates = 0;
  clock += RESTART_WINDOW_MS;
  expect((await h.send(Request.INIT, { config: CONFIG, build: 'scalar' })).ok).toBe(true);
  expect((await h.send(Request.STEP, { steps: 2 })).result.step).toBe(2);
});

test('restarts spread out in time are not counted against each other', async () => {
  let clock = 0;
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer, now: () => clock });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  for (let i = 0; i < MAX_RESTARTS + 2; i++) {
    clock += RESTART_WINDOW_MS;
    core.plan.trapOn = 'step';
    expect((await h.send(Request.STEP, { steps: 1 })).error.field).toBe('core');
  }
  expect(h.events(Event.RESTARTED).map((e) => e.gaveUp)).toEqual(Array(MAX_RESTARTS + 2).fill(false));
});

test('a failed configure is undone by the restart: the previous config and weights are back', async () => {
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer });
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.SET_WEIGHT, { layer: 0, to: 1, from: 0, value: 2.5 }); // checkpointed
  core.plan.trapOn = 'configure';
  const failed = await h.send(Request.CONFIGURE, { config: { hidden: [9, 9, 9] } });
  expect(failed.error.field).toBe('core');
  const init = (await h.send(Request.EXPORT)).result.json;
  const model = JSON.parse(init);
  expect(model.config.hidden).toEqual([4, 3]);
  const snapshot = (await h.send(Request.SNAPSHOT, { params: true })).result;
  expect(snapshot.params[1]).toBe(2.5);
});

test(`a network over ${CHECKPOINT_MAX_PARAMS} parameters keeps its config only and restarts from step 0`, async () => {
  const core = faultyCore();
  const h = start({ createTrainer: core.createTrainer });
  const big = { seed: 1, numSamples: 50, hidden: [1024, 1024], batchSize: 5 };
  const init = await h.send(Request.INIT, { config: big, build: 'scalar' });
  expect(init.result.paramCount).toBeGreaterThan(CHECKPOINT_MAX_PARAMS);
  await h.send(Request.STEP, { steps: 2 });
  core.plan.trapOn = 'evaluateWithin'; // a pass this long runs in pieces
  const failed = await h.send(Request.SNAPSHOT);
  expect(failed.error.message).toMatch(/restarted from step 0 with the same settings \(networks over 1,000,000 parameters/);
  expect(h.events(Event.RESTARTED)[0]).toMatchObject({ step: 0, weights: false });
  const snapshot = (await h.send(Request.SNAPSHOT)).result;
  expect(snapshot.step).toBe(0);
  expect(snapshot.layers.map((l) => l.units)).toEqual([1024, 1024, 1]);
});

test('the real core trapping: the dead module is replaced by a fresh one and the weights come back', async () => {
  const h = start();
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.STEP, { steps: 6 });
  await h.send(Request.RESET);
  await h.send(Request.SET_WEIGHT, { layer: 1, to: 2, from: 3, value: -1.25 }); // checkpoint
  const before = (await h.send(Request.SNAPSHOT, { params: true })).result.params;
  const deadModule = await loadCore('scalar');

  const failed = await h.send(Request.INJECT_FAULT);
  expect(failed.error).toEqual({ field: 'core', message: 'The core stopped (a memory access out of bounds); restarted from step 0.' });
  expect(h.events(Event.RESTARTED)).toHaveLength(1);
  const freshModule = await loadCore('scalar');
  expect(freshModule).not.toBe(deadModule);
  expect((await coreStats({ build: 'scalar' })).liveTrainers).toBe(1);
  const after = (await h.send(Request.SNAPSHOT, { params: true })).result.params;
  expect(Array.from(after)).toEqual(Array.from(before));
  expect((await h.send(Request.STEP, { steps: 3 })).result.step).toBe(3);
});

// The data is held in std::vectors (a failed allocation aborts today), the
// parameters in a buffer whose failure is an error message: both must leave a
// working session with the previous model.
test.each([
  ['the data', { numSamples: 20000 }],
  ['the parameters', { hidden: [256, 256, 256] }],
])('the real core out of memory for %s: a clear error or a restart, never a dead session', async (what, patch) => {
  const h = start();
  await h.send(Request.INIT, { config: CONFIG, build: 'scalar' });
  await h.send(Request.STEP, { steps: 4 });
  const core = await loadCore('scalar');
  // Take all the memory the module may still grow to but the last 64 KB
  // (address space only: nothing is touched). What is left still holds the
  // request's own strings, not what the patch asks for.
  const taken = [];
  for (const size of [2 ** 28, 2 ** 24, 2 ** 20, 2 ** 16]) {
    for (let p = core._malloc(size); p !== 0; p = core._malloc(size)) taken.push(p);
  }
  const failed = await h.send(Request.CONFIGURE, { config: patch });
  expect(failed.ok).toBe(false);
  if (failed.error.field === 'core') {
    // It trapped (an allocation failure aborts under -fno-exceptions): restarted on a fresh module.
    expect(failed.error.message).toBe('The core stopped (it aborted, most likely out of memory); restarted from step 4.');
    expect(await loadCore('scalar')).not.toBe(core);
  } else {
    // The core turned the failed allocation into an error: free the memory taken here.
    expect(failed.error.message).toMatch(/memory/i);
    for (const p of taken) core._free(p);
  }
  const snapshot = (await h.send(Request.SNAPSHOT)).result;
  expect(snapshot.step).toBe(4);
  expect(snapshot.layers.map((l) => l.units)).toEqual([4, 3, 1]);
  expect((await h.send(Request.STEP, { steps: 2 })).result.step).toBe(6);
});

test('through the real worker and the client: the request rejects, one restarted event, training goes on', async () => {
  const client = createTrainingClient({ worker: new Worker(new URL('../../../web/worker/training.worker.js', import.meta.url)) });
  try {
    const restarted = [];
    client.on('restarted', (event) => restarted.push(event));
    await client.init({ config: CONFIG, build: 'simd' });
    await client.step({ steps: 30 });
    const error = await rejected(client.injectFault());
    expect(error.field).toBe('core');
    expect(error.message).toBe('The core stopped (a memory access out of bounds); restarted from step 30.');
    expect(restarted).toEqual([expect.objectContaining({ step: 30, weights: true, gaveUp: false, message: error.message })]);
    expect((await client.step({ steps: 5 })).step).toBe(35);
  } finally {
    await client.terminate();
  }
});
