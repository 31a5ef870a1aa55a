// A step request longer than a piece (say 100,000 steps) runs in chunks of at
// most a piece's worth of steps, and a pause sent behind it is answered
// between two chunks and stops the rest. Counted in calls, never in milliseconds.
import { Event, Request } from '../../../web/shared/protocol.js';
import { estimateCost } from '../../../web/shared/cost.js';
import { INITIAL_PIECE_FLOPS } from '../../../web/worker/pacing.js';
import { defaultConfig } from '../../../web/shared/schema.js';
import { requireBuilds } from '../api/builds.js';
import { watchedSession } from './session-harness.js';

requireBuilds();

const SMALL = { seed: 3, numSamples: 200, hidden: [6, 5], batchSize: 10 };

function countingHarness() {
  const calls = { step: [], stepEpochs: [] };
  return { ...watchedSession(Object.keys(calls), (name, [n]) => { calls[name].push(n); }), calls };
}

test('a pause sent behind 100,000 steps is answered between chunks and stops the rest', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: SMALL, build: 'scalar' }).answered;
  const { stepFlops } = estimateCost({ ...defaultConfig(), ...SMALL });
  const perChunk = Math.floor(INITIAL_PIECE_FLOPS / stepFlops);
  expect(perChunk).toBeGreaterThan(1);
  expect(perChunk).toBeLessThan(100000 / 10);

  const step = h.send(Request.STEP, { steps: 100000 });
  const pause = h.send(Request.PAUSE);
  await pause.answered;
  expect(h.reply(pause.id).ok).toBe(true);
  await step.answered;
  const progress = h.reply(step.id).result;
  // One chunk ran before the pause; the rest did not.
  expect(h.calls.step).toEqual([perChunk]);
  expect(progress.step).toBe(perChunk);
  const order = h.posted.filter((p) => p.message.type === Event.REPLY).map((p) => p.message.id);
  expect(order.indexOf(pause.id)).toBeLessThan(order.indexOf(step.id));
  h.session.dispose();
});

test('without a pause every chunk runs, to exactly the steps asked for', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: SMALL, build: 'scalar' }).answered;
  const step = h.send(Request.STEP, { steps: 5000 });
  await step.answered;
  expect(h.reply(step.id).result.step).toBe(5000);
  expect(h.calls.step.length).toBeGreaterThan(1);
  expect(h.calls.step.reduce((a, b) => a + b, 0)).toBe(5000);
  h.session.dispose();
});

test('short requests and bad counts run (or are refused) in one call, as before', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: SMALL, build: 'scalar' }).answered;
  const few = h.send(Request.STEP, { steps: 3 });
  await few.answered;
  expect(h.reply(few.id).result.step).toBe(3);
  const bad = h.send(Request.STEP, { steps: 2e6 });
  await bad.answered;
  expect(h.reply(bad.id)).toMatchObject({ ok: false, error: { field: 'steps' } });
  expect(h.calls.step).toEqual([3, 2e6]);
  h.session.dispose();
});
