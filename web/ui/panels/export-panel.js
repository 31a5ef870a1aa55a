// Save and load: PNG pictures of the plots, the run's metrics as CSV, the
// model as JSON (the core's export), and loading a model JSON back.

import { el, uid } from '../dom.js';
import { createPanel } from './fields.js';

/** ctx: {savePng(which), saveMetrics(), saveModel(), loadModel(file)}. */
export function createExportPanel(container, ctx) {
  const panel = createPanel(container, 'Save and load', 'exports');
  const fileId = uid('model-file');
  const file = el('input', { type: 'file', id: fileId, accept: '.json,application/json', class: 'visually-hidden' });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    // The exporter checks the size before it reads a byte.
    if (chosen) ctx.loadModel(chosen);
  });
  const button = (text, action, onClick) => el('button', { type: 'button', 'data-action': action, text, onClick });
  panel.append(el('div', { class: 'button-row' },
    button('Output plot (PNG)', 'png-boundary', () => ctx.savePng('boundary')),
    button('Network (PNG)', 'png-network', () => ctx.savePng('network')),
    button('Charts (PNG)', 'png-charts', () => ctx.savePng('charts')),
    button('Metrics (CSV)', 'csv-metrics', () => ctx.saveMetrics()),
    button('Model (JSON)', 'json-model', () => ctx.saveModel()),
    el('label', {
      for: fileId, class: 'button', role: 'button', tabindex: '0', text: 'Load model…',
      onKeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); file.click(); } },
    }),
    file));
  return { element: panel };
}
