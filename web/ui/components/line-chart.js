// A small time-series chart (uPlot) that fits its container's width.
// Data arrive as uPlot's aligned arrays [xs, ys1, ys2, ...]; the chart only
// redraws when given new data.

import uPlot from 'uplot';
import { el } from '../dom.js';
import { logRange, logAxisOptions } from '../chart-data.js';

const DEFAULT_HEIGHT = 150;
const X_AXIS_SIZE = 34;
const X_LABEL_SIZE = 14;

/**
 * options: {title, xLabel, series: [{label, color, dash?}], log?: boolean, yRange?: [min, max], height?: px}
 */
export function createLineChart(container, options) {
  const figure = el('figure', { class: 'chart' }, el('figcaption', { class: 'chart-title', text: options.title }));
  const host = el('div', { class: 'chart-host' });
  figure.append(host);
  container.append(figure);
  let plot = null;
  let seriesCount = options.series.length;
  const height = options.height ?? DEFAULT_HEIGHT;

  function build(series) {
    if (plot) plot.destroy();
    seriesCount = series.length;
    const yScale = options.log
      ? { distr: 3, log: 10, range: (u, min, max) => logRange(min, max) }
      : { auto: !options.yRange, range: options.yRange };
    plot = new uPlot({
      width: Math.max(160, host.clientWidth || container.clientWidth || 300),
      height,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false }, y: yScale },
      axes: [
        { label: options.xLabel ?? 'step', size: X_AXIS_SIZE, labelSize: X_LABEL_SIZE, font: '10px system-ui', labelFont: '11px system-ui' },
        options.log
          ? { size: 46, font: '10px system-ui', ...logAxisOptions(height - X_AXIS_SIZE - X_LABEL_SIZE) }
          : { size: 46, font: '10px system-ui' },
      ],
      series: [
        { label: options.xLabel ?? 'step' },
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash, spanGaps: false, points: { show: false } })),
      ],
    }, [[], ...series.map(() => [])], host);
  }

  build(options.series);

  const observer = new ResizeObserver(() => {
    const width = Math.max(160, host.clientWidth || 300);
    if (plot && Math.abs(plot.width - width) > 1) plot.setSize({ width, height });
  });
  observer.observe(host);

  return {
    element: figure,
    /** Replaces the series (e.g. a new network has a different layer count). */
    setSeries(series) {
      build(series);
    },
    get seriesCount() {
      return seriesCount;
    },
    setData(data) {
      plot.setData(data);
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
