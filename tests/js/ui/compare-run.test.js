// Run B (web/ui/compare-run.js) over a fake worker client and a fake A
// controller, frames driven by hand: B's config, lockstep holds and
// catch-up steps, reconfiguring and ending B. No DOM.
import { createCompareRun } from '../../../web/ui/compare-run.js';
import { parseQuery } from '../../../web/ui/state.js';

const flush = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function fakeClient() {
  const calls = [];
  let step = 0;
  let playing = false;
  const answer = (name, value) => (...args) => { calls.push([name, ...args]); return Promise.resolve(typeof value === 'function' ? value(...args) : value); };
  return {
    calls,
    /** B's step in its worker. */
    set at(value) { step = value; },
    get at() { return step; },
    init: answer('init', ({ config }) => ({ build: 'scalar', simd: false, config, layers: [{ inputs: 2, outputs: 4 }, { inputs: 4, outputs: 1 }], paramCount: 17 })),
    configure: answer('configure', { rebuilt: false }),
    play: answer('play', () => { playing = true; return {}; }),
    pause: answer('pause', () => { playing = false; return {}; }),
    step: answer('step', ({ steps }) => { step += steps; return { step }; }),
    reset: answer('reset', () => { step = 0; return {}; }),
    setSpeed: answer('setSpeed', {}),
    snapshot: answer('snapshot', () => ({ step, epoch: 0, playing, busy: false, stepsPerSecond: 0, layers: [], gridSize: 0 })),
    listeners: new Map(),
    on(type, fn) { this.listeners.set(type, fn); return () => this.listeners.delete(type); },
    emit(type, payload) { this.listeners.get(type)?.(payload); },
    terminate: answer('terminate', undefined),
    names: () => calls.map(([name]) => name),
  };
}

function setUp(query) {
  const client = fakeClient();
  const frames = [];
  const controller = {
    state: parseQuery(query).state,
    playing: false,
    progress: { step: 0, epoch: 0 },
    info: { layers: [] },
    holds: [],
    hold(held) { this.holds.push(held); },
    step: ({ steps }) => { controller.progress = { step: controller.progress.step + steps, epoch: 0 }; return Promise.resolve({ step: controller.progress.step }); },
    reset: () => Promise.resolve(null),
  };
  const shown = [];
  const notices = [];
  const statuses = [];
  const view = { show: (on) => shown.push(on), setStructure() {}, setPoints() {}, drawFrame() {}, drawCharts() {}, setStatus: (text) => statuses.push(text) };
  const run = createCompareRun({
    createClient: () => client, controller, view, notify: (text, how) => notices.push({ text, ...how }),
    requestFrame: (fn) => frames.push(fn), cancelFrame() {}, clock: () => 0,
  });
  let now = 0;
  /** Runs the pending animation frames, `count` times, letting replies arrive between them. */
  async function tick(count = 1) {
    for (let i = 0; i < count; i++) {
      now += 16;
      for (const fn of frames.splice(0)) fn(now);
      await flush();
    }
  }
  return { client, controller, run, tick, shown, notices, statuses };
}

test('B starts in its own client with A\'s config and B\'s fields changed', async () => {
  const { client, run, controller, shown } = setUp('hidden=4&learningRate=0.1&b.activation=tanh&b.learningRate=0.5');
  run.follow(controller.state);
  await flush();
  const [, init] = client.calls.find(([name]) => name === 'init');
  expect(init.config).toEqual({ ...controller.state.config, activation: 'tanh', learningRate: 0.5 });
  expect(shown).toEqual([true]);
  expect(controller.holds).toEqual([true]); // A waits while B's core loads
  expect(run.publicState().config.activation).toBe('tanh');
});

