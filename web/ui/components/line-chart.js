// A small time-series chart (uPlot) that fits its container's width.
// Data arrive as uPlot's aligned arrays [xs, ys1, ys2, ...]; the chart only
// redraws when given new data.

import uPlot from 'uplot';
import { el } from '../dom.js';
import { THEMES, paletteFor, cssColor } from '../colors.js';
import { logRange, logAxisOptions, WHOLE_NUMBER_INCREMENTS, chooseLogScale, positiveOrNull } from '../chart-data.js';

const DEFAULT_HEIGHT = 150;
const X_AXIS_SIZE = 34;
const X_LABEL_SIZE = 14;

/**
 * options: {title, xLabel, series: [{label, color, dash?, spanGaps?}], log?: boolean, yRange?: [min, max], height?: px,
 *   logAbove?: a linear chart turns logarithmic while its largest value exceeds this (a loss that explodes)}
 * Returns {element, setSeries, seriesCount, setData, setMarker, canvas, destroy}.
 */
export function createLineChart(container, options) {
  const title = el('figcaption', { class: 'chart-title', text: options.title });
  const figure = el('figure', { class: 'chart' }, title);
  const host = el('div', { class: 'chart-host' });
  figure.append(host);
  container.append(figure);
  let plot = null;
  let seriesCount = options.series.length;
  let series = options.series;
  let log = Boolean(options.log);
  // A view may ask for a shorter chart: --chart-height on the host (px; styles.css).
  const wantedHeight = () => Number.parseFloat(getComputedStyle(host).getPropertyValue('--chart-height')) || (options.height ?? DEFAULT_HEIGHT);
  let height = options.height ?? DEFAULT_HEIGHT;
  let palette = THEMES.light;
  let lastData = null;
  let markerX = null; // a vertical line at this x (the replay's step), or none
  const marker = el('div', { class: 'chart-marker', hidden: true });

  function placeMarker() {
    if (!plot) return;
    if (marker.parentNode !== plot.over) plot.over.append(marker);
    const left = markerX === null ? NaN : plot.valToPos(markerX, 'x');
    marker.hidden = !Number.isFinite(left);
    if (!marker.hidden) marker.style.left = `${left}px`;
  }

  function build() {
    if (plot) plot.destroy();
    height = wantedHeight();
    seriesCount = series.length;
    title.textContent = log && !options.log ? `${options.title} (log scale)` : options.title;
    const yScale = log
      ? { distr: 3, log: 10, range: (u, min, max) => logRange(min, max) }
      : { auto: !options.yRange, range: options.yRange };
    // Axis text and grid in the theme's colours (uPlot draws them on its canvas).
    const ink = cssColor(palette.ink);
    const grid = { stroke: cssColor(palette.chartGrid), width: 1 };
    const ticks = { stroke: cssColor(palette.chartGrid), width: 1 };
    plot = new uPlot({
      width: Math.max(160, host.clientWidth || container.clientWidth || 300),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false }, y: yScale },
      axes: [
        {
          stroke: ink, grid, ticks, label: options.xLabel ?? 'step', size: X_AXIS_SIZE, labelSize: X_LABEL_SIZE, font: '10px system-ui', labelFont: '11px system-ui',
          incrs: WHOLE_NUMBER_INCREMENTS, // steps are counted: no "0.5" ticks early in a run
        },
        log
          ? { stroke: ink, grid, ticks, size: 46, font: '10px system-ui', ...logAxisOptions(height - X_AXIS_SIZE - X_LABEL_SIZE) }
          : { stroke: ink, grid, ticks, size: 46, font: '10px system-ui' },
      ],
      series: [
        { label: options.xLabel ?? 'step' },
        // uPlot's default points show only while the data are sparse: a run of a few steps is still seen.
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash, spanGaps: s.spanGaps ?? false, points: { size: 4 } })),
      ],
    }, [[], ...series.map(() => [])], host);
    if (lastData && lastData.length === series.length + 1) plot.setData(lastData);
    placeMarker();
  }

  build();

  const observer = new ResizeObserver(() => {
    const width = Math.max(160, host.clientWidth || 300);
    if (plot && Math.abs(plot.width - width) > 1) plot.setSize({ width, height });
    placeMarker();
  });
  observer.observe(host);

  return {
    element: figure,
    /** Replaces the series (e.g. a new network has a different layer count). */
    setSeries(next) {
      series = next;
      build();
    },
    get seriesCount() {
      return seriesCount;
    },
    setData(data) {
      if (options.logAbove !== undefined) {
        const wanted = chooseLogScale(data, log, options.logAbove);
        if (wanted !== log) {
          log = wanted;
          build();
        }
      }
      // A log axis has no place for zero or less: gaps there.
      lastData = log && !options.log ? [data[0], ...data.slice(1).map(positiveOrNull)] : data;
      plot.setData(lastData);
      placeMarker();
    },
    /** A vertical line at `x` (the step the replay shows), or none with null. */
    setMarker(x) {
      markerX = x;
      placeMarker();
    },
    /** Builds the chart again when the height its view asks for changed. */
    relayout() {
      if (wantedHeight() !== height) build();
    },
    /** light or dark: the axes and grid are drawn again in the theme's colours. */
    setTheme(theme) {
      if (paletteFor(theme) === palette) return;
      palette = paletteFor(theme);
      build();
    },
    /** The chart's pixels, for the PNG export. */
    canvas() {
      return host.querySelector('canvas');
    },
    destroy() {
      observer.disconnect();
      plot?.destroy();
      figure.remove();
    },
  };
}
