// The diagnostics panel: what makes the ReLU lessons visible.
//  - the gradient norm of each layer over time on a log axis (vanishing, exploding);
//  - dead units and sparsity per layer;
//  - an activation histogram per layer;
//  - the learned PReLU slopes;
// Takes plain data (the snapshot's layer list and uPlot series); knows nothing of the worker.

import { HISTOGRAM } from '../../shared/protocol.js';
import { normaliseHistogram, summariseSlopes, zeroBin, histogramLabel } from '../chart-data.js';
import { sequentialColor, cssColor, THEMES, paletteFor } from '../colors.js';
import { el, uid, sizeCanvas, formatValue } from '../dom.js';
import { createLineChart } from './line-chart.js';

// Histogram geometry (CSS px): one bar per bin, 3 px wide with a 1 px gap,
// above a row of axis labels at -4, 0 and 4.
const BAR_PITCH = 4;
const HIST_PAD = 2;
const HIST_WIDTH = HISTOGRAM.bins * BAR_PITCH + 2 * HIST_PAD;
const HIST_BARS = 34;
const HIST_LABELS = 11;
const HIST_HEIGHT = HIST_BARS + HIST_LABELS;
const ZERO_BIN = zeroBin(HISTOGRAM);
// Bars in the positive colour; the bin at 0 in the ink's contrast colour, so the pile of exact zeros stands out.
// Mini-batch gradients jump from step to step; ten points show the trend and still follow a change within a second.
export const SMOOTHING_ROWS = 10;

// Cividis's dark end vanishes on a dark plane: there the scale starts part-way up.
const SEQUENTIAL_START = { light: 0, dark: 0.45 };

export function layerSeries(count, palette = THEMES.light) {
  const start = palette === THEMES.dark ? SEQUENTIAL_START.dark : SEQUENTIAL_START.light;
  return Array.from({ length: count }, (_, l) => ({
    label: l === count - 1 ? 'output' : `layer ${l + 1}`,
    color: cssColor(sequentialColor(start + (1 - start) * (count > 1 ? l / (count - 1) : 0))),
  }));
}

