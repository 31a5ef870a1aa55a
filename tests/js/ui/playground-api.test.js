import { playgroundApi } from '../../../web/ui/playground-api.js';
import { createCoreLoader } from '../../../web/ui/core-loader.js';
import { parseQuery } from '../../../web/ui/state.js';
import { PRESETS } from '../../../web/shared/presets.js';

function setup({ compareActive = false } = {}) {
  const calls = [];
  const api = {
    getState: () => 'state',
    play: (...args) => { calls.push(['play', ...args]); return 'played'; },
    step: (...args) => { calls.push(['step', ...args]); return 'stepped'; },
    reset: () => { calls.push(['reset']); return 'reset'; },
  };
  const loader = createCoreLoader(() => { calls.push(['load']); return Promise.resolve('loaded'); });
  const controller = {
    state: parseQuery('hidden=3&learningRate=0.1', PRESETS).state,
    follow: (state, how) => calls.push(['follow', state.config.hidden, how]),
  };
  const shown = [];
  const playground = playgroundApi({
    api, loader, client: 'client', controller, presets: PRESETS,
    compareRun: { active: compareActive, stats: () => ({ fps: 30, step: 7 }) },
    frames: { stats: () => ({ fps: 60, snapshotMs: 1, renderMs: 2 }) },
    notices: { show: (text, how) => shown.push([text, how]) },
    destroy: () => calls.push(['destroy']),
  });
  return { playground, calls, shown };
}

test('play, step and reset load the core first, then call the API with their arguments', async () => {
  const { playground, calls } = setup();
  await expect(playground.step({ steps: 3 })).resolves.toBe('stepped');
  await expect(playground.play()).resolves.toBe('played');
  expect(calls).toEqual([['load'], ['step', { steps: 3 }], ['play']]);
  await expect(playground.ready).resolves.toBe('loaded');
});

test('the rest of the public API passes through untouched', () => {
  const { playground } = setup();
  expect(playground.getState()).toBe('state');
  expect(playground.client).toBe('client');
});

test('getStats adds run B\'s figures only while run B exists', () => {
  expect(setup().playground.getStats()).toEqual({ fps: 60, snapshotMs: 1, renderMs: 2 });
  expect(setup({ compareActive: true }).playground.getStats()).toEqual({ fps: 60, snapshotMs: 1, renderMs: 2, compare: { fps: 30, step: 7 } });
});

test('getQuery serializes the controller\'s state; setQuery moves it (pushed) and returns the link\'s notices', () => {
  const { playground, calls } = setup();
  expect(playground.getQuery()).toContain('hidden=3');
  const notices = playground.setQuery('hidden=5&noSuchField=1');
  expect(calls).toContainEqual(['follow', [5], { push: true }]);
  expect(notices.join(' ')).toContain('noSuchField');
});

test('showNotice and destroy reach the parts', () => {
  const { playground, calls, shown } = setup();
  playground.showNotice('hello', { kind: 'warn' });
  playground.destroy();
  expect(shown).toEqual([['hello', { kind: 'warn' }]]);
  expect(calls).toEqual([['destroy']]);
});
