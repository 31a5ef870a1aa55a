// The training controller and the public API in Node, without a DOM: a fake
// worker client records what the worker is told, a fake view what the page shows.
import { jest } from '@jest/globals';
import { createController, PROGRESS_INTERVAL_MS } from '../../../web/ui/controller.js';
import { createPublicApi } from '../../../web/ui/public-api.js';
import { parseQuery } from '../../../web/ui/state.js';
import { defaultConfig } from '../../../web/shared/schema.js';

const lessons = [
  { id: 'deep', title: 'Deep', summary: '', config: { hidden: [8, 8], activation: 'tanh', learningRate: 0.1 } },
];

const layersOf = (hidden) => [...hidden, 1].map((outputs, l) => ({ inputs: l ? hidden[l - 1] : 2, outputs, weightOffset: 0 }));

/** A worker client whose requests resolve at once (or as `behaviour` says), recording each. */
function fakeClient(behaviour = {}) {
  const calls = [];
  const listeners = new Map();
  const record = (name, result) => (arg) => {
    calls.push([name, arg]);
    return behaviour[name] ? behaviour[name](arg, calls) : Promise.resolve(result(arg));
  };
  return {
    calls,
    named: (name) => calls.filter(([n]) => n === name).map(([, arg]) => arg),
    emit: (type, payload) => listeners.get(type)?.forEach((fn) => fn(payload)),
    init: record('init', ({ config }) => ({ build: 'scalar', simd: false, config, layers: layersOf(config.hidden), paramCount: 17 })),
    configure: record('configure', (patch) => ({ rebuilt: 'hidden' in patch, config: patch, layers: layersOf(patch.hidden ?? [4, 2]), paramCount: 17 })),
    play: record('play', () => ({})),
    pause: record('pause', () => ({})),
    step: record('step', ({ steps = 1 } = {}) => ({ step: steps })),
    reset: record('reset', () => ({})),
    setSpeed: record('setSpeed', (speed) => speed),
    setWeight: record('setWeight', () => ({})),
    on(type, fn) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type).delete(fn);
    },
  };
}

/** The page as the controller sees it: every call recorded; the cost gate answers `gateAnswer`. */
function fakeView({ gateAnswer = true } = {}) {
  const calls = [];
  const rec = (name) => (...args) => { calls.push([name, ...args]); };
  const view = {
    calls,
    named: (name) => calls.filter(([n]) => n === name).map(([, ...args]) => args),
    gate: { open: false, ask: jest.fn(() => Promise.resolve(gateAnswer)), close: jest.fn() },
  };
  for (const name of ['render', 'writeUrl', 'notify', 'clearNotice', 'setPlaying', 'setDiverged', 'setBuildStatus',
    'setUnbuilt', 'built', 'newNetwork', 'cleared', 'invalidate', 'needPoints']) view[name] = rec(name);
  return view;
}

function setup(query = '', { client = fakeClient(), view = fakeView(), clock } = {}) {
  const controller = createController({ client, state: parseQuery(query, lessons).state, presets: lessons, view, clock });
  return { client, view, controller, api: createPublicApi(controller, lessons) };
}

const flush = () => new Promise((resolve) => { setTimeout(resolve, 0); });

