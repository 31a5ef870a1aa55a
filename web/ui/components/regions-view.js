// The "Regions" part of the output plot: the first layer's on/off lines over
// the plane (a canvas slipped between the heatmap and the points), the number
// of linear regions under the plot, and a small chart of that number over
// training. The plane's colouring by region is the boundary view's
// (update's regionIds); this view draws the rest and knows nothing of the model.

import { DOMAIN } from '../../shared/protocol.js';
import { clipLine } from '../../shared/region-lines.js';
import { THEMES, paletteFor, cssColor } from '../colors.js';
import { el, sizeCanvas } from '../dom.js';
import { createLineChart } from './line-chart.js';
import { RegionCountHistory, regionsCaption, regionsHint } from '../regions.js';

/** stack: the boundary view's canvas stack; host: where the caption and chart go. */
export function createRegionsView(stack, host) {
  const lines = el('canvas', { class: 'regions-lines', 'aria-hidden': 'true', width: 1, height: 1 });
  stack.insertBefore(lines, stack.lastElementChild); // under the points and axes
  const caption = el('p', { class: 'regions-count small', role: 'status', 'aria-live': 'polite' });
  const hint = el('p', { class: 'regions-hint small' });
  const box = el('div', { class: 'regions-panel' }, caption, hint);
  host.append(box);
  let palette = THEMES.light;
  const series = (p) => [{ label: 'regions', color: cssColor(p.positive) }];
  const chart = createLineChart(box, { title: 'Regions over training', series: series(palette), height: 120 });
  chart.element.classList.add('chart-regions');
  const history = new RegionCountHistory();
  let enabled = false;
  let last = null; // {lines, step}

  function drawLines(flat) {
    const size = stack.lastElementChild.clientWidth || stack.clientWidth;
    const context = sizeCanvas(lines, size, size);
    context.clearRect(0, 0, size, size);
    if (!enabled || !flat) return;
    const toX = (x1) => ((x1 + DOMAIN) / (2 * DOMAIN)) * size;
    const toY = (x2) => size - ((x2 + DOMAIN) / (2 * DOMAIN)) * size;
    context.strokeStyle = cssColor(palette.ink, 0.75);
    context.lineWidth = 1.25;
    context.setLineDash([5, 3]);
    for (let u = 0; u + 2 < flat.length; u += 3) {
      const segment = clipLine(flat[u], flat[u + 1], flat[u + 2], DOMAIN);
      if (!segment) continue;
      context.beginPath();
      context.moveTo(toX(segment[0]), toY(segment[1]));
      context.lineTo(toX(segment[2]), toY(segment[3]));
      context.stroke();
    }
  }

  function setEnabled(next) {
    const wasEnabled = enabled;
    enabled = next;
    box.hidden = !enabled;
    lines.hidden = !enabled;
    if (!enabled) {
      caption.textContent = '';
      delete caption.dataset.count;
    }
    // Built while hidden, uPlot laid its axes out at no size: build it again now it shows.
    if (enabled && !wasEnabled) chart.setSeries(series(palette));
    drawLines(last?.lines ?? null);
  }
  setEnabled(false);

  return {
    setEnabled,
    get enabled() { return enabled; },
    /** A snapshot's regions ({count, ids, error?, lines}) at `step`. */
    update(regions, step) {
      if (!enabled || !regions) return;
      caption.textContent = regionsCaption(regions);
      hint.textContent = regionsHint(regions);
      caption.dataset.count = regions.error ? '' : String(regions.count);
      caption.classList.toggle('is-error', Boolean(regions.error));
      if (!regions.error) {
        history.push(step, regions.count);
        chart.setData(history.series());
      }
      last = { lines: regions.error ? null : regions.lines, step };
      drawLines(last.lines);
    },
    /** A new network or data: the count's history starts over. */
    clear() {
      history.clear();
      chart.setData(history.series());
    },
    setTheme(theme) {
      palette = paletteFor(theme);
      chart.setTheme(theme);
      chart.setSeries(series(palette));
      drawLines(last?.lines ?? null);
    },
    relayout() {
      chart.relayout();
      drawLines(last?.lines ?? null);
    },
    canvas: () => chart.canvas(),
    destroy() {
      chart.destroy();
      lines.remove();
      box.remove();
    },
  };
}
