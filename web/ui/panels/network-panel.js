// The network editor: add or remove hidden layers and units, and pick the
// activation of each layer. Sizes follow the core's limits (schema), not a
// 6 x 8 cap; a large network gets a notice that it will be slow.

import { ACTIVATIONS, FIELDS, MAX_HIDDEN_LAYERS, MAX_UNITS } from '../../shared/schema.js';
import { countParams } from '../network-layout.js';
import { el } from '../dom.js';
import { createPanel } from './fields.js';

/** Above this many parameters the page warns that training and drawing will be slow. */
export const SLOW_PARAMS = 100000;

/**
 * ctx: {setHidden(list), setLayerActivation(layer, name)}
 * Returns {update(state, info)} where info.outputs is the output count.
 */
export function createNetworkPanel(container, ctx) {
  // Named apart from the diagram's panel ("Network"), which the dashboard shows beside it.
  const panel = createPanel(container, 'Network editor', 'hidden');
  const layerCount = el('output', { class: 'count', 'aria-live': 'polite' });
  const removeLayer = el('button', { type: 'button', text: '−', 'aria-label': 'Remove the last hidden layer', onClick: () => edit((h) => h.slice(0, -1)) });
  const addLayer = el('button', {
    type: 'button', text: '+', 'aria-label': 'Add a hidden layer',
    onClick: () => edit((h) => [...h, h[h.length - 1] ?? 4]),
  });
  const rows = el('ol', { class: 'layer-rows' });
  const size = el('p', { class: 'small', 'aria-live': 'polite' });
  panel.append(el('div', { class: 'inline' }, el('span', { text: 'Hidden layers' }), removeLayer, layerCount, addLayer), rows, size);

  let hidden = [];
  let inputs = []; // per layer: {units, activation}

  function edit(change) {
    ctx.setHidden(change(hidden.slice()));
  }

  function unitButtons(layer) {
    return [
      el('button', { type: 'button', text: '−', 'aria-label': `Fewer units in layer ${layer + 1}`, onClick: () => edit((h) => { h[layer] = Math.max(FIELDS.hidden.min, h[layer] - 1); return h; }) }),
      el('button', { type: 'button', text: '+', 'aria-label': `More units in layer ${layer + 1}`, onClick: () => edit((h) => { h[layer] = Math.min(MAX_UNITS, h[layer] + 1); return h; }) }),
    ];
  }

  const activationsOf = (config) => (Array.isArray(config.activation) ? config.activation : config.hidden.map(() => config.activation));

  function buildRows(config) {
    const activations = activationsOf(config);
    inputs = [];
    rows.replaceChildren(...config.hidden.map((units, layer) => {
      const unitsInput = el('input', {
        type: 'number', min: FIELDS.hidden.min, max: MAX_UNITS, step: 1, value: String(units), 'aria-label': `Units in layer ${layer + 1}`,
        onChange: (e) => edit((h) => { h[layer] = Number(e.target.value); return h; }),
      });
      const [fewer, more] = unitButtons(layer);
      const activation = el('select', {
        'aria-label': `Activation of layer ${layer + 1}`,
        onChange: (e) => ctx.setLayerActivation(layer, e.target.value),
      }, ACTIVATIONS.map((a) => el('option', { value: a, text: a, selected: a === activations[layer] })));
      inputs.push({ units: unitsInput, activation });
      return el('li', { class: 'layer-row' }, el('span', { text: `${layer + 1}` }), fewer, unitsInput, more, activation);
    }));
  }

  let lastKey = '';
  function update(state, info = {}) {
    const { config } = state;
    hidden = config.hidden.slice();
    const key = JSON.stringify([config.hidden, config.activation]);
    if (key !== lastKey) {
      lastKey = key;
      buildRows(config);
    } else {
      // An edit that was refused (out of range, locked) leaves the inputs as they were.
      const activations = activationsOf(config);
      inputs.forEach(({ units, activation }, layer) => {
        if (!units.matches(':focus')) units.value = String(config.hidden[layer]);
        activation.value = activations[layer];
      });
    }
    layerCount.textContent = String(hidden.length);
    removeLayer.disabled = hidden.length === 0;
    addLayer.disabled = hidden.length >= MAX_HIDDEN_LAYERS;
    const params = info.paramCount ?? countParams(config.features.length, config.hidden, info.outputs ?? 1);
    const slow = params > SLOW_PARAMS;
    size.textContent = `${params.toLocaleString('en')} parameters.${slow ? ' Large network: training and drawing will be slow.' : ''}`;
    size.classList.toggle('warn', slow);
  }

  return { update };
}