describe('start-up', () => {
  test('builds the link\'s network, says ready, and plays unless autoplay=false', async () => {
    const { client, controller, api } = setup('hidden=3&learningRate=0.5');
    const ready = jest.fn();
    api.on('ready', ready);
    await controller.start();
    expect(client.named('init')[0].config).toMatchObject({ hidden: [3], learningRate: 0.5 });
    expect(ready).toHaveBeenCalledWith({ build: 'scalar', simd: false, paramCount: 17 });
    expect(client.named('play')).toHaveLength(1);
    expect(api.getState().playing).toBe(true);

    const paused = setup('autoplay=false');
    await paused.controller.start();
    expect(paused.client.named('play')).toHaveLength(0);
    expect(paused.api.getState().playing).toBe(false);
  });

  test('a field the core refuses goes back alone, and the rest of the link is kept', async () => {
    const client = fakeClient({
      init: ({ config }, calls) => (calls.length === 1
        ? Promise.reject(Object.assign(new Error('learningRate: refused'), { field: 'learningRate' }))
        : Promise.resolve({ build: 'scalar', simd: false, config, layers: layersOf(config.hidden), paramCount: 9 })),
    });
    const { controller, view } = setup('learningRate=0.5&hidden=3', { client });
    await controller.start();
    const [first, second] = client.named('init');
    expect(first.config.learningRate).toBe(0.5);
    expect(second.config).toMatchObject({ learningRate: defaultConfig().learningRate, hidden: [3] });
    expect(controller.state.config.hidden).toEqual([3]);
    expect(view.named('notify').some(([text]) => /only learningRate changed/.test(text))).toBe(true);
  });

  test('edits made while the core loads reach the worker before the first play: no step on the old config', async () => {
    let answerInit = null;
    const client = fakeClient({
      init: ({ config }) => new Promise((resolve) => {
        answerInit = () => resolve({ build: 'scalar', simd: false, config, layers: layersOf(config.hidden), paramCount: 17 });
      }),
    });
    const { controller, api } = setup('learningRate=3', { client });
    const started = controller.start();
    await flush();
    await api.setState({ learningRate: 0.03 }); // the reader's edit while the core is still loading
    answerInit();
    await started;
    await flush();
    expect(client.named('init')[0].config.learningRate).toBe(3);
    expect(client.calls.map(([name]) => name).filter((name) => name === 'configure' || name === 'play')).toEqual(['configure', 'play']);
    expect(client.named('configure')).toEqual([{ learningRate: 0.03 }]);
    expect(api.getState().playing).toBe(true);
  });

  test('a pause while the loading edits are on their way is kept: autoplay does not override it', async () => {
    let answerConfigure = null;
    const client = fakeClient({ configure: (patch) => new Promise((resolve) => { answerConfigure = () => resolve({ rebuilt: false, config: patch }); }) });
    const { controller, api } = setup('learningRate=3', { client });
    const started = controller.start();
    await api.setState({ learningRate: 0.03 }); // before init answers (the fake answers in a microtask)
    await started;
    await flush();
    await controller.pause();
    answerConfigure();
    await flush();
    expect(client.named('play')).toHaveLength(0);
    expect(api.getState().playing).toBe(false);
  });

  test('a network past the cost thresholds waits, unbuilt, for the user\'s answer', async () => {
    const view = fakeView({ gateAnswer: false });
    const { client, controller } = setup('hidden=1024,1024,1024&batchSize=500', { view });
    await controller.start();
    expect(view.gate.ask).toHaveBeenCalled();
    expect(view.named('setUnbuilt')[0]).toEqual([true]);
    // "Use a small network instead": the default layers are built, and nothing bigger ever was.
    expect(client.named('init')).toHaveLength(1);
    expect(client.named('init')[0].config.hidden).toEqual(defaultConfig().hidden);
  });
});

