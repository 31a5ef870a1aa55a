// web/embed/index.d.ts is written by hand: what Node can reach of the
// runtime (the public API over the controller, its events, the state's
// shape) is checked against it here; the handle and the element, which need
// a browser, in tests/e2e/api.test.js.
import { readFileSync } from 'node:fs';
import { readDts } from '../helpers/dts.js';
import { createController } from '../../../web/ui/controller.js';
import { createPublicApi, API_EVENTS } from '../../../web/ui/public-api.js';
import { UI_FLAGS, defaultState } from '../../../web/ui/state.js';
import { VIEW_NAMES } from '../../../web/ui/view-layouts.js';
import { PRESETS } from '../../../web/shared/presets.js';
import { connectPlayground } from '../../../web/embed/connect.js';

const dts = readDts(new URL('../../../web/embed/index.d.ts', import.meta.url));

/** A controller over a client that answers every request at once. */
function controllerForTypes() {
  const reply = (value) => () => Promise.resolve(value);
  const client = {
    init: ({ config }) => Promise.resolve({ build: 'scalar', simd: false, config, layers: [{ inputs: 2, outputs: 1, weightOffset: 0 }], paramCount: 3 }),
    configure: reply({ rebuilt: false }), play: reply({}), pause: reply({}), step: reply({ step: 1 }), reset: reply({}), setSpeed: reply({}),
    on: () => () => {},
  };
  const noop = () => {};
  const view = new Proxy({ gate: { open: false, ask: () => Promise.resolve(true), close: noop } }, { get: (target, name) => target[name] ?? noop });
  return createController({ client, state: defaultState(), presets: PRESETS, view });
}

test('PlaygroundApi declares exactly the public API\'s methods (on() is the handle\'s)', () => {
  const api = createPublicApi(controllerForTypes(), PRESETS);
  expect([...dts.members('interface', 'PlaygroundApi'), 'on'].sort()).toEqual(Object.keys(api).sort());
});

test('PlaygroundEvents lists exactly the events', () => {
  expect(dts.members('interface', 'PlaygroundEvents')).toEqual([...API_EVENTS].sort());
});

test('the state types list exactly what getState() returns', async () => {
  const controller = controllerForTypes();
  await controller.start();
  controller.observe({ step: 3, epoch: 0, playing: true, busy: false, trainLoss: 1, testLoss: 1, trainAccuracy: 0.5, testAccuracy: 0.5 },
    { requestedAfter: controller.playRequests, evaluated: true });
  const state = controller.getState();
  // compare is there only while run B exists (below).
  expect(dts.members('interface', 'PlaygroundState')).toEqual([...Object.keys(state), 'compare'].sort());
  expect(dts.members('interface', 'PlaygroundProgress')).toEqual(Object.keys(state.progress).sort());
  expect(dts.members('interface', 'PlaygroundMetrics')).toEqual(Object.keys(state.metrics).sort());
  expect(dts.members('interface', 'ViewFlags')).toEqual(Object.keys(UI_FLAGS).sort());
  expect([...dts.members('interface', 'UiState'), ...Object.keys(UI_FLAGS)].sort()).toEqual(Object.keys(state.ui).sort());
  expect(dts.union('Speed')).toEqual([...UI_FLAGS.speed.values]);
  expect(dts.union('Theme')).toEqual([...UI_FLAGS.theme.values]);
  expect(dts.union('ViewName')).toEqual([...VIEW_NAMES]);
  expect(dts.union('CollapsiblePanel')).toEqual([...UI_FLAGS.collapse.values]);
});

test('getState().compare: run B\'s config, progress and metrics while B exists, as CompareState declares', async () => {
  const controller = controllerForTypes();
  await controller.start();
  const b = { config: controller.state.config, progress: { step: 2, epoch: 0 }, metrics: null };
  let exists = true;
  const api = createPublicApi(controller, PRESETS, { publicState: () => (exists ? b : undefined) });
  expect(Object.keys(api.getState().compare).sort()).toEqual(dts.members('interface', 'CompareState'));
  exists = false;
  expect(Object.hasOwn(api.getState(), 'compare')).toBe(false);
});

test('Preset declares every key the lessons use', () => {
  const declared = dts.members('interface', 'Preset');
  for (const preset of PRESETS) for (const key of Object.keys(preset)) expect([preset.id, declared.includes(key)]).toEqual([preset.id, true]);
});

test('the entry declares exactly what web/embed/index.js exports', () => {
  // index.js needs a browser (custom elements, CSS imports): its export list is read from the source.
  const source = readFileSync(new URL('../../../web/embed/index.js', import.meta.url), 'utf8');
  const exported = [...source.matchAll(/export \{ ([^}]+) \}/g)].flatMap((m) => m[1].split(',').map((name) => name.trim())).sort();
  expect(dts.declared()).toEqual(exported);
});

test('FramePlayground declares exactly what connectPlayground returns', () => {
  const noop = () => {};
  const win = { addEventListener: noop, removeEventListener: noop, setInterval: () => 0, clearInterval: noop, setTimeout: () => 0, clearTimeout: noop, document: {} };
  const iframe = { src: 'https://playground.example/index.html', contentWindow: { postMessage: noop }, style: {} };
  const playground = connectPlayground(iframe, { win });
  expect(dts.members('interface', 'FramePlayground')).toEqual(Object.keys(playground).sort());
  expect(dts.members('interface', 'ConnectOptions')).toEqual(['autoHeight', 'origin', 'timeoutMs']);
  playground.destroy();
});
