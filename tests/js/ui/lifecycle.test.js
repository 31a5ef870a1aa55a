// The lifecycle rules (web/ui/lifecycle.js), the controller acting on them
// (the worker pauses out of sight and resumes only if still wanted), and the
// DOM adapter (lifecycle-observers.js) over a fake window.
import { lifecycleDecision, autoplays } from '../../../web/ui/lifecycle.js';
import { observeLifecycle, NEAR_MARGIN } from '../../../web/ui/lifecycle-observers.js';
import { createController } from '../../../web/ui/controller.js';
import { parseQuery } from '../../../web/ui/state.js';

describe('lifecycleDecision', () => {
  const flags = [false, true];
  test('trains only in view, in a visible tab, when not paused; draws only in view in a visible tab', () => {
    for (const near of flags) for (const inView of flags) for (const tabVisible of flags) for (const userPaused of flags) {
      const signals = { near, inView, tabVisible, userPaused };
      const decision = lifecycleDecision(signals);
      expect([signals, decision.train]).toEqual([signals, inView && tabVisible && !userPaused]);
      expect([signals, decision.draw]).toEqual([signals, inView && tabVisible]);
      // The core loads near the viewport, whatever the tab or the wish.
      expect([signals, decision.load]).toEqual([signals, near || inView]);
    }
  });

  test('a hidden tab stops a widget in view, and it resumes on return', () => {
    const inView = { near: true, inView: true, userPaused: false };
    expect(lifecycleDecision({ ...inView, tabVisible: false })).toEqual({ load: true, train: false, draw: false });
    expect(lifecycleDecision({ ...inView, tabVisible: true })).toEqual({ load: true, train: true, draw: true });
  });

  test('reduced motion holds autoplay back; autoplay=false always does', () => {
    expect(autoplays({ autoplay: true, reducedMotion: false })).toBe(true);
    expect(autoplays({ autoplay: true, reducedMotion: true })).toBe(false);
    expect(autoplays({ autoplay: false, reducedMotion: false })).toBe(false);
    expect(autoplays({ autoplay: false, reducedMotion: true })).toBe(false);
  });
});

/** A client recording play and pause; init answers a one-layer network. */
function recordingClient() {
  const calls = [];
  const answer = (name, value = {}) => (arg) => { calls.push(name); return Promise.resolve(typeof value === 'function' ? value(arg) : value); };
  return {
    calls,
    init: answer('init', ({ config }) => ({ build: 'scalar', simd: false, config, layers: [{ inputs: 2, outputs: 1, weightOffset: 0 }], paramCount: 3 })),
    configure: answer('configure', { rebuilt: false }), play: answer('play'), pause: answer('pause'), setSpeed: answer('setSpeed'),
    step: answer('step', { step: 1 }), reset: answer('reset'),
    on: () => () => {},
  };
}

function controllerFor(query, options = {}) {
  const client = recordingClient();
  const notices = [];
  const noop = () => {};
  const view = new Proxy({ gate: { open: false, ask: () => Promise.resolve(true), close: noop }, notify: (text) => notices.push(text) },
    { get: (target, name) => target[name] ?? noop });
  const controller = createController({ client, state: parseQuery(query).state, view, presets: [], ...options });
  return { client, controller, notices };
}

describe('the controller follows the lifecycle', () => {
  test('out of sight the worker pauses and the wish is kept; back in sight it resumes', async () => {
    const { client, controller } = controllerFor('');
    await controller.start();
    expect(client.calls.filter((c) => c === 'play')).toHaveLength(1);
    client.calls.length = 0;
    controller.setSeen({ inView: false, tabVisible: true });
    expect(client.calls).toEqual(['pause']);
    expect(controller.getState().playing).toBe(true); // still wanted
    controller.setSeen({ inView: true, tabVisible: false }); // in view, hidden tab: still paused, nothing sent
    expect(client.calls).toEqual(['pause']);
    controller.setSeen({ inView: true, tabVisible: true });
    expect(client.calls).toEqual(['pause', 'play']);
  });

  test('a pause made out of sight holds on return; a play made out of sight starts only on return', async () => {
    const { client, controller } = controllerFor('');
    await controller.start();
    controller.setSeen({ inView: false, tabVisible: true });
    await controller.pause();
    client.calls.length = 0;
    controller.setSeen({ inView: true, tabVisible: true });
    expect(client.calls).toEqual([]);
    controller.setSeen({ inView: false, tabVisible: true });
    await controller.play();
    expect(client.calls).toEqual([]); // wanted, not sent: nobody sees it
    expect(controller.getState().playing).toBe(true);
    controller.setSeen({ inView: true, tabVisible: true });
    expect(client.calls).toEqual(['play']);
  });

  test('a snapshot of the paused worker does not turn the wish off while out of sight', async () => {
    const { controller } = controllerFor('');
    await controller.start();
    controller.setSeen({ inView: false, tabVisible: true });
    controller.observe({ step: 5, epoch: 0, playing: false, busy: false }, { requestedAfter: controller.playRequests, evaluated: false });
    expect(controller.getState().playing).toBe(true);
  });

  test('reduced motion: no autoplay, and a notice says why', async () => {
    const { client, controller, notices } = controllerFor('', { reducedMotion: true });
    await controller.start();
    expect(client.calls).not.toContain('play');
    expect(controller.getState().playing).toBe(false);
    expect(notices.join('\n')).toMatch(/reduced motion.*Play/);
    await controller.play(); // the reader presses Play
    expect(client.calls).toContain('play');
  });

  test('reduced motion with the run bar hidden: the notice points at Space, not at a Play button that is not there', async () => {
    const { client, controller, notices } = controllerFor('hide=run', { reducedMotion: true });
    await controller.start();
    expect(client.calls).not.toContain('play');
    expect(notices.join('\n')).toMatch(/reduced motion.*press Space/);
    expect(notices.join('\n')).not.toMatch(/Play/);
  });

  test('autoplay=false with reduced motion: no notice (nothing would have moved anyway)', async () => {
    const { client, controller, notices } = controllerFor('autoplay=false', { reducedMotion: true });
    await controller.start();
    expect(client.calls).toContain('init');
    expect(client.calls).not.toContain('play');
    expect(notices.filter((text) => /reduced motion/.test(text))).toEqual([]);
  });
});

