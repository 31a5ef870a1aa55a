// The worker's session in-process: replies by id and in order, errors as
// messages, snapshots whose buffers are listed for transfer, the play loop.
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { FRAME_MS } from '../../../web/worker/pacing.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

function harness() {
  const posted = [];
  const session = createSession({ post: (message, transfer = []) => posted.push({ message, transfer }) });
  let nextId = 1;
  async function send(type, fields = {}) {
    const id = nextId++;
    await session.receive({ ...fields, type, id });
    const reply = posted.find((p) => p.message.type === Event.REPLY && p.message.id === id);
    expect(reply).toBeDefined();
    return reply;
  }
  const events = (type) => posted.filter((p) => p.message.type === type).map((p) => p.message);
  return { session, posted, send, events };
}

let h;
beforeEach(async () => {
  h = harness();
  const { message } = await h.send(Request.INIT, { config: { seed: 4, numSamples: 100, hidden: [4, 3] }, build: 'scalar' });
  expect(message.ok).toBe(true);
});
afterEach(() => h.session.dispose());

test('init replies with the build and model, and announces ready', async () => {
  const init = h.posted.find((p) => p.message.type === Event.REPLY).message.result;
  expect(init).toMatchObject({ build: 'scalar', simd: false, paramCount: expect.any(Number) });
  expect(init.layers.map((l) => l.outputs)).toEqual([4, 3, 1]);
  expect(init.config.hidden).toEqual([4, 3]);
  expect(h.events(Event.READY)).toEqual([{ type: Event.READY, build: 'scalar', simd: false, protocol: 1 }]);
});

test('a snapshot lists every buffer it carries for transfer', async () => {
  await h.send(Request.STEP, { steps: 5 });
  const { message, transfer } = await h.send(Request.SNAPSHOT, { gridSize: 12, hidden: true, params: true, points: true });
  const snapshot = message.result;
  expect(snapshot.step).toBe(5);
  expect(snapshot.trainLoss).toBeGreaterThan(0); // evaluated for the snapshot
  expect(snapshot.gridNodes).toBe(8);
  expect(snapshot.grid).toHaveLength(8 * 144);
  const init = h.posted.find((p) => p.message.type === Event.REPLY).message.result;
  expect(snapshot.params).toHaveLength(init.paramCount);
  expect(snapshot.trainPoints.length + snapshot.testPoints.length).toBe(300);
  const carried = [snapshot.grid, snapshot.params, snapshot.trainPoints, snapshot.testPoints,
    ...snapshot.layers.flatMap((l) => [l.histogram, l.preluSlopes])].map((a) => a.buffer);
  expect(new Set(transfer)).toEqual(new Set(carried));
});

test('a snapshot without options carries metrics only', async () => {
  const { message } = await h.send(Request.SNAPSHOT);
  expect(message.result).toMatchObject({ gridSize: 0, gridNodes: 0, playing: false });
  expect(message.result.grid).toBeUndefined();
  expect(message.result.params).toBeUndefined();
});

test('errors come back as replies naming the field, and change nothing', async () => {
  const before = (await h.send(Request.SNAPSHOT, { params: true })).message.result.params;
  const bad = await h.send(Request.CONFIGURE, { config: { learningRate: 50 } });
  expect(bad.message).toEqual({
    type: Event.REPLY, id: bad.message.id, ok: false,
    error: { message: expect.stringMatching(/^learningRate: /), field: 'learningRate' },
  });
  const after = (await h.send(Request.SNAPSHOT, { params: true })).message.result.params;
  expect(Array.from(after)).toEqual(Array.from(before));
  expect((await h.send('explode')).message.error.field).toBe('type');
  expect((await h.send(Request.STEP, { steps: 1, epochs: 1 })).message.error.field).toBe('steps');
  expect((await h.send(Request.SET_WEIGHT, { layer: 9, to: 0, from: 0, value: 1 })).message.error.field).toBe('layer');
  expect((await h.send(Request.SET_SPEED, { budgetMs: -1 })).message.error.field).toBe('budgetMs');
});

test('requests before init are refused', async () => {
  const fresh = harness();
  const { message } = await fresh.send(Request.STEP, { steps: 1 });
  expect(message.ok).toBe(false);
  expect(message.error.message).toMatch(/send init first/);
  fresh.session.dispose();
});

test('replies keep the order of the requests', async () => {
  const ids = [];
  const session = createSession({ post: (message) => message.type === Event.REPLY && ids.push(message.id) });
  await Promise.all([
    session.receive({ type: Request.INIT, id: 1, config: {}, build: 'scalar' }),
    session.receive({ type: Request.STEP, id: 2, steps: 3 }),
    session.receive({ type: Request.SNAPSHOT, id: 3 }),
    session.receive({ type: Request.EXPORT, id: 4 }),
  ]);
  expect(ids).toEqual([1, 2, 3, 4]);
  session.dispose();
});

test('play trains in slices until paused, measuring its speed', async () => {
  await h.send(Request.PLAY);
  let snapshot;
  for (let i = 0; i < 500; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    snapshot = (await h.send(Request.SNAPSHOT)).message.result;
    if (snapshot.step > 200 && snapshot.stepsPerSecond > 0) break;
  }
  expect(snapshot.playing).toBe(true);
  expect(snapshot.step).toBeGreaterThan(200);
  expect(snapshot.stepsPerSecond).toBeGreaterThan(0);
  expect(snapshot.stepsPerSlice).toBeGreaterThan(1); // adapted up from 1
  await h.send(Request.PAUSE);
  const paused = (await h.send(Request.SNAPSHOT)).message.result;
  await new Promise((resolve) => setTimeout(resolve, 30));
  const later = (await h.send(Request.SNAPSHOT)).message.result;
  expect(later.playing).toBe(false);
  expect(later.step).toBe(paused.step);
});