describe('edits', () => {
  test('the worker gets only the fields that changed, one configure after the other', async () => {
    let release;
    const client = fakeClient({
      configure: (patch, calls) => (calls.filter(([n]) => n === 'configure').length === 1
        ? new Promise((resolve) => { release = () => resolve({ rebuilt: false }); })
        : Promise.resolve({ rebuilt: false })),
    });
    const { controller } = setup('autoplay=false', { client });
    await controller.start();
    controller.dispatch({ type: 'config', patch: { learningRate: 0.3 } });
    controller.dispatch({ type: 'config', patch: { momentum: 0.5 } });
    await flush();
    expect(client.named('configure')).toEqual([{ learningRate: 0.3 }]); // the second waits for the first
    release();
    await flush();
    expect(client.named('configure')).toEqual([{ learningRate: 0.3 }, { momentum: 0.5 }]);
  });

  test('a locked field is refused, said so, and never reaches the worker', async () => {
    const { client, controller, view } = setup('lock=learningRate');
    await controller.start();
    const result = controller.dispatch({ type: 'config', patch: { learningRate: 1 } });
    expect(result.locked).toEqual({ field: 'learningRate', control: 'learningRate' });
    expect(controller.state.config.learningRate).toBe(defaultConfig().learningRate);
    expect(client.named('configure')).toEqual([]);
    expect(view.named('notify').at(-1)[0]).toMatch(/learningRate is locked/);
  });

  test('a config the worker refuses puts the state back and fires error', async () => {
    const client = fakeClient({ configure: () => Promise.reject(Object.assign(new Error('batchSize: too big'), { field: 'batchSize' })) });
    const { controller, api } = setup('', { client });
    const errors = [];
    api.on('error', (e) => errors.push(e));
    await controller.start();
    controller.dispatch({ type: 'config', patch: { batchSize: 20 } });
    await flush();
    expect(controller.state.config.batchSize).toBe(defaultConfig().batchSize);
    expect(errors).toEqual([{ message: 'batchSize: too big', field: 'batchSize' }]);
  });

  test('a dear edit is held until confirmed; refused, the state goes back', async () => {
    const view = fakeView({ gateAnswer: false });
    const { client, controller } = setup('', { view });
    await controller.start();
    controller.dispatch({ type: 'config', patch: { hidden: [1024, 1024, 1024], batchSize: 500 } });
    await flush();
    expect(view.gate.ask).toHaveBeenCalled();
    expect(client.named('configure')).toEqual([]);
    expect(controller.state.config.hidden).toEqual(defaultConfig().hidden);
    expect(controller.playing).toBe(false); // asking pauses
  });
});

