// The replay timeline's requests on the real core (web/worker/timeline.js
// through the session): checkpoints at the steps trained, a past moment
// evaluated with its own parameters, continue-from-here, marks, and the
// byte budget over 10^5 steps of the 6x8 ReLU spiral.
import { createTrainer } from '../../../web/api/index.js';
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { PRESETS } from '../../../web/shared/presets.js';
import { TIMELINE_MAX_BYTES, TIMELINE_MAX_CHECKPOINTS, TIMELINE_RECORD_BYTES } from '../../../web/shared/limits.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

const CONFIG = { seed: 4, numSamples: 100, hidden: [4, 3] };

function harness(options = {}) {
  const posted = [];
  const session = createSession({ post: (message, transfer = []) => posted.push({ message, transfer }), ...options });
  let nextId = 1;
  async function send(type, fields = {}) {
    const id = nextId++;
    await session.receive({ ...fields, type, id });
    return posted.find((p) => p.message.type === Event.REPLY && p.message.id === id).message;
  }
  async function ok(type, fields) {
    const reply = await send(type, fields);
    if (!reply.ok) throw new Error(`${type}: ${reply.error.message}`);
    return reply.result;
  }
  return { session, send, ok };
}

let h;
afterEach(() => h?.session.dispose());

async function trained(config = CONFIG, steps = [10, 10, 10, 10, 10]) {
  h = harness();
  const init = await h.ok(Request.INIT, { config, build: 'scalar' });
  for (const n of steps) await h.ok(Request.STEP, { steps: n });
  return init;
}

test('the timeline keeps a checkpoint at the start and after each step request, and counts their bytes', async () => {
  const init = await trained();
  const timeline = await h.ok(Request.TIMELINE);
  expect(timeline).toMatchObject({ enabled: true, reason: '', present: 50, steps: [0, 10, 20, 30, 40, 50], maxBytes: TIMELINE_MAX_BYTES });
  expect(timeline.bytes).toBe(6 * (init.paramCount * 4 + TIMELINE_RECORD_BYTES));
  expect(timeline.marks).toEqual([{ step: 0, kind: 'start' }]);
});

test('snapshotAt evaluates the kept step with its own parameters: what a fresh run stopped there shows', async () => {
  await trained();
  const live = (await h.send(Request.SNAPSHOT, { gridSize: 12, hidden: true, params: true })).result;
  const { result: past } = await h.send(Request.SNAPSHOT_AT, { step: 22, gridSize: 12, hidden: true, paramUnits: 16 });
  expect(past.step).toBe(20); // the nearest kept step
  expect(past.present).toBe(50);
  expect(past.grid).toHaveLength(live.grid.length);
  expect(Array.from(past.grid)).not.toEqual(Array.from(live.grid));

  const reference = await createTrainer(CONFIG, { build: 'scalar' });
  reference.step(20);
  reference.evaluate();
  const expected = reference.metrics();
  expect(past.trainLoss).toBe(expected.trainLoss);
  expect(past.testAccuracy).toBe(expected.testAccuracy);
  expect(past.layers.map((l) => l.deadUnits)).toEqual(expected.layers.map((l) => l.deadUnits));
  expect(Array.from(past.grid)).toEqual(Array.from(reference.evalGrid(12, { hidden: true })));
  reference.delete();

  // The live run is untouched: its next snapshot is the present's.
  const after = (await h.send(Request.SNAPSHOT, { gridSize: 12, hidden: true, params: true })).result;
  expect(after.step).toBe(50);
  expect(after.trainLoss).toBe(live.trainLoss);
  expect(Array.from(after.params)).toEqual(Array.from(live.params));
});

test('forkFrom continues from a kept step: step and parameters go back, later history is dropped', async () => {
  await trained();
  const pastParams = (await h.send(Request.SNAPSHOT_AT, { step: 20 })).result;
  const fork = await h.ok(Request.FORK_FROM, { step: 20 });
  expect(fork).toMatchObject({ step: 20, dropped: 3 });
  const now = (await h.send(Request.SNAPSHOT, { params: true })).result;
  expect(now.step).toBe(20);
  expect(now.trainLoss).toBe(pastParams.trainLoss);
  const timeline = await h.ok(Request.TIMELINE);
  expect(timeline.steps).toEqual([0, 10, 20]);
  expect(timeline.marks.map((m) => [m.step, m.kind])).toEqual([[0, 'start'], [20, 'forked']]);
  await h.ok(Request.STEP, { steps: 7 });
  expect((await h.ok(Request.TIMELINE)).steps).toEqual([0, 10, 20, 27]);
});

