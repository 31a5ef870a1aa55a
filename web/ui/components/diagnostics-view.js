// The diagnostics panel: what makes the ReLU lessons visible.
//  - the gradient norm of each layer over time on a log axis (vanishing, exploding);
//  - dead units and sparsity per layer;
//  - an activation histogram per layer;
//  - the learned PReLU slopes;
//  - a banner when training diverged, with the step and a hint.
// Takes plain data (the snapshot's layer list and uPlot series); knows nothing of the worker.

import { HISTOGRAM } from '../../shared/protocol.js';
import { normaliseHistogram, summariseSlopes } from '../chart-data.js';
import { sequentialColor, cssColor, POSITIVE } from '../colors.js';
import { el, sizeCanvas, formatValue } from '../dom.js';
import { createLineChart } from './line-chart.js';

const HIST_WIDTH = 96;
const HIST_HEIGHT = 28;

export function layerSeries(count) {
  return Array.from({ length: count }, (_, l) => ({
    label: l === count - 1 ? 'output' : `layer ${l + 1}`,
    color: cssColor(sequentialColor(count > 1 ? l / (count - 1) : 0)),
  }));
}

function sameCounts(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createDiagnosticsView(container) {
  const banner = el('div', { class: 'banner banner-diverged', role: 'alert', hidden: true });
  const chartHost = el('div', { class: 'diag-chart' });
  const table = el('table', { class: 'diag-table' },
    el('caption', { class: 'small', text: `Per layer, from the last full pass over the training data. Histogram: activations over [${HISTOGRAM.min}, ${HISTOGRAM.max}].` }),
    el('thead', {}, el('tr', {},
      ...['Layer', 'Dead units', 'Sparsity', 'Activations', 'PReLU slope'].map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  table.append(body);
  container.append(banner, chartHost, el('div', { class: 'table-scroll' }, table));
  const gradients = createLineChart(chartHost, { title: 'Gradient norm per layer (log scale)', series: layerSeries(1), log: true });
  let rows = [];

  function buildRows(layers) {
    body.replaceChildren();
    rows = layers.map((layer, l) => {
      const name = l === layers.length - 1 ? 'output' : `${l + 1}`;
      const dead = el('td');
      const sparsityBar = el('span', { class: 'bar-fill' });
      const sparsityText = el('span', { class: 'bar-text' });
      const histogram = el('canvas', { role: 'img', 'aria-label': `activation histogram of layer ${name}` });
      const slopes = el('td');
      body.append(el('tr', {},
        el('th', { scope: 'row', text: `${name} · ${layer.units} ${layer.activation ?? ''}` }),
        dead,
        el('td', {}, el('span', { class: 'bar' }, sparsityBar), sparsityText),
        el('td', {}, histogram),
        slopes));
      return { dead, sparsityBar, sparsityText, histogram, slopes, last: {} };
    });
  }

  function setText(row, key, node, text) {
    if (row.last[key] !== text) {
      row.last[key] = text;
      node.textContent = text;
    }
  }

  function drawHistogram(canvas, counts) {
    const context = sizeCanvas(canvas, HIST_WIDTH, HIST_HEIGHT);
    const { heights } = normaliseHistogram(counts);
    context.clearRect(0, 0, HIST_WIDTH, HIST_HEIGHT);
    context.fillStyle = '#e6e9ec';
    context.fillRect(0, 0, HIST_WIDTH, HIST_HEIGHT);
    const zero = ((0 - HISTOGRAM.min) / (HISTOGRAM.max - HISTOGRAM.min)) * HIST_WIDTH;
    context.fillStyle = '#9aa3ab';
    context.fillRect(zero, 0, 1, HIST_HEIGHT);
    context.fillStyle = cssColor(POSITIVE);
    const barWidth = HIST_WIDTH / Math.max(1, heights.length);
    heights.forEach((h, i) => {
      const height = h * (HIST_HEIGHT - 2);
      context.fillRect(i * barWidth, HIST_HEIGHT - height, Math.max(1, barWidth - 0.5), height);
    });
  }

  /** New per-layer values: the snapshot's `layers`. */
  function updateLayers(layers) {
    if (rows.length !== layers.length) buildRows(layers);
    layers.forEach((layer, l) => {
      const row = rows[l];
      const isOutput = l === layers.length - 1;
      setText(row, 'dead', row.dead, isOutput ? '–' : `${layer.deadUnits} / ${layer.units}`);
      row.dead.classList.toggle('warn', !isOutput && layer.deadUnits > 0 && layer.deadUnits >= layer.units / 2);
      const sparsity = Number.isFinite(layer.sparsity) ? layer.sparsity : 0;
      row.sparsityBar.style.width = `${Math.round(sparsity * 100)}%`;
      setText(row, 'sparsity', row.sparsityText, ` ${Math.round(sparsity * 100)}%`);
      if (!sameCounts(row.last.histogram, layer.histogram)) {
        row.last.histogram = layer.histogram ? [...layer.histogram] : null;
        drawHistogram(row.histogram, layer.histogram);
      }
      const slopes = summariseSlopes(layer.preluSlopes);
      const slopeText = !slopes ? '–' : slopes.count === 1 ? formatValue(slopes.mean)
        : `${formatValue(slopes.min)} … ${formatValue(slopes.max)} (mean ${formatValue(slopes.mean)})`;
      setText(row, 'slopes', row.slopes, slopeText);
    });
  }

  /** Gradient norms over time: uPlot data [steps, layer0, layer1, ...]. */
  function updateGradients(data) {
    const layers = data.length - 1;
    if (layers !== gradients.seriesCount && layers > 0) gradients.setSeries(layerSeries(layers));
    gradients.setData(data);
  }

  /** Shows or hides the divergence banner. diverged: {step, cause, learningRate} or null. */
  function setDiverged(diverged) {
    if (!diverged) {
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    const text = `Training diverged at step ${diverged.step} (${diverged.cause || 'non-finite values'}). `
      + `The learning rate ${formatValue(diverged.learningRate)} is too large for this network: lower it, or set gradient clipping, then press Reset.`;
    if (banner.textContent !== text) banner.textContent = text;
  }

  return {
    updateLayers,
    updateGradients,
    setDiverged,
    gradientCanvas: () => gradients.canvas(),
    destroy() {
      gradients.destroy();
      container.replaceChildren();
    },
  };
}
