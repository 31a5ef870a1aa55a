// A snapshot of a network whose full pass is long evaluates in pieces
// (evaluateWithin, evalGridWithin), and a pause sent behind it is answered
// between two pieces, not after the pass. Counted in calls, never in milliseconds.
import { createTrainer } from '../../../web/api/index.js';
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { estimateCost } from '../../../web/shared/cost.js';
import { INITIAL_PIECE_FLOPS } from '../../../web/worker/pacing.js';
import { defaultConfig } from '../../../web/shared/schema.js';
import { requireBuilds } from '../api/builds.js';
import { watchedSession } from './session-harness.js';

requireBuilds();

// A full pass of ~0.8 GFLOP: many pieces at the starting piece budget.
const LARGE = { seed: 2, numSamples: 400, hidden: [512, 512, 512], batchSize: 200 };
const SMALL = { seed: 2, numSamples: 100, hidden: [4, 3] };

/** A session whose trainer counts its one-shot and pieced evaluation calls. */
function countingHarness() {
  const calls = { evaluate: 0, evaluateWithin: 0, evalGrid: 0, evalGridWithin: 0 };
  return { ...watchedSession(Object.keys(calls), (name) => { calls[name] += 1; }), calls };
}

test('a pause sent behind a long snapshot is answered between its pieces', async () => {
  const h = countingHarness();
  const init = h.send(Request.INIT, { config: LARGE, build: 'simd' });
  await init.answered;
  expect(h.reply(init.id).ok).toBe(true);
  const cost = estimateCost({ ...defaultConfig(), ...LARGE });
  expect(cost.evaluateFlops).toBeGreaterThan(100 * INITIAL_PIECE_FLOPS);

  const snapshot = h.send(Request.SNAPSHOT, { gridSize: 8 });
  const pause = h.send(Request.PAUSE);
  await pause.answered;
  expect(h.reply(pause.id)).toMatchObject({ ok: true });
  // The pause came back while the snapshot was still evaluating.
  expect(h.reply(snapshot.id)).toBeUndefined();
  const piecesAtPause = h.calls.evaluateWithin;
  expect(piecesAtPause).toBeGreaterThanOrEqual(1);

  await snapshot.answered;
  const result = h.reply(snapshot.id);
  expect(result.ok).toBe(true);
  expect(h.calls.evaluateWithin).toBeGreaterThan(piecesAtPause);
  expect(h.calls.evaluate).toBe(0); // never the whole pass in one call
  expect(Number.isFinite(result.result.trainLoss)).toBe(true);
  expect(result.result.grid).toHaveLength(8 * 8);
  // The pause was answered before the snapshot's reply.
  const order = h.posted.filter((p) => p.message.type === Event.REPLY).map((p) => p.message.id);
  expect(order.indexOf(pause.id)).toBeLessThan(order.indexOf(snapshot.id));
  h.session.dispose();
}, 120000);

test('the pieced snapshot shows what a one-shot evaluation gives, bit for bit', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: LARGE, build: 'simd' }).answered;
  const snapshot = h.send(Request.SNAPSHOT, { gridSize: 6, hidden: false });
  await snapshot.answered;
  expect(h.calls.evaluateWithin).toBeGreaterThan(1);
  const pieced = h.reply(snapshot.id).result;

  const twin = await createTrainer(LARGE, { build: 'simd' });
  try {
    twin.evaluate();
    const whole = twin.metrics();
    expect(pieced.trainLoss).toBe(whole.trainLoss);
    expect(pieced.testLoss).toBe(whole.testLoss);
    expect(pieced.layers.map((l) => Array.from(l.histogram))).toEqual(whole.layers.map((l) => Array.from(l.histogram)));
    expect(Array.from(pieced.grid)).toEqual(Array.from(twin.evalGrid(6)));
  } finally {
    twin.delete();
    h.session.dispose();
  }
}, 120000);

test('a small network is evaluated in one call, as before', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: SMALL, build: 'scalar' }).answered;
  const snapshot = h.send(Request.SNAPSHOT, { gridSize: 8 });
  await snapshot.answered;
  expect(h.reply(snapshot.id).ok).toBe(true);
  expect(h.calls).toEqual({ evaluate: 1, evaluateWithin: 0, evalGrid: 1, evalGridWithin: 0 });
  h.session.dispose();
});

test('while playing, training waits for a snapshot evaluating in pieces (a step would restart its pass)', async () => {
  // Whole steps (cheap at batch 1) but a long pass over 2,000 samples.
  const config = { seed: 5, numSamples: 2000, hidden: [128, 128], batchSize: 1 };
  const cost = estimateCost({ ...defaultConfig(), ...config });
  expect(cost.stepFlops).toBeLessThan(INITIAL_PIECE_FLOPS);
  expect(cost.evaluateFlops).toBeGreaterThan(20 * INITIAL_PIECE_FLOPS);
  const log = [];
  const session = createSession({
    post: (message) => log.push(message.type === Event.REPLY ? `reply ${message.id}` : message.type),
    createTrainer: async (c, options) => {
      const trainer = await createTrainer(c, options);
      for (const name of ['step', 'evaluateWithin', 'evaluate']) {
        const original = trainer[name].bind(trainer);
        trainer[name] = (...args) => { log.push(name); return original(...args); };
      }
      return trainer;
    },
  });
  await session.receive({ type: Request.INIT, id: 1, config, build: 'simd' });
  await session.receive({ type: Request.PLAY, id: 2 });
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  session.receive({ type: Request.SNAPSHOT, id: 3 });
  // Until the reply, or until training has clearly gone on beside the pass (then it may never end).
  const stepsSinceFirstPiece = () => log.slice(Math.max(0, log.indexOf('evaluateWithin'))).filter((e) => e === 'step').length;
  while (!log.includes('reply 3') && stepsSinceFirstPiece() < 200) await new Promise((resolve) => { setImmediate(resolve); });
  session.dispose();
  const first = log.indexOf('evaluateWithin');
  const done = log.indexOf('reply 3');
  expect(first).toBeGreaterThan(-1);
  expect(done).toBeGreaterThan(first);
  expect(log.slice(first, done).filter((entry) => entry === 'evaluateWithin').length).toBeGreaterThan(1);
  // No training step between the snapshot's first piece and its reply.
  expect(log.slice(first, done)).not.toContain('step');
}, 120000);