test('a step that is not kept, or not a step, is refused naming the field and changes nothing', async () => {
  await trained();
  const notKept = await h.send(Request.FORK_FROM, { step: 13 });
  expect(notKept.ok).toBe(false);
  expect(notKept.error).toEqual({ field: 'step', message: expect.stringMatching(/^step: 13 is not a kept step \(the timeline keeps 6 steps in \[0, 50\]/) });
  for (const step of [-1, 2.5, '10', undefined]) {
    const bad = await h.send(Request.SNAPSHOT_AT, { step });
    expect(bad.error).toEqual({ field: 'step', message: `step: ${JSON.stringify(step)} is not a whole number of steps, 0 or more` });
  }
  expect((await h.ok(Request.TIMELINE)).steps).toEqual([0, 10, 20, 30, 40, 50]);
  expect((await h.send(Request.SNAPSHOT)).result.step).toBe(50);
});

test('a live setting change is marked and keeps the history; a rebuild or a reset starts it again', async () => {
  await trained();
  await h.ok(Request.CONFIGURE, { config: { learningRate: 0.01 } });
  let timeline = await h.ok(Request.TIMELINE);
  expect(timeline.steps).toHaveLength(6);
  expect(timeline.marks.at(-1)).toEqual({ step: 50, kind: 'changed', detail: 'learningRate' });
  await h.ok(Request.SET_WEIGHT, { layer: 0, to: 1, from: 0, value: 0.5 });
  timeline = await h.ok(Request.TIMELINE);
  expect(timeline.steps).toHaveLength(6); // the same step, its checkpoint replaced
  expect(timeline.marks.at(-1)).toMatchObject({ step: 50, kind: 'edited' });
  await h.ok(Request.CONFIGURE, { config: { hidden: [5] } });
  timeline = await h.ok(Request.TIMELINE);
  expect(timeline).toMatchObject({ steps: [0], marks: [{ step: 0, kind: 'start' }] });
  await h.ok(Request.STEP, { steps: 5 });
  await h.ok(Request.RESET);
  expect((await h.ok(Request.TIMELINE)).steps).toEqual([0]);
});

test('a divergence is marked at its step, and the history goes back to the restored step', async () => {
  const exploding = PRESETS.find((p) => p.id === 'exploding-lr').config;
  h = harness();
  await h.ok(Request.INIT, { config: exploding, build: 'scalar' });
  for (let i = 0; i < 20; i++) {
    const progress = await h.ok(Request.STEP, { steps: 5 });
    if (progress.diverged) break;
  }
  const snapshot = (await h.send(Request.SNAPSHOT)).result;
  expect(snapshot.diverged).toBe(true);
  const timeline = await h.ok(Request.TIMELINE);
  expect(timeline.marks).toContainEqual({ step: snapshot.divergedAtStep, kind: 'diverged', detail: snapshot.divergedCause });
  expect(timeline.marks).toContainEqual({ step: snapshot.step, kind: 'restored' });
  expect(timeline.steps.at(-1)).toBe(snapshot.step);
  expect(Math.max(...timeline.steps)).toBeLessThanOrEqual(snapshot.step);
});

// The measurement the issue asks for: the budget holds over a long run. 10^5
// steps of the 6x8 ReLU spiral (Adam, batches of 10) in 1,000 requests, each
// leaving a checkpoint; once at the page's budget, once at a budget small
// enough that bytes, not the count, decide what is kept.
test.each([
  ['the page\'s budget', undefined],
  ['a 64 KiB budget', 64 * 1024],
])('over 10^5 steps of the 6x8 ReLU spiral the checkpoints stay within %s', async (_, timelineMaxBytes) => {
  const spiral = PRESETS.find((p) => p.id === 'relu-spiral').config;
  h = harness({ timelineMaxBytes });
  const init = await h.ok(Request.INIT, { config: spiral, build: 'simd' });
  const budget = timelineMaxBytes ?? TIMELINE_MAX_BYTES;
  const perCheckpoint = init.paramCount * 4 + TIMELINE_RECORD_BYTES;
  let most = 0;
  for (let i = 0; i < 1000; i++) {
    await h.ok(Request.STEP, { steps: 100 });
    if (i % 50 === 49) {
      const { bytes, steps } = await h.ok(Request.TIMELINE);
      expect(bytes).toBeLessThanOrEqual(budget);
      expect(bytes).toBe(steps.length * perCheckpoint);
      most = Math.max(most, bytes);
    }
  }
  const timeline = await h.ok(Request.TIMELINE);
  expect(timeline.present).toBe(100_000);
  expect(timeline.steps[0]).toBe(0);
  expect(timeline.steps.at(-1)).toBe(100_000);
  expect(timeline.steps.length).toBeLessThanOrEqual(TIMELINE_MAX_CHECKPOINTS);
  expect(timeline.bytes).toBeLessThanOrEqual(budget);
  // The recent past dense (a request of 100 steps runs in chunks, each leaving a checkpoint): several in the last 1%.
  expect(timeline.steps.filter((step) => step >= 99_000).length).toBeGreaterThanOrEqual(4);
  expect(timeline.steps.filter((step) => step < 50_000).length).toBeLessThan(timeline.steps.length / 2);
  // Reported for the record (the measurement in the report).
  console.log(`timeline after 10^5 steps, budget ${budget}: ${timeline.steps.length} checkpoints, ${timeline.bytes} bytes (most ${most}), ${init.paramCount} parameters`);
}, 120_000);