test('playing: A, far ahead, is held until B is within half the lead; B plays', async () => {
  const { client, run, controller, tick } = setUp('hidden=4&b.activation=tanh');
  run.follow(controller.state);
  await flush();
  controller.playing = true;
  controller.progress = { step: 500, epoch: 0 };
  await tick(3);
  expect(client.names()).toContain('play');
  expect(controller.holds).toEqual([true]);
  client.at = 495; // B caught up (its next snapshot says so)
  await tick(3);
  expect(controller.holds).toEqual([true, false]);
});

test('paused: B behind A is stepped up to A\'s step, once', async () => {
  const { client, run, controller, tick } = setUp('hidden=4&b.activation=tanh');
  run.follow(controller.state);
  await flush();
  await tick(2);
  controller.progress = { step: 7, epoch: 0 };
  await tick(4);
  expect(client.calls.filter(([name]) => name === 'step')).toEqual([['step', { steps: 7 }]]);
  expect(client.at).toBe(7);
});

test('an edit of A reaches B unless B overrides that field; no B ends the worker and the hold', async () => {
  const { client, run, controller, tick } = setUp('hidden=4&b.learningRate=0.5');
  run.follow(controller.state);
  await flush();
  controller.state = parseQuery('hidden=4&learningRate=0.2&b.learningRate=0.5').state;
  run.follow(controller.state);
  await flush();
  expect(client.calls.filter(([name]) => name === 'configure')).toEqual([]);
  controller.state = parseQuery('hidden=4&learningRate=0.2&optimizer=adam&b.learningRate=0.5').state;
  run.follow(controller.state);
  await flush();
  expect(client.calls.filter(([name]) => name === 'configure')).toEqual([['configure', { optimizer: 'adam' }]]);
  controller.playing = true;
  controller.progress = { step: 900, epoch: 0 };
  await tick(2);
  expect(controller.holds.at(-1)).toBe(true);
  controller.state = parseQuery('hidden=4').state;
  run.follow(controller.state);
  expect(client.names()).toContain('terminate');
  expect(controller.holds.at(-1)).toBe(false);
  expect(run.publicState()).toBeUndefined();
});

test('A grown past the cost gate (a confirmed large network): B is not built, with a notice; a small A brings B back', async () => {
  const { client, run, controller, notices } = setUp('hidden=4&b.learningRate=0.5');
  run.follow(controller.state);
  await flush();
  expect(run.active).toBe(true);
  // As the store holds it once the user confirmed A's large network: B's patch is unchanged.
  controller.state = { ...controller.state, config: { ...controller.state.config, hidden: Array(64).fill(1024) } };
  run.follow(controller.state);
  expect(client.names()).toContain('terminate');
  expect(run.active).toBe(false);
  expect(notices).toEqual([expect.objectContaining({ kind: 'warn', key: 'compare-b', text: expect.stringMatching(/^Run B is not built: it would need [\d,]+ MiB/) })]);
  run.follow(controller.state); // the same state again: no second notice
  expect(notices).toHaveLength(1);
  controller.state = parseQuery('hidden=8&b.learningRate=0.5').state;
  run.follow(controller.state);
  await flush();
  expect(run.active).toBe(true);
});

test('B diverged: it stops and says so; a new config for B trains it again and the line goes', async () => {
  const { client, run, controller, tick, statuses } = setUp('hidden=4&b.learningRate=3');
  run.follow(controller.state);
  await flush();
  controller.playing = true;
  await tick(2);
  expect(client.names().filter((name) => name === 'play')).toHaveLength(1);
  client.emit('diverged', { step: 2, cause: 'loss exploded' });
  await tick(2);
  expect(client.names().at(-1)).not.toBe('play');
  expect(statuses.at(-1)).toMatch(/Run B diverged and stopped/);
  controller.state = parseQuery('hidden=4&b.learningRate=0.03').state;
  run.follow(controller.state);
  await tick(2);
  expect(client.calls.filter(([name]) => name === 'configure')).toEqual([['configure', { learningRate: 0.03 }]]);
  expect(statuses.at(-1)).toBeNull();
  expect(client.names().filter((name) => name === 'play')).toHaveLength(2);
});