describe('training events', () => {
  test('divergence stops playing and fires diverged', async () => {
    const { client, controller, api, view } = setup();
    const diverged = jest.fn();
    api.on('diverged', diverged);
    await controller.start();
    client.emit('diverged', { step: 40, cause: 'loss' });
    expect(controller.playing).toBe(false);
    expect(diverged).toHaveBeenCalledWith({ step: 40, cause: 'loss', learningRate: defaultConfig().learningRate });
    expect(view.named('setDiverged').at(-1)[0]).toMatchObject({ step: 40, cause: 'loss' });
  });

  // The worker posts events and replies in the order things happen: a 'diverged'
  // arriving before a request's reply ended steps taken before the worker read it.
  test('a divergence of steps taken before a newer play does not stop it, nor show the old run\'s banner', async () => {
    let answerPlay = null;
    const client = fakeClient({ play: () => new Promise((resolve) => { answerPlay = () => resolve({}); }) });
    const { controller, api, view } = setup('learningRate=3', { client });
    const diverged = jest.fn();
    api.on('diverged', diverged);
    await controller.start();
    answerPlay(); // the autoplay's play reached the worker: it trains at rate 3
    await flush();
    const played = controller.play(); // the reader asks for play again (after lowering the rate, say)
    client.emit('diverged', { step: 2, cause: 'loss exploded' }); // posted before the worker read that play
    expect(controller.playing).toBe(true);
    expect(api.getState().playing).toBe(true);
    expect(diverged).not.toHaveBeenCalled();
    expect(view.named('setDiverged')).toEqual([]);
    answerPlay();
    await played;
    expect(controller.playing).toBe(true);
    // A snapshot asked for after the play, from the worker training again, does not stop it either.
    controller.observe({ step: 3, epoch: 0, playing: true, busy: true }, { requestedAfter: controller.playRequests, evaluated: false });
    expect(controller.playing).toBe(true);
  });

  test('the current run\'s divergence, after its play was answered, still stops it and shows the banner', async () => {
    let answerPlay = null;
    const client = fakeClient({ play: () => new Promise((resolve) => { answerPlay = () => resolve({}); }) });
    const { controller, api, view } = setup('learningRate=3&autoplay=false', { client });
    const diverged = jest.fn();
    api.on('diverged', diverged);
    await controller.start();
    const played = controller.play();
    answerPlay();
    await played;
    client.emit('diverged', { step: 2, cause: 'loss exploded' });
    expect(controller.playing).toBe(false);
    expect(diverged).toHaveBeenCalledWith({ step: 2, cause: 'loss exploded', learningRate: 3 });
    expect(view.named('setDiverged').at(-1)[0]).toMatchObject({ step: 2, cause: 'loss exploded', learningRate: 3 });
  });

  test('a divergence of steps taken before a config change made while playing: the worker is told to play again', async () => {
    let answerConfigure = null;
    const client = fakeClient({ configure: (patch) => new Promise((resolve) => { answerConfigure = () => resolve({ rebuilt: false, config: patch }); }) });
    const { controller, api, view } = setup('learningRate=3', { client });
    const diverged = jest.fn();
    api.on('diverged', diverged);
    await controller.start();
    expect(client.named('play')).toHaveLength(1);
    controller.dispatch({ type: 'config', patch: { learningRate: 0.03 } });
    await flush();
    expect(client.named('configure')).toEqual([{ learningRate: 0.03 }]);
    const requestsBefore = controller.playRequests;
    client.emit('diverged', { step: 2, cause: 'loss exploded' }); // at rate 3, before the worker read the new rate: it stopped itself
    expect(controller.playing).toBe(true);
    expect(client.named('play')).toHaveLength(2);
    expect(client.calls.map(([name]) => name).slice(-2)).toEqual(['configure', 'play']);
    // A snapshot asked for before that play says "stopped": it must not undo the wish.
    controller.observe({ step: 0, epoch: 0, playing: false, busy: false }, { requestedAfter: requestsBefore, evaluated: false });
    expect(controller.playing).toBe(true);
    expect(diverged).not.toHaveBeenCalled();
    expect(view.named('setDiverged')).toEqual([]);
    answerConfigure();
    await flush();
    expect(controller.playing).toBe(true);
  });

  test('progress comes at most every PROGRESS_INTERVAL_MS, and once more where training settles', async () => {
    let now = 0;
    const { controller, api } = setup('', { clock: () => now });
    const seen = [];
    api.on('progress', (p) => seen.push(p.step));
    await controller.start();
    const after = { requestedAfter: controller.playRequests, evaluated: false };
    for (let step = 1; step <= 60; step++) {
      now += 16; // a snapshot per display frame for about a second
      controller.observe({ step, epoch: 0, playing: true, busy: true }, after);
    }
    expect(seen.length).toBeLessThanOrEqual(Math.ceil((60 * 16) / PROGRESS_INTERVAL_MS) + 1);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    now += 16;
    controller.observe({ step: 61, epoch: 0, playing: false, busy: false, trainLoss: 0.1, testLoss: 0.2, trainAccuracy: 0.9, testAccuracy: 0.8 },
      { ...after, evaluated: true });
    expect(seen.at(-1)).toBe(61);
    expect(api.getState()).toMatchObject({ progress: { step: 61 }, metrics: { trainLoss: 0.1, testAccuracy: 0.8 } });
  });
});

