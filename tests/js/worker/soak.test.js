// Soak: the worker session on the real WASM core through 100,000 training
// steps (played and stepped, with the page's snapshots between) and 1,000
// configure / reset / export-import cycles. The module's WASM memory, its
// malloc'd bytes, its live trainers and its Embind handles end where they began.
// And 100 restarts after a trap leave none of the dead modules reachable.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { coreStats } from '../../../web/api/index.js';
import { loadCore } from '../../../web/api/loader.js';
import { RESTART_WINDOW_MS } from '../../../web/worker/recovery.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

const BUILD = 'simd';
const CONFIG = { seed: 3, numSamples: 200, hidden: [6, 4], activation: 'relu', batchSize: 10, learningRate: 0.03 };
const STEPS = 100_000;
const CYCLES = 1000;
const HEAP_JITTER = 64; // bytes

let session = null;
let posted = 0;
let nextId = 1;
const replies = new Map(); // id -> resolve

function start() {
  session = createSession({
    post(message) {
      posted += 1;
      if (message.type === Event.REPLY) {
        replies.get(message.id)?.(message);
        replies.delete(message.id);
      }
    },
  });
}
afterEach(() => session?.dispose());

async function send(type, fields = {}) {
  const id = nextId++;
  const reply = new Promise((resolve) => replies.set(id, resolve));
  session.receive({ ...fields, type, id });
  const message = await reply;
  if (!message.ok) throw new Error(`${type}: ${message.error.message}`);
  return message.result;
}

// What the page asks for each frame: grid of every unit, parameters, and now and then the points.
const frame = (i) => send(Request.SNAPSHOT, { gridSize: 24, hidden: true, params: true, points: i % 50 === 0 });

async function stats() {
  const { heapBytesInUse, memoryBytes, liveTrainers, embindHandles } = await coreStats({ build: BUILD });
  return { heapBytesInUse, memoryBytes, liveTrainers, embindHandles };
}

test('100,000 steps and 1,000 configure/reset/import cycles leave memory and handles flat', async () => {
  start();
  await send(Request.INIT, { config: CONFIG, build: BUILD });
  // Warm up: the allocator's first arenas, Embind's type tables, the grid buffer.
  for (let i = 0; i < 20; i++) {
    await send(Request.STEP, { steps: 100 });
    await frame(i);
    await send(Request.CONFIGURE, { config: { hidden: [8, 8, 8] } });
    await send(Request.CONFIGURE, { config: CONFIG });
    await send(Request.IMPORT, { json: (await send(Request.EXPORT)).json });
    await send(Request.RESET);
  }
  const before = await stats();
  expect(before.liveTrainers).toBe(1);

  // Steps: half played (the worker's own loop, snapshots pulled meanwhile), half stepped.
  const start0 = (await send(Request.SNAPSHOT)).step;
  await send(Request.PLAY);
  let step = start0;
  for (let i = 0; step < start0 + STEPS / 2; i++) {
    // A display frame: the page asks once per frame, and the worker trains in between.
    await new Promise((resolve) => setTimeout(resolve, 4));
    step = (await frame(i)).step;
  }
  await send(Request.PAUSE);
  step = (await send(Request.SNAPSHOT)).step;
  for (let i = 0; i < STEPS / 2 / 1000; i++) {
    step = (await send(Request.STEP, { steps: 1000 })).step;
    await frame(i);
  }
  expect(step - start0).toBeGreaterThanOrEqual(STEPS);
  const afterSteps = await stats();

  // Cycles: a rebuild, a live change, a reset, an export and import, each with a frame.
  const samples = [];
  for (let i = 0; i < CYCLES; i++) {
    await send(Request.CONFIGURE, { config: { hidden: [4 + (i % 5), 3], learningRate: 0.01 + (i % 3) * 0.01 } });
    await send(Request.RESET);
    await send(Request.STEP, { steps: 5 });
    await send(Request.IMPORT, { json: (await send(Request.EXPORT)).json });
    await frame(i);
    if (i % 100 === 99) {
      await send(Request.CONFIGURE, { config: CONFIG });
      await send(Request.RESET);
      await frame(0);
      samples.push(await stats());
    }
  }
  await send(Request.CONFIGURE, { config: CONFIG });
  await send(Request.RESET);
  await frame(0);
  const after = await stats();

  // Flat: the WASM memory, the trainers and the Embind handles exactly; the
  // malloc'd bytes within HEAP_JITTER, because a few strings in the core hold
  // numbers whose printed length varies. A leak of one smallest malloc chunk
  // (16 bytes) per step or per cycle would be 16,000 bytes or more.
  const exact = ({ heapBytesInUse, ...rest }) => rest;
  for (const sample of [afterSteps, ...samples, after]) {
    expect(exact(sample)).toEqual(exact(before));
    expect(Math.abs(sample.heapBytesInUse - before.heapBytesInUse)).toBeLessThanOrEqual(HEAP_JITTER);
  }
  expect(posted).toBeGreaterThan(2 * CYCLES);
}, 120000);

test('100 restarts after a real trap leave no dead module reachable', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc'); // a context made after the flag has it
  let clock = 0;
  session = createSession({
    now: () => clock,
    post(message) {
      if (message.type === Event.REPLY) {
        replies.get(message.id)?.(message);
        replies.delete(message.id);
      }
    },
  });
  const ask = async (type, fields) => {
    const id = nextId++;
    const reply = new Promise((resolve) => replies.set(id, resolve));
    session.receive({ ...fields, type, id });
    return reply;
  };
  await ask(Request.INIT, { config: CONFIG, build: BUILD });
  const modules = [];
  for (let i = 0; i < 100; i++) {
    modules.push(new WeakRef(await loadCore(BUILD)));
    clock += RESTART_WINDOW_MS; // spread out, as faults worth restarting for are
    await ask(Request.STEP, { steps: 10 });
    const failed = await ask(Request.INJECT_FAULT, {});
    expect(failed.error.message).toBe(`The core stopped (a memory access out of bounds); restarted from step ${10 * (i + 1)}.`);
  }
  // Weak references are cleared between tasks: collect, yield, collect.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const alive = modules.filter((ref) => ref.deref() !== undefined).length;
  expect(alive).toBe(0);
  expect((await coreStats({ build: BUILD })).liveTrainers).toBe(1);
}, 120000);
