// A network whose step is long trains in pieces (Trainer.stepWithin): a
// pause queued behind it waits for one piece at most, not for the step, and
// its snapshots carry only the parameters the diagram draws. Measured in
// pieces and bytes, never in milliseconds.
import { createTrainer } from '../../../web/api/index.js';
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { estimateCost } from '../../../web/shared/cost.js';
import { drawnParamsPlan, drawnWeightIndex } from '../../../web/shared/drawn-params.js';
import { costLayout } from '../../../web/shared/cost.js';
import { INITIAL_PIECE_FLOPS } from '../../../web/worker/pacing.js';
import { defaultConfig } from '../../../web/shared/schema.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

// A step of ~0.5 GFLOP: hundreds of pieces at the starting piece budget.
const LARGE = { seed: 2, numSamples: 400, hidden: [512, 512, 512], batchSize: 200 };

/** A session whose trainer counts its stepWithin and step calls. */
function countingHarness() {
  const posted = [];
  const calls = { pieces: 0, steps: 0, grids: 0 };
  const session = createSession({
    post: (message, transfer = []) => posted.push({ message, transfer }),
    createTrainer: async (config, options) => {
      const trainer = await createTrainer(config, options);
      const stepWithin = trainer.stepWithin.bind(trainer);
      const step = trainer.step.bind(trainer);
      trainer.stepWithin = (budget) => { calls.pieces += 1; return stepWithin(budget); };
      trainer.step = (n) => { calls.steps += 1; return step(n); };
      const evalGrid = trainer.evalGrid.bind(trainer);
      trainer.evalGrid = (n, options) => { calls.grids += 1; return evalGrid(n, options); };
      // A grid this dear is computed in pieces: one grid for the pieces that end one.
      const evalGridWithin = trainer.evalGridWithin.bind(trainer);
      trainer.evalGridWithin = (...args) => {
        const piece = evalGridWithin(...args);
        if (piece.finished) calls.grids += 1;
        return piece;
      };
      return trainer;
    },
  });
  let nextId = 1;
  async function send(type, fields = {}) {
    const id = nextId++;
    await session.receive({ ...fields, type, id });
    return posted.find((p) => p.message.type === Event.REPLY && p.message.id === id).message;
  }
  return { session, posted, calls, send };
}

const turns = (n) => new Promise((resolve) => {
  let left = n;
  const next = () => (--left <= 0 ? resolve() : setImmediate(next));
  setImmediate(next);
});

test('a pause queued behind a long step is answered after at most one piece', async () => {
  const h = countingHarness();
  expect((await h.send(Request.INIT, { config: LARGE, build: 'simd' })).ok).toBe(true);
  const cost = estimateCost({ ...defaultConfig(), ...LARGE });
  expect(cost.stepFlops).toBeGreaterThan(100 * INITIAL_PIECE_FLOPS);

  expect((await h.send(Request.PLAY)).ok).toBe(true);
  await turns(5); // a few pieces of the first step
  expect(h.calls.pieces).toBeGreaterThan(0);
  expect(h.calls.steps).toBe(0); // never the whole step in one call

  const before = h.calls.pieces;
  const pause = await h.send(Request.PAUSE);
  expect(pause.ok).toBe(true);
  expect(h.calls.pieces - before).toBeLessThanOrEqual(1);

  // Paused means paused: no more pieces, and the step under way is still part done.
  const paused = h.calls.pieces;
  await turns(20);
  expect(h.calls.pieces).toBe(paused);
  const snapshot = (await h.send(Request.SNAPSHOT, { evaluate: false, gridSize: 16 })).result;
  expect(snapshot.playing).toBe(false);
  expect(snapshot.step).toBe(0);
  // The weights have not moved: a second snapshot copies the grid instead of computing it again.
  const again = (await h.send(Request.SNAPSHOT, { evaluate: false, gridSize: 16 })).result;
  expect(h.calls.grids).toBe(1);
  expect(Array.from(again.grid)).toEqual(Array.from(snapshot.grid));
  h.session.dispose();
});