describe('the public API', () => {
  test('setState applies fields and flags, from an object or a query string, and resolves with the state', async () => {
    const { client, controller, api } = setup('autoplay=false');
    const changes = jest.fn();
    api.on('statechange', changes);
    await controller.start();
    const state = await api.setState({ learningRate: 0.5, discretize: true });
    expect(state.config.learningRate).toBe(0.5);
    expect(state.ui.discretize).toBe(true);
    expect(client.named('configure')).toEqual([{ learningRate: 0.5 }]);
    expect(changes).toHaveBeenCalled();
    expect((await api.setState('momentum=0.5&speed=2')).config.momentum).toBe(0.5);
    expect(api.getState().ui.speed).toBe('2');
  });

  test('setState refuses, all or nothing, with an error naming the field', async () => {
    const { client, controller, api } = setup('lock=hidden');
    await controller.start();
    const refusal = (patch) => api.setState(patch).then(() => null, (e) => ({ field: e.field, message: e.message }));
    expect(await refusal({ learningRate: 0.5, momentum: 7 })).toMatchObject({ field: 'momentum', message: expect.stringMatching(/range/) });
    expect(await refusal('learningRate=abc')).toMatchObject({ field: 'learningRate' });
    expect(await refusal({ eluAlpha: 1e-50 })).toMatchObject({ field: 'eluAlpha', message: expect.stringMatching(/single precision/) });
    expect(await refusal(JSON.parse('{"__proto__": {"learningRate": 1}}'))).toMatchObject({ field: '__proto__' });
    expect(await refusal({ toString: 1 })).toMatchObject({ field: 'toString' });
    expect(await refusal({ hidden: [3] })).toMatchObject({ field: 'hidden', message: expect.stringMatching(/locked/) });
    expect(await refusal({ discretize: 'yes' })).toMatchObject({ field: 'discretize' });
    expect(await refusal({ lock: 'learningRate' })).toMatchObject({ field: 'lock' });
    expect(await refusal(42)).toMatchObject({ field: '' });
    expect(controller.state.config.learningRate).toBe(defaultConfig().learningRate); // nothing of a refused patch applied
    expect(client.named('configure')).toEqual([]);
  });

  test('play, pause, step, reset and loadLesson go to the worker; locks and bad arguments reject', async () => {
    const { client, controller, api } = setup('autoplay=false');
    await controller.start();
    await api.play();
    expect(api.getState().playing).toBe(true);
    await api.pause();
    expect(api.getState().playing).toBe(false);
    expect(await api.step({ epochs: 2 })).toEqual({ step: 1 });
    expect(client.named('step').at(-1)).toEqual({ epochs: 2 });
    await expect(api.step({ steps: 1, epochs: 1 })).rejects.toMatchObject({ field: 'steps' });
    await api.reset();
    expect(client.named('reset')).toHaveLength(1);
    expect((await api.loadLesson('deep')).lesson).toBe('deep');
    expect(client.named('configure').at(-1)).toMatchObject({ hidden: [8, 8], learningRate: 0.1 });
    await expect(api.loadLesson('nope')).rejects.toMatchObject({ field: 'lesson' });
    expect(() => api.on('nope', () => {})).toThrow(/unknown event/);

    const locked = setup('autoplay=false&lock=run');
    await locked.controller.start();
    await expect(locked.api.play()).rejects.toMatchObject({ field: 'run' });
    expect(locked.client.named('play')).toEqual([]);
  });

  test('a worker failure rejects the call and reaches error listeners', async () => {
    const client = fakeClient({ step: () => Promise.reject(Object.assign(new Error('steps: at most 1000'), { field: 'steps' })) });
    const { controller, api } = setup('autoplay=false', { client });
    const errors = jest.fn();
    api.on('error', errors);
    await controller.start();
    await expect(api.step({ steps: 5000 })).rejects.toMatchObject({ field: 'steps' });
    expect(errors).toHaveBeenCalledWith({ message: 'steps: at most 1000', field: 'steps' });
  });
});

