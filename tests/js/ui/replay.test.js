// The replay timeline's page side (web/ui/replay.js) with a fake worker
// client, controller and frame driver, and the real metrics history.
import { jest } from '@jest/globals';
import { MetricsHistory } from '../../../web/ui/chart-data.js';
import { createReplay } from '../../../web/ui/replay.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup({ playing = true } = {}) {
  let replay = null;
  const calls = [];
  const pendingSnapshots = [];
  const timelineReply = { enabled: true, reason: '', present: 40, steps: [0, 10, 20, 30, 40], marks: [{ step: 0, kind: 'start' }], bytes: 500, maxBytes: 1000 };
  const client = {
    timeline: jest.fn(async () => timelineReply),
    snapshotAt: jest.fn(({ step }) => new Promise((resolve) => pendingSnapshots.push(() => resolve({ step, grid: new Float32Array(4) })))),
    forkFrom: jest.fn(async (step) => ({ step, dropped: 2 })),
  };
  const controller = {
    info: { layers: [] },
    playing,
    pause: jest.fn(() => { controller.playing = false; calls.push('pause'); }),
    play: jest.fn(() => { controller.playing = true; calls.push('play'); }),
    report: jest.fn(),
    locked: [],
    refuseLocked: jest.fn((name) => controller.locked.includes(name)),
    // As the real one: its state holds the replay's, so the replay must never ask for it.
    getState: () => ({ progress: { step: 40 }, timeline: replay.publicState() }),
  };
  const frames = {
    hold: jest.fn((on) => calls.push(`hold ${on}`)),
    invalidate: jest.fn(),
    momentRequest: () => ({ gridSize: 8, hidden: true, paramUnits: 16 }),
    showMoment: jest.fn(),
  };
  const view = { setTimeline: jest.fn(), setShown: jest.fn() };
  const history = new MetricsHistory();
  for (let step = 0; step <= 40; step += 5) history.push({ step, layers: [], trainLoss: 1 / (step + 1) });
  replay = createReplay({ client, controller, frames, history, view, clock: () => 0 });
  const answer = () => pendingSnapshots.shift()();
  return { replay, client, controller, frames, view, history, calls, answer };
}

test('the first scrub pauses training and holds the live frames, then draws the past step it gets', async () => {
  const t = setup();
  t.replay.scrub(20);
  expect(t.calls).toEqual(['hold true', 'pause']);
  expect(t.client.snapshotAt).toHaveBeenCalledWith({ step: 20, gridSize: 8, hidden: true, paramUnits: 16 });
  t.answer();
  await settle();
  expect(t.frames.showMoment).toHaveBeenCalledWith(expect.objectContaining({ step: 20 }));
  expect(t.view.setShown).toHaveBeenLastCalledWith(20);
  expect(t.replay.publicState()).toMatchObject({ scrubbing: true, step: 20, present: 40, kept: 5, bytes: 500 });
});

test('a fast drag asks for one step at a time and draws only the newest position', async () => {
  const t = setup();
  t.replay.scrub(10);
  t.replay.scrub(20);
  t.replay.scrub(30);
  expect(t.client.snapshotAt.mock.calls.map(([r]) => r.step)).toEqual([10]);
  t.answer(); // 10 arrives, but the slider is at 30 by now
  await settle();
  expect(t.frames.showMoment).not.toHaveBeenCalled();
  expect(t.client.snapshotAt.mock.calls.map(([r]) => r.step)).toEqual([10, 30]);
  t.answer();
  await settle();
  expect(t.frames.showMoment.mock.calls.map(([s]) => s.step)).toEqual([30]);
});

test('Live returns to the present and resumes training only if it ran before the scrub', async () => {
  const running = setup({ playing: true });
  running.replay.scrub(10);
  running.replay.live();
  expect(running.calls).toEqual(['hold true', 'pause', 'hold false', 'play']);
  expect(running.view.setShown).toHaveBeenLastCalledWith(null);
  expect(running.replay.publicState().scrubbing).toBe(false);

  const paused = setup({ playing: false });
  paused.replay.scrub(10);
  paused.replay.live();
  expect(paused.calls).toEqual(['hold true', 'hold false']);
});

test('Continue from here forks the worker, trims the loss history to that step and trains on', async () => {
  const t = setup();
  t.replay.scrub(20);
  t.answer();
  await settle();
  await t.replay.fork(20);
  expect(t.client.forkFrom).toHaveBeenCalledWith(20);
  expect(t.history.columns.step).toEqual([0, 5, 10, 15, 20]);
  expect(t.calls.slice(-2)).toEqual(['hold false', 'play']);
  expect(t.replay.publicState().scrubbing).toBe(false);
});

test('a refused fork is reported and changes nothing', async () => {
  const t = setup();
  const refusal = Object.assign(new Error('step: 13 is not a kept step'), { field: 'step' });
  t.client.forkFrom.mockImplementation(async () => { throw refusal; });
  t.replay.scrub(20);
  expect(await t.replay.fork(13)).toBe(refusal);
  expect(t.controller.report).toHaveBeenCalledWith(refusal);
  expect(t.history.length).toBe(9);
  expect(t.replay.publicState().scrubbing).toBe(true);
});

test('before the first timeline reply, the state says the drawn step, without asking the controller', () => {
  const t = setup({ playing: false });
  t.replay.drawn({ step: 7 });
  expect(t.replay.publicState()).toMatchObject({ scrubbing: false, step: 7, present: 7, kept: 0, steps: [] });
  expect(t.controller.getState().timeline.step).toBe(7);
});

test('while live, each drawn frame at a new step refreshes the kept steps; Play while scrubbing leaves the scrub', async () => {
  const t = setup({ playing: false });
  t.replay.drawn({ step: 40 });
  await settle();
  expect(t.view.setTimeline).toHaveBeenCalledTimes(1);
  t.replay.drawn({ step: 40 }); // the same present: nothing to ask
  await settle();
  expect(t.client.timeline).toHaveBeenCalledTimes(1);
  t.replay.scrub(10);
  t.replay.leave();
  expect(t.replay.publicState().scrubbing).toBe(false);
  expect(t.frames.hold).toHaveBeenLastCalledWith(false);
});

test('where the embedder locked play/pause a running widget does not scrub, and a locked weight or run refuses the fork', async () => {
  const t = setup({ playing: true });
  t.controller.locked = ['run'];
  t.replay.scrub(10);
  expect(t.calls).toEqual([]);
  expect(t.client.snapshotAt).not.toHaveBeenCalled();
  t.controller.playing = false; // paused by the embedder: looking back pauses nothing
  t.replay.scrub(10);
  expect(t.client.snapshotAt).toHaveBeenCalledTimes(1);
  t.controller.locked = ['weights'];
  expect(await t.replay.fork(10)).toBeNull();
  expect(t.client.forkFrom).not.toHaveBeenCalled();
  expect(t.controller.refuseLocked).toHaveBeenLastCalledWith('weights');
});