test('a step request on a long step is queued and run in pieces, answering requests between them', async () => {
  const h = countingHarness();
  await h.send(Request.INIT, { config: LARGE, build: 'simd' });
  const reply = await h.send(Request.STEP, { steps: 1 });
  expect(reply.result).toMatchObject({ step: 0, queued: 1 });
  // Requests are answered while it runs: each waits for one piece at most.
  let snapshot = (await h.send(Request.SNAPSHOT, { evaluate: false })).result;
  expect(snapshot.busy).toBe(true);
  for (let i = 0; i < 100000 && snapshot.step === 0; i++) {
    const before = h.calls.pieces;
    snapshot = (await h.send(Request.SNAPSHOT, { evaluate: false })).result;
    expect(h.calls.pieces - before).toBeLessThanOrEqual(1);
    await turns(1);
  }
  expect(snapshot.step).toBe(1);
  expect(h.calls.steps).toBe(0);
  // Whole epochs cannot be queued as pieces: refused, naming the field and what to ask instead.
  const epochs = await h.send(Request.STEP, { epochs: 1 });
  expect(epochs.ok).toBe(false);
  expect(epochs.error).toMatchObject({ field: 'epochs', message: expect.stringMatching(/ask for steps/) });
  expect((await h.send(Request.STEP, { steps: 1001 })).error.field).toBe('steps');
  await turns(5);
  expect((await h.send(Request.SNAPSHOT, { evaluate: false })).result.busy).toBe(false);
  h.session.dispose();
});

test('a snapshot with paramUnits carries only the drawn parameters, the same values', async () => {
  const h = countingHarness();
  const init = (await h.send(Request.INIT, { config: { ...LARGE, hidden: [1024, 1024, 1024, 1024] }, build: 'simd' })).result;
  expect(init.paramCount).toBeGreaterThan(3e6);
  const whole = (await h.send(Request.SNAPSHOT, { params: true, evaluate: false })).result.params;
  const { result, ok } = await h.send(Request.SNAPSHOT, { paramUnits: 16, evaluate: false });
  expect(ok).toBe(true);
  const plan = drawnParamsPlan(init.layers, 16);
  expect(result.paramUnits).toBe(16);
  expect(result.params).toHaveLength(plan.count);
  expect(result.params.byteLength).toBeLessThan(8 * 1024); // kilobytes, not the 12 MB block
  init.layers.forEach((layer, l) => {
    for (let to = 0; to < Math.min(16, layer.outputs); to++) {
      for (let from = 0; from < Math.min(16, layer.inputs); from++) {
        expect(result.params[drawnWeightIndex(plan, l, to, from)]).toBe(whole[layer.weightOffset + from * layer.outputs + to]);
      }
    }
  });
  expect((await h.send(Request.SNAPSHOT, { paramUnits: 0 })).error.field).toBe('paramUnits');
  expect((await h.send(Request.SNAPSHOT, { paramUnits: 2.5 })).error.field).toBe('paramUnits');
  h.session.dispose();
});

test('a 64 x 1024 network\'s drawn parameters are kilobytes of its 252 MB', () => {
  // The plan the worker copies, from the layout the core builds (its offsets
  // as cost.js lays them out): not built here, 1.5 GiB is no unit test.
  const config = { ...defaultConfig(), hidden: Array(64).fill(1024) };
  const layout = costLayout(config);
  let offset = 0;
  const layers = layout.layers.map((layer) => {
    const placed = { ...layer, weightOffset: offset, biasOffset: offset + layer.inputs * layer.outputs };
    offset += layer.params;
    return placed;
  });
  expect(offset * 4).toBeGreaterThan(250e6);
  const plan = drawnParamsPlan(layers, 16);
  expect(plan.count * 4).toBeLessThan(80 * 1024);
  let copied = 0;
  for (let i = 1; i < plan.ranges.length; i += 2) copied += plan.ranges[i];
  expect(copied).toBe(plan.count);
});