describe('an address the core refuses (back/forward, an edited fragment, setQuery)', () => {
  test('only the refused field goes back; the rest of the new address is kept, with one notice', async () => {
    const client = fakeClient({
      configure: (patch) => ('learningRate' in patch && patch.learningRate === 0.7
        ? Promise.reject(Object.assign(new Error('learningRate: refused by the core'), { field: 'learningRate' }))
        : Promise.resolve({ rebuilt: 'hidden' in patch, config: patch, layers: layersOf(patch.hidden ?? [4, 2]), paramCount: 17 })),
    });
    const { controller, view } = setup('hidden=3&autoplay=false', { client });
    await controller.start();
    const error = await controller.follow(parseQuery('hidden=5,2&learningRate=0.7&noise=20&autoplay=false', lessons).state);
    expect(error).toBeNull();
    // The new address's other fields stay; learningRate alone is back to its default.
    expect(controller.state.config).toMatchObject({ hidden: [5, 2], noise: 20, learningRate: defaultConfig().learningRate });
    const [refused, repaired] = client.named('configure');
    expect(refused).toMatchObject({ hidden: [5, 2], learningRate: 0.7, noise: 20 });
    expect(repaired).toMatchObject({ hidden: [5, 2], noise: 20 });
    expect(repaired.learningRate).toBeUndefined(); // the worker kept the old value, which is the default
    const notices = view.named('notify').map(([text]) => text);
    expect(notices.filter((text) => /refused/.test(text))).toEqual([
      'The core refused these settings (learningRate: refused by the core): only learningRate changed; the rest of the link is kept.',
    ]);
    // The address shows the repaired state, not the previous one.
    expect(view.named('writeUrl').at(-1)[0].config).toMatchObject({ hidden: [5, 2], noise: 20 });
  });

  test('when nothing can be repaired, the previous state stays and the error is reported', async () => {
    const client = fakeClient({
      configure: () => Promise.reject(Object.assign(new Error('wasmBaseUrl: refused'), { field: 'wasmBaseUrl' })),
    });
    const { controller, view } = setup('hidden=3&autoplay=false', { client });
    await controller.start();
    const error = await controller.follow(parseQuery('hidden=5&autoplay=false', lessons).state);
    expect(error.field).toBe('wasmBaseUrl');
    expect(controller.state.config.hidden).toEqual([3]);
    expect(view.named('notify').map(([text]) => text)).toContain('wasmBaseUrl: refused');
  });
});

describe('a core that cannot start', () => {
  test('the run bar says what failed instead of "loading core…", and the notice has the cause', async () => {
    const client = fakeClient({
      init: () => Promise.reject(Object.assign(new Error('wasmBaseUrl: another origin'), { field: 'wasmBaseUrl' })),
    });
    const { controller, view } = setup('hidden=3', { client });
    expect(await controller.start()).toBeNull();
    expect(view.named('setBuildStatus').at(-1)).toEqual(['core failed to start: wasmBaseUrl: another origin']);
    expect(view.named('notify').map(([text]) => text)).toContain('wasmBaseUrl: another origin');
  });

  test('a trap while loading (field core, no restart event) is shown too, and the status stays short', async () => {
    const long = `The core stopped (RuntimeError: unreachable ${'x'.repeat(200)}) while loading these settings.`;
    const client = fakeClient({ init: () => Promise.reject(Object.assign(new Error(long), { field: 'core' })) });
    const { controller, view } = setup('hidden=3', { client });
    await controller.start();
    const [status] = view.named('setBuildStatus').at(-1);
    expect(status.startsWith('core failed to start: The core stopped (RuntimeError: unreachable')).toBe(true);
    expect(status.length).toBeLessThanOrEqual(80);
    expect(view.named('notify').map(([text]) => text)).toContain(long);
  });

  test('a core that keeps trapping and is given up: the run bar says it stopped', async () => {
    const { client, controller, view } = setup('hidden=3&autoplay=false');
    await controller.start();
    client.emit('restarted', { message: 'The core stopped 3 times in 10 s (RuntimeError) and was not restarted again.', gaveUp: true });
    expect(view.named('setBuildStatus').at(-1)).toEqual(['core stopped after repeated faults (see the notice)']);
  });
});
