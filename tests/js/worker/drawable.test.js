// "Digits has no plane" is decided by the worker alone: the page asks for a
// grid and regions whatever the dataset, and digits gets neither.
import { Request } from '../../../web/shared/protocol.js';
import { drawableRequest } from '../../../web/worker/drawable.js';
import { requireBuilds } from '../api/builds.js';
import { watchedSession } from './session-harness.js';

requireBuilds();

const DIGITS = { dataset: 'digits', problem: 'multiclass', hidden: [8], seed: 4 };
const PLANE = { seed: 3, numSamples: 60, hidden: [2], activation: 'relu' };
const ASKED = { gridSize: 16, hidden: true, regions: true, digits: true, evaluate: false };

test('drawableRequest: digits loses its grid and regions, and keeps the rest', () => {
  expect(drawableRequest(DIGITS, ASKED)).toEqual({ ...ASKED, gridSize: 0, regions: false });
  expect(drawableRequest(PLANE, ASKED)).toBe(ASKED);
});

async function session(config) {
  const h = watchedSession([], () => {});
  const init = h.send(Request.INIT, { config });
  await init.answered;
  expect(h.reply(init.id).ok).toBe(true);
  const ask = async (type, fields) => {
    const sent = h.send(type, fields);
    await sent.answered;
    return h.reply(sent.id);
  };
  return { ask, dispose: () => h.session.dispose() };
}

test('a digits snapshot asked for a grid and regions answers the digits report, with no grid and no regions', async () => {
  const s = await session(DIGITS);
  try {
    const reply = await s.ask(Request.SNAPSHOT, ASKED);
    expect(reply.ok).toBe(true);
    expect(reply.result.gridSize).toBe(0);
    expect(reply.result.grid ?? null).toBeNull();
    expect(reply.result.regions).toBeUndefined();
    expect(reply.result.digits.confusion).toBeDefined();
  } finally {
    s.dispose();
  }
});

test('a past digits step (snapshotAt) asked for a grid has none either', async () => {
  const s = await session(DIGITS);
  try {
    expect((await s.ask(Request.STEP, { steps: 2 })).ok).toBe(true);
    const reply = await s.ask(Request.SNAPSHOT_AT, { step: 0, gridSize: 16, digits: true, paramUnits: 16 });
    expect(reply.ok).toBe(true);
    expect(reply.result.gridSize).toBe(0);
    expect(reply.result.grid ?? null).toBeNull();
    // The past step's own digits report (its confusion matrix and tiles), so scrubbing keeps the output panel.
    const { classes, total, confusion, units } = reply.result.digits;
    expect(total).toBe(898);
    expect(confusion.reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(classes).toBe(10);
    expect(units).toBeDefined();
  } finally {
    s.dispose();
  }
});

test('the same request on a plane gets its grid and regions', async () => {
  const s = await session(PLANE);
  try {
    const reply = await s.ask(Request.SNAPSHOT, ASKED);
    expect(reply.ok).toBe(true);
    expect(reply.result.gridSize).toBe(16);
    expect(reply.result.grid).toHaveLength(16 * 16 * reply.result.gridNodes); // hidden: every unit's grid
    expect(reply.result.regions.count).toBeGreaterThanOrEqual(1);
    expect(reply.result.digits).toBeUndefined();
  } finally {
    s.dispose();
  }
});
