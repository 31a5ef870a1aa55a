// Run controls (play/pause, step, reset, speed) and the live read-outs:
// step, epoch, losses, accuracies, frame rate, steps per second and the
// WebAssembly build in use.

import { UI_FLAGS } from '../state.js';
import { el, uid, formatValue } from '../dom.js';

/**
 * ctx: {togglePlay(), step(), reset(), setSpeed(value)}
 * Returns {setPlaying(bool), setStats(snapshot), setMeter({fps, stepsPerSecond}), setBuild(info), setBuildStatus(text),
 * update(state)}.
 */
const LOADING_CORE = 'loading core…';

export function createRunPanel(container, ctx) {
  const play = el('button', { type: 'button', class: 'primary', 'data-action': 'play', 'aria-pressed': 'false', text: 'Play', onClick: () => ctx.togglePlay() });
  const step = el('button', { type: 'button', 'data-action': 'step', text: 'Step', title: 'One mini-batch step', onClick: () => ctx.step() });
  const reset = el('button', { type: 'button', 'data-action': 'reset', text: 'Reset', title: 'New weights from the seed, same data', onClick: () => ctx.reset() });
  const speedId = uid('speed');
  const speed = el('select', { id: speedId, onChange: () => ctx.setSpeed(speed.value) },
    UI_FLAGS.speed.values.map((v) => el('option', { value: v, text: v === 'auto' ? 'as fast as possible' : `${v} epoch${v === '1' ? '' : 's'} / frame` })));

  const stat = (name, label, title) => {
    const value = el('dd', { 'data-stat': name, text: '–' });
    return { name, value, node: el('div', { class: 'stat', title }, el('dt', { text: label }), value) };
  };
  const stats = [
    stat('step', 'Step'), stat('epoch', 'Epoch'), stat('trainLoss', 'Train loss'), stat('testLoss', 'Test loss'),
    stat('trainAccuracy', 'Train acc.'), stat('testAccuracy', 'Test acc.'), stat('learningRate', 'Rate now', 'The learning rate in use at this step (a schedule lowers it over time)'),
  ];
  const meter = el('p', { class: 'meter small', 'aria-live': 'off' },
    el('span', { 'data-stat': 'fps', text: '– fps' }), ' · ', el('span', { 'data-stat': 'stepsPerSecond', text: '– steps/s' }), ' · ',
    el('span', { 'data-stat': 'build', text: LOADING_CORE }));

  const element = el('section', { class: 'run-bar', 'data-control': 'run', 'aria-label': 'Run controls' },
    el('div', { class: 'run-buttons' }, play, step, reset,
      el('span', { class: 'field', 'data-control': 'speed' }, el('label', { for: speedId, text: 'Speed' }), speed)),
    el('dl', { class: 'stats' }, stats.map((s) => s.node)),
    meter);
  container.append(element);
  const shown = {};

  function setText(node, key, text) {
    if (shown[key] !== text) {
      shown[key] = text;
      node.textContent = text;
    }
  }

  return {
    element,
    setPlaying(playing) {
      play.textContent = playing ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(playing));
      step.disabled = playing;
    },
    setStats(snapshot) {
      for (const { name, value } of stats) {
        const v = snapshot[name];
        const text = name === 'step' ? String(v) : name.endsWith('Accuracy') ? (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–')
          : name === 'epoch' ? v.toFixed(1) : formatValue(v);
        setText(value, name, text);
      }
    },
    setMeter({ fps, stepsPerSecond }) {
      setText(meter.children[0], 'fps', `${Math.round(fps)} fps`);
      setText(meter.children[1], 'sps', `${Math.round(stepsPerSecond).toLocaleString('en')} steps/s`);
    },
    /** Before the core runs a network: why nothing is shown yet (null: the core is loading). */
    setBuildStatus(text) {
      meter.children[2].textContent = text ?? LOADING_CORE;
    },
    setBuild({ build, simd }) {
      const node = meter.children[2];
      node.textContent = simd ? `WebAssembly SIMD128 (${build})` : `WebAssembly scalar (${build})`;
      node.dataset.simd = String(Boolean(simd));
    },
    update(state) {
      speed.value = state.ui.speed;
    },
  };
}