function sameCounts(a, b) {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createDiagnosticsView(container) {
  const chartHost = el('div', { class: 'diag-chart' });
  // Narrow containers show each row as a card (styles.css): data-label names the cell there.
  const COLUMNS = [
    { label: 'Layer' }, { label: 'Dead units', cell: 'col-dead' }, { label: 'Sparsity', cell: 'col-sparsity' },
    { label: 'Activations', cell: 'col-hist' }, { label: 'PReLU slope', cell: 'col-prelu' },
  ];
  const table = el('table', { class: 'diag-table no-prelu', 'aria-describedby': uid('diag') },
    el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col', class: c.cell, text: c.label })))));
  const note = el('p', {
    id: table.getAttribute('aria-describedby'), class: 'small',
    text: `Per layer, from the last full pass over the training data. Activations: each layer's outputs in ${HISTOGRAM.bins} bins over [${HISTOGRAM.min}, ${HISTOGRAM.max}] (values beyond go to the end bins); the dark bar is the bin at 0, where a ReLU's exact zeros pile up.`,
  });
  const body = el('tbody');
  table.append(body);
  const zeroNote = el('p', { class: 'small zero-gradients', 'aria-live': 'polite', hidden: true });
  container.append(chartHost, zeroNote, note, el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Per-layer diagnostics (scrolls sideways)' }, table));
  const gradients = createLineChart(chartHost, { title: 'Gradient norm per layer (log scale)', series: layerSeries(1), log: true, height: 200 });
  // The companion chart: how far each step moves a layer's weights, relative to their size.
  const updates = createLineChart(chartHost, { title: 'Update-to-weight ratio ‖ΔW‖ / ‖W‖ per layer (log scale)', series: layerSeries(1), log: true, height: 160 });
  updates.element.classList.add('chart-update-ratio');
  const smoothId = uid('smooth');
  const smoothBox = el('input', { type: 'checkbox', id: smoothId });
  chartHost.prepend(el('span', { class: 'check diag-smooth' }, smoothBox,
    el('label', { for: smoothId, text: `Smooth the charts (moving average of ${SMOOTHING_ROWS})` })));
  const cell = (index, ...children) => el('td', { class: COLUMNS[index].cell, 'data-label': COLUMNS[index].label }, ...children);
  let rows = [];
  let palette = THEMES.light;

  function buildRows(layers) {
    body.replaceChildren();
    rows = layers.map((layer, l) => {
      const name = l === layers.length - 1 ? 'output' : `${l + 1}`;
      const dead = cell(1);
      const sparsityBar = el('span', { class: 'bar-fill' });
      const sparsityText = el('span', { class: 'bar-text' });
      const histogram = el('canvas', { class: 'histogram', role: 'img', 'aria-label': `Activations of layer ${name}` });
      const slopes = cell(4);
      body.append(el('tr', {},
        el('th', { scope: 'row', text: `${name} · ${layer.units} ${layer.activation ?? ''}` }),
        dead,
        cell(2, el('span', { class: 'bar' }, sparsityBar), sparsityText),
        cell(3, histogram),
        slopes));
      return { name, dead, sparsityBar, sparsityText, histogram, slopes, last: {} };
    });
  }

  function setText(row, key, node, text) {
    if (row.last[key] !== text) {
      row.last[key] = text;
      node.textContent = text;
    }
  }

  function drawHistogram(canvas, counts, layerName) {
    const context = sizeCanvas(canvas, HIST_WIDTH, HIST_HEIGHT);
    const { heights, total } = normaliseHistogram(counts);
    context.clearRect(0, 0, HIST_WIDTH, HIST_HEIGHT);
    context.fillStyle = cssColor(palette.histogram);
    context.fillRect(0, 0, HIST_WIDTH, HIST_BARS);
    heights.forEach((h, i) => {
      if (!(h > 0)) return;
      // Any non-empty bin shows at least 1 px, so a thin tail is still seen.
      const height = Math.max(1, Math.round(h * (HIST_BARS - 2)));
      context.fillStyle = cssColor(i === ZERO_BIN ? palette.zeroBar : palette.positive);
      context.fillRect(HIST_PAD + i * BAR_PITCH, HIST_BARS - height, BAR_PITCH - 1, height);
    });
    context.fillStyle = cssColor(palette.histogramAxis);
    context.fillRect(0, HIST_BARS, HIST_WIDTH, 1);
    context.fillStyle = cssColor(palette.ink);
    context.font = '9px system-ui, sans-serif';
    context.textBaseline = 'bottom';
    const labelAt = (text, bin, align) => {
      context.textAlign = align;
      context.fillText(text, HIST_PAD + bin * BAR_PITCH, HIST_HEIGHT);
    };
    labelAt(String(HISTOGRAM.min), 0, 'left');
    labelAt('0', ZERO_BIN + 0.5, 'center');
    labelAt(String(HISTOGRAM.max), HISTOGRAM.bins, 'right');
    const label = histogramLabel(counts, HISTOGRAM, layerName);
    canvas.setAttribute('aria-label', label);
    canvas.title = label;
    canvas.dataset.total = String(total);
  }

  /** New per-layer values: the snapshot's `layers`. */
  function updateLayers(layers) {
    if (rows.length !== layers.length) buildRows(layers);
    // The PReLU column only when a layer learns slopes.
    table.classList.toggle('no-prelu', !layers.some((layer) => layer.preluSlopes?.length));
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
        drawHistogram(row.histogram, layer.histogram, row.name);
      }
      const slopes = summariseSlopes(layer.preluSlopes);
      const slopeText = !slopes ? '–' : slopes.count === 1 ? formatValue(slopes.mean)
        : `${formatValue(slopes.min)} … ${formatValue(slopes.max)} (mean ${formatValue(slopes.mean)})`;
      setText(row, 'slopes', row.slopes, slopeText);
    });
  }

  /**
   * Gradient norms over time: uPlot data [steps, layer0, layer1, ...], and
   * the layers whose gradient is exactly 0 now (their lines break: a log axis has no 0).
   */
  function updateGradients(data, zeroLayers = [], updateRatios = null) {
    const layers = data.length - 1;
    if (layers !== gradients.seriesCount && layers > 0) gradients.setSeries(layerSeries(layers, palette));
    gradients.setData(data);
    if (updateRatios) {
      if (layers !== updates.seriesCount && layers > 0) updates.setSeries(layerSeries(layers));
      updates.setData(updateRatios);
    }
    const names = zeroLayers.map((l) => (l === layers - 1 ? 'output' : `layer ${l + 1}`));
    const text = names.length
      ? `Weight gradient exactly 0 in the last mini-batch: ${names.join(', ')}. Those weights do not move (units that output 0 pass no gradient); a log axis cannot show 0, so the line breaks.`
      : '';
    zeroNote.hidden = !text;
    if (zeroNote.textContent !== text) zeroNote.textContent = text;
  }

  return {
    updateLayers,
    updateGradients,
    gradientCanvas: () => gradients.canvas(),
    relayout: () => { gradients.relayout(); updates.relayout(); },
    /** light or dark: the histograms and the chart are drawn again in the theme's colours. */
    setTheme(theme) {
      if (paletteFor(theme) === palette) return;
      palette = paletteFor(theme);
      for (const chart of [gradients, updates]) {
        chart.setTheme(theme);
        chart.setSeries(layerSeries(chart.seriesCount, palette));
      }
      for (const row of rows) if (row.last.histogram !== undefined) drawHistogram(row.histogram, row.last.histogram, row.name);
    },
    updateRatioCanvas: () => updates.canvas(),
    /** The moving-average window the user chose for the gradient charts: 1 (off) or SMOOTHING_ROWS. */
    smoothing: () => (smoothBox.checked ? SMOOTHING_ROWS : 1),
    onSmoothingChange(listener) { smoothBox.addEventListener('change', listener); },
    destroy() {
      gradients.destroy();
      updates.destroy();
      container.replaceChildren();
    },
  };
}