/** A window with IntersectionObserver, visibilitychange and matchMedia under the test's control. */
function fakeWindow({ reducedMotion = false, hasObserver = true } = {}) {
  const observers = [];
  const listeners = new Set();
  const doc = {
    visibilityState: 'visible',
    addEventListener: (type, fn) => { if (type === 'visibilitychange') listeners.add(fn); },
    removeEventListener: (type, fn) => listeners.delete(fn),
  };
  class FakeObserver {
    constructor(callback, options) {
      this.callback = callback;
      this.options = options;
      this.targets = [];
      observers.push(this);
    }

    observe(target) { this.targets.push(target); }

    disconnect() { this.targets = []; }
  }
  return {
    document: doc,
    observers,
    ...(hasObserver ? { IntersectionObserver: FakeObserver } : {}),
    matchMedia: (query) => ({ matches: reducedMotion && query === '(prefers-reduced-motion: reduce)' }),
    intersect(margin, isIntersecting) {
      for (const o of observers.filter((ob) => ob.options.rootMargin === margin && ob.targets.length)) o.callback([{ isIntersecting }]);
    },
    setHidden(hidden) {
      doc.visibilityState = hidden ? 'hidden' : 'visible';
      for (const fn of [...listeners]) fn();
    },
    listening: () => listeners.size,
  };
}

describe('observeLifecycle', () => {
  test('reports near (one viewport of margin), in view and the tab\'s visibility, each change once', () => {
    const win = fakeWindow();
    const seen = [];
    const element = {};
    const lifecycle = observeLifecycle(element, { onChange: (s) => seen.push(s), win });
    expect(lifecycle.signals()).toEqual({ near: false, inView: false, tabVisible: true });
    expect(win.observers.map((o) => [o.options.rootMargin, o.targets[0]])).toEqual([[NEAR_MARGIN, element], ['0px', element]]);
    win.intersect(NEAR_MARGIN, true);
    win.intersect(NEAR_MARGIN, true); // no change: no report
    win.intersect('0px', true);
    win.setHidden(true);
    win.setHidden(false);
    win.intersect('0px', false);
    expect(seen).toEqual([
      { near: true, inView: false, tabVisible: true },
      { near: true, inView: true, tabVisible: true },
      { near: true, inView: true, tabVisible: false },
      { near: true, inView: true, tabVisible: true },
      { near: true, inView: false, tabVisible: true },
    ]);
    lifecycle.destroy();
    expect(win.listening()).toBe(0);
    expect(win.observers.every((o) => o.targets.length === 0)).toBe(true);
  });

  test('the stand-alone page, or a browser without IntersectionObserver, is always in view', () => {
    for (const [options, win] of [[{ alwaysInView: true }, fakeWindow()], [{}, fakeWindow({ hasObserver: false })]]) {
      const lifecycle = observeLifecycle({}, { ...options, onChange: () => {}, win });
      expect(lifecycle.signals()).toEqual({ near: true, inView: true, tabVisible: true });
      expect(win.observers).toEqual([]);
    }
  });

  test('reads prefers-reduced-motion', () => {
    expect(observeLifecycle({}, { onChange: () => {}, win: fakeWindow({ reducedMotion: true }) }).reducedMotion).toBe(true);
    expect(observeLifecycle({}, { onChange: () => {}, win: fakeWindow() }).reducedMotion).toBe(false);
  });
});
