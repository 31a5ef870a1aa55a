// The snapshot's regions option: the grid's linear regions from the same
// pass (one-shot and in pieces), the first layer's lines, the clear status for
// smooth activations, and the request that asks for regions without a grid.
import { createTrainer } from '../../../web/api/index.js';
import { Request } from '../../../web/shared/protocol.js';
import { requireBuilds } from '../api/builds.js';
import { watchedSession } from './session-harness.js';

requireBuilds();

const TWO_LINES = { seed: 3, numSamples: 100, hidden: [2], activation: 'relu' };

async function snapshotOf(config, fields, build = 'simd') {
  const h = watchedSession([], () => {});
  const init = h.send(Request.INIT, { config, build });
  await init.answered;
  expect(h.reply(init.id).ok).toBe(true);
  const snapshot = h.send(Request.SNAPSHOT, fields);
  await snapshot.answered;
  h.session.dispose();
  return { reply: h.reply(snapshot.id), transfer: h.posted.find((p) => p.message.id === snapshot.id).transfer };
}

test.each(['simd', 'scalar'])('regions come with the grid, as the core counts them (%s)', async (build) => {
  const { reply, transfer } = await snapshotOf(TWO_LINES, { gridSize: 32, regions: true }, build);
  expect(reply.ok).toBe(true);
  const { regions, grid } = reply.result;
  expect(grid).toHaveLength(32 * 32);
  expect(regions.ids).toBeInstanceOf(Uint32Array);
  expect(regions.ids).toHaveLength(32 * 32);
  expect(regions.error).toBeUndefined();
  expect(new Set(regions.ids).size).toBe(regions.count);
  expect(regions.ids[0]).toBe(0); // numbered from the top left
  expect(transfer).toContain(regions.ids.buffer);

  // The same count and ids from the API's own call, and the lines from the weights.
  const twin = await createTrainer(TWO_LINES, { build });
  try {
    twin.evalGrid(32, { regions: true });
    const direct = twin.gridRegions();
    expect(direct.count).toBe(regions.count);
    expect(Array.from(direct.ids)).toEqual(Array.from(regions.ids));
    const first = twin.layers()[0];
    const params = twin.params();
    const rows = first.outputs;
    for (let u = 0; u < rows; u += 1) {
      expect(regions.lines[u * 3]).toBe(params[first.weightOffset + u]);
      expect(regions.lines[u * 3 + 1]).toBe(params[first.weightOffset + rows + u]);
      expect(regions.lines[u * 3 + 2]).toBe(params[first.biasOffset + u]);
    }
  } finally {
    twin.delete();
  }
  // Two lines cut the plane into at most four pieces.
  expect(regions.count).toBeGreaterThanOrEqual(1);
  expect(regions.count).toBeLessThanOrEqual(4);
});

test('a snapshot in pieces gives the one-shot regions', async () => {
  const config = { seed: 2, numSamples: 400, hidden: [512, 512, 512], batchSize: 200 };
  const calls = { evalGridWithin: 0 };
  const h = watchedSession(['evalGridWithin'], (name) => { calls[name] += 1; });
  await h.send(Request.INIT, { config, build: 'simd' }).answered;
  const snapshot = h.send(Request.SNAPSHOT, { gridSize: 24, regions: true, evaluate: false });
  await snapshot.answered;
  h.session.dispose();
  expect(calls.evalGridWithin).toBeGreaterThan(1);
  const { regions } = h.reply(snapshot.id).result;
  const twin = await createTrainer(config, { build: 'simd' });
  try {
    twin.evalGrid(24, { regions: true });
    const direct = twin.gridRegions();
    expect(regions.count).toBe(direct.count);
    expect(regions.count).toBeGreaterThan(10);
    expect(Array.from(regions.ids)).toEqual(Array.from(direct.ids));
  } finally {
    twin.delete();
  }
}, 120000);

test('features other than x1, x2: regions but no lines', async () => {
  const { reply } = await snapshotOf({ ...TWO_LINES, features: ['x1', 'x2', 'x1sq'] }, { gridSize: 16, regions: true });
  expect(reply.result.regions.count).toBeGreaterThanOrEqual(1);
  expect(reply.result.regions.lines).toBeNull();
});

test('sigmoid: a clear status, count 0, and the heatmap all the same', async () => {
  const { reply } = await snapshotOf({ ...TWO_LINES, hidden: [3, 3], activation: ['relu', 'sigmoid'] }, { gridSize: 16, regions: true });
  expect(reply.ok).toBe(true);
  expect(reply.result.regions).toMatchObject({
    count: 0,
    error: 'regions need piecewise-linear activations (linear, relu, leaky-relu, prelu); hidden layer 2 is sigmoid',
  });
  expect(reply.result.regions.ids).toHaveLength(0);
  expect(reply.result.grid).toHaveLength(16 * 16);
});

test('regions without a grid is refused, naming the field', async () => {
  const { reply } = await snapshotOf(TWO_LINES, { regions: true });
  expect(reply.ok).toBe(false);
  expect(reply.error).toMatchObject({ field: 'regions', message: 'regions: needs a grid, gridSize in [2, 512]' });
});

test('without the option, no regions', async () => {
  const { reply } = await snapshotOf(TWO_LINES, { gridSize: 8 });
  expect(reply.result.regions).toBeUndefined();
});