test('a fixed steps-per-frame speed trains exactly that many per frame', async () => {
  await h.send(Request.SET_SPEED, { stepsPerFrame: 1 });
  const start = performance.now();
  await h.send(Request.PLAY);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await h.send(Request.PAUSE);
  const frames = (performance.now() - start) / FRAME_MS;
  const { step } = (await h.send(Request.SNAPSHOT)).message.result;
  // One step per display frame begun while playing, however busy the machine.
  expect(step).toBeGreaterThanOrEqual(1);
  expect(step).toBeLessThanOrEqual(Math.ceil(frames) + 1);
});

test('divergence while playing stops the loop and is announced', async () => {
  await h.send(Request.CONFIGURE, {
    config: { problem: 'regression', dataset: 'reg-plane', activation: 'linear', learningRate: 10, hidden: [8, 8] },
  });
  await h.send(Request.PLAY);
  for (let i = 0; i < 400 && h.events(Event.DIVERGED).length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const [diverged] = h.events(Event.DIVERGED);
  expect(diverged.cause).not.toBe('');
  expect(diverged.step).toBeGreaterThanOrEqual(0);
  const snapshot = (await h.send(Request.SNAPSHOT, { params: true })).message.result;
  expect(snapshot.playing).toBe(false);
  expect(snapshot.diverged).toBe(true);
  expect(Array.from(snapshot.params).every(Number.isFinite)).toBe(true);
  // A sane learning rate and new weights let training go on.
  await h.send(Request.CONFIGURE, { config: { learningRate: 0.001 } });
  await h.send(Request.RESET);
  const step = (await h.send(Request.STEP, { steps: 3 })).message.result;
  expect(step.diverged).toBe(false);
});

test('after a divergence in the play loop, snapshots evaluate the restored weights, not the blown-up ones', async () => {
  // lr 3 blows the weights up at step 1; step 2's loss is caught and the
  // core goes back to its step-0 checkpoint.
  await h.send(Request.CONFIGURE, {
    config: { problem: 'regression', dataset: 'reg-plane', hidden: [8, 8], activation: 'relu', init: 'he-normal',
      optimizer: 'sgd', learningRate: 3, batchSize: 10, seed: 1 },
  });
  const initial = (await h.send(Request.SNAPSHOT)).message.result;
  await h.send(Request.STEP, { steps: 1 });
  const blown = (await h.send(Request.SNAPSHOT)).message.result; // evaluated at step 1
  expect(blown.trainLoss).toBeGreaterThan(1e3 * initial.trainLoss);
  await h.send(Request.PLAY); // the loop's first slice diverges at step 2
  for (let i = 0; i < 400 && h.events(Event.DIVERGED).length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(h.events(Event.DIVERGED)).toHaveLength(1);
  const restored = (await h.send(Request.SNAPSHOT)).message.result;
  expect(restored.step).toBe(0);
  expect(restored.trainLoss).toBeCloseTo(initial.trainLoss, 6);
  expect(restored.testLoss).toBeCloseTo(initial.testLoss, 6);
});

test('export and import round-trip the model', async () => {
  await h.send(Request.STEP, { steps: 4 });
  const { json } = (await h.send(Request.EXPORT)).message.result;
  const params = (await h.send(Request.SNAPSHOT, { params: true })).message.result.params;
  await h.send(Request.RESET);
  const imported = (await h.send(Request.IMPORT, { json })).message.result;
  expect(imported.config.hidden).toEqual([4, 3]);
  const back = (await h.send(Request.SNAPSHOT, { params: true })).message.result;
  expect(back.step).toBe(4);
  expect(Array.from(back.params)).toEqual(Array.from(params));
});

// Found by the hostile-URL table (tests/e2e/hostile-urls.test.js): a link that
// changed the speed (or batchSize, numSamples) while playing could stop the
// loop with "steps: -n is not a whole number": the frame's quota shrank below
// the steps already trained in that frame. A slow clock keeps every slice of
// this test in one display frame, so the quota surely shrinks mid-frame.
test('a quota that shrinks mid-frame waits for the next frame instead of failing', async () => {
  const posted = [];
  const session = createSession({ post: (message) => posted.push(message), now: () => performance.now() / 1000 });
  let id = 100;
  const send = async (type, fields = {}) => {
    const mine = id++;
    await session.receive({ ...fields, type, id: mine });
    return posted.find((m) => m.type === Event.REPLY && m.id === mine);
  };
  try {
    expect((await send(Request.INIT, { config: { seed: 4, numSamples: 100, hidden: [4, 3] }, build: 'scalar' })).ok).toBe(true);
    await send(Request.SET_SPEED, { stepsPerFrame: 'auto' });
    await send(Request.PLAY);
    let before;
    for (let i = 0; i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      before = (await send(Request.SNAPSHOT)).result;
      if (before.step > 50) break;
    }
    expect(before.step).toBeGreaterThan(50);
    await send(Request.SET_SPEED, { stepsPerFrame: 5 }); // fewer than this frame has trained already
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = (await send(Request.SNAPSHOT)).result;
    expect(posted.filter((m) => m.type === Event.ERROR)).toEqual([]);
    expect(after.playing).toBe(true); // still playing, waiting for the next frame
  } finally {
    session.dispose();
  }
});
