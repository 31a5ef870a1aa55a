// The lesson figures as Vega-Lite specifications, rendered to SVG by Vega
// under Node (no browser, no DOM); raster.mjs turns the SVG into a PNG.
// The helpers below only describe what each lesson draws; axes, ticks,
// scales, legends and layout are Vega-Lite's.
//
// chart({title, width, height, x: axis, y: axis, series, legend})
//   axis:   {label, log?, min?, max?, ticks?: [values], tickLabels?: [strings]}
//   series: {name?, color, kind: 'line'|'points'|'band'|'bars', points: [[x, y]],
//            band (kind 'band'): [[x, lo, hi]], dash?, markers?, radius?, jitter?, barWidth?}
// heatmap({title, rows, cols, values[r][c] in [0, 1], rowLabel, colLabel, format})
// decisionMap({title, grid, n, points, scale}): a network's output over the plane
// panels([figure...], {columns, title}): several of the above in one figure
// toSvg(figure): the SVG string of a figure
//
// width and height are the whole figure's, axes and legend included, as the
// PNG sizes in docs/lessons were chosen that way.

import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export const PALETTE = Object.freeze({
  relu: '#d95f02', leaky: '#1b9e77', prelu: '#7570b3', sigmoid: '#e7298a', tanh: '#66a61e',
  gelu: '#e6ab02', elu: '#a6761d', linear: '#666666', he: '#d95f02', xavier: '#1f78b4',
  playground: '#33a02c', zeros: '#999999',
});

const FONT = 'DejaVu Sans, Arial, sans-serif';

// Without a canvas, Vega guesses text widths at 0.8 em a character, which
// lays titles and legends out far too wide. Widths in em of DejaVu Sans (the
// font Chromium rasterises with here), by character class, are close enough.
const NARROW = /[il.,:;|!'`\s]/;
const SLIM = /[fjrtI()[\]{}\-\/]/;
const WIDE = /[mwMW@%]/;
function emWidth(character) {
  if (NARROW.test(character)) return 0.3;
  if (SLIM.test(character)) return 0.4;
  if (WIDE.test(character)) return 0.9;
  if (/[A-Z]/.test(character)) return 0.7;
  return 0.62;
}
vega.textMetrics.width = (item, text) => {
  const size = vega.fontSize(item);
  const bold = /bold|[6-9]00/.test(String(item.fontWeight ?? ''));
  const value = Array.isArray(text ?? item.text) ? (text ?? item.text).join(' ') : String(text ?? item.text ?? '');
  return [...value].reduce((width, character) => width + emWidth(character), 0) * size * (bold ? 1.15 : 1);
};
const CONFIG = {
  font: FONT,
  view: { stroke: '#999' },
  axis: { labelFontSize: 13, titleFontSize: 13, titleFontWeight: 'normal', gridColor: '#e8e8e8', domainColor: '#999', tickColor: '#999' },
  legend: { labelFontSize: 13, symbolStrokeWidth: 2 },
  title: { fontSize: 14, anchor: 'middle', offset: 8 },
  concat: { spacing: 24 },
};
// Room the axes, titles and legend take out of a chart's width and height.
const AXIS_WIDTH = 80;
const AXIS_HEIGHT = 70;
const LEGEND_ROW = 18;

// Tick labels: plain numbers, and powers of ten as 1e-5 (d3-format through Vega's expressions).
const NUMBER_LABEL = "abs(datum.value) >= 1e4 || (datum.value != 0 && abs(datum.value) < 1e-3)"
  + " ? format(datum.value, '.1~e') : format(datum.value, '.4~g')";

/** Powers of ten over [min, max] (min > 0), thinned to at most 8. */
export function logTicks(min, max) {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const every = Math.max(1, Math.ceil((high - low + 1) / 8));
  const ticks = [];
  for (let e = low; e <= high; e += every) ticks.push(10 ** e);
  return ticks;
}

function extent(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
}

// The scale and axis of one position channel. A log axis without fixed ends
// runs from power of ten to power of ten, so every tick is a labelled decade.
function positionScale(axis, dataValues) {
  const [dataMin, dataMax] = extent(axis.log ? dataValues.filter((v) => v > 0) : dataValues);
  const scale = axis.log ? { type: 'log' } : { type: 'linear', zero: false };
  const guide = { title: axis.label || null, grid: true, labelExpr: NUMBER_LABEL, labelFlush: false };
  let domain;
  if (axis.log) {
    let min = axis.min ?? dataMin;
    let max = axis.max ?? dataMax;
    if (!(max > min)) max = min * 10;
    const ticks = axis.ticks ?? logTicks(min, max);
    if (axis.min === undefined) min = Math.min(min, ticks[0]);
    if (axis.max === undefined) max = Math.max(max, ticks[ticks.length - 1]);
    domain = [min, max];
    Object.assign(scale, { domain, nice: false });
    guide.values = ticks.filter((t) => t >= min * 0.999 && t <= max * 1.001);
  } else {
    if (axis.min !== undefined) scale.domainMin = axis.min;
    if (axis.max !== undefined) scale.domainMax = axis.max;
    // An open end goes out to the next of about six round ticks.
    scale.nice = axis.min === undefined || axis.max === undefined ? 6 : false;
    domain = [axis.min ?? dataMin, axis.max ?? dataMax];
    // About six ticks, as Vega's default of ten crowds these small charts (Vega thins given values too, so only here).
    if (axis.ticks) guide.values = axis.ticks;
    else guide.tickCount = 6;
  }
  if (axis.tickLabels) {
    // Named ticks (categories placed on a numeric axis): one label per tick value.
    guide.labelExpr = axis.ticks.reduceRight((rest, tick, i) => `datum.value == ${tick} ? ${JSON.stringify(axis.tickLabels[i])} : ${rest}`, "''");
    guide.grid = false;
  }
  return { scale, axis: guide, domain, log: Boolean(axis.log) };
}

// A deterministic spread for points that share an x (seeds in a strip plot),
// `pixels` wide at a plot `plotWidth` wide.
function jittered(x, i, pixels, X, plotWidth) {
  const offset = (((i * 0.618034) % 1) - 0.5) * pixels / plotWidth;
  const [low, high] = X.domain;
  return X.log ? x * (high / low) ** offset : x + offset * (high - low);
}

const dashArray = (dash) => (dash ? dash.split(/[\s,]+/).map(Number) : []);

// As many legend columns as the widest entry allows across the chart.
function legendColumns(named, width) {
  const widest = Math.max(...named.map((s) => 40 + 7 * String(s.name).length));
  return Math.max(1, Math.min(named.length, Math.floor(width / widest)));
}

/** An x-y chart: lines (with markers), points, min-max bands and bars, on linear or log axes. */
export function chart({ title, width = 640, height = 400, x, y, series, legend = true }) {
  const named = legend ? series.filter((s) => s.name) : [];
  const plotWidth = width - AXIS_WIDTH;
  const columns = named.length ? legendColumns(named, width - 20) : 0;
  const legendRows = named.length ? Math.ceil(named.length / columns) : 0;
  const plotHeight = height - AXIS_HEIGHT - (title ? 24 : 0) - legendRows * LEGEND_ROW - (legendRows ? 8 : 0);

  const xValues = series.flatMap((s) => (s.band ?? s.points ?? []).map((p) => p[0]));
  const yValues = series.flatMap((s) => (s.band ? s.band.flatMap((p) => [p[1], p[2]]) : s.points.map((p) => p[1])));
  const X = positionScale(x, xValues);
  const Y = positionScale(y, yValues);
  const xEncoding = { field: 'x', type: 'quantitative', scale: X.scale, axis: X.axis };
  const yEncoding = { field: 'y', type: 'quantitative', scale: Y.scale, axis: Y.axis };

  // Named series share one colour-and-dash scale, which makes the legend;
  // unnamed ones (bands, extra points) take their colour directly.
  const colorScale = { domain: named.map((s) => s.name), range: named.map((s) => s.color ?? '#333') };
  const dashScale = { domain: named.map((s) => s.name), range: named.map((s) => dashArray(s.dash)) };
  // Lines show as a stroke (with its dash) in the legend, everything else as a square.
  const symbolType = named.every((s) => s.kind === 'line') ? 'stroke' : 'square';
  const legendSpec = { orient: 'bottom', direction: 'horizontal', title: null, columns, symbolType, columnPadding: 16 };
  const styleOf = (s) => (named.includes(s)
    ? { color: { field: 'series', type: 'nominal', scale: colorScale, legend: legendSpec } }
    : { color: { value: s.color ?? '#333' } });

  const layers = series.map((s) => {
    const name = s.name ?? '';
    if (s.kind === 'band') {
      const values = s.band.filter((p) => p.every(Number.isFinite)).map(([bx, lo, hi]) => ({ x: bx, y: lo, y2: hi, series: name }));
      return {
        data: { values },
        mark: { type: 'area', opacity: 0.18, color: s.color ?? '#333' },
        encoding: { x: xEncoding, y: yEncoding, y2: { field: 'y2' } },
      };
    }
    const valid = s.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
    const values = valid.map(([px, py], i) => ({
      x: s.jitter ? jittered(px, i, s.jitter, X, plotWidth) : px, y: py, series: name,
    }));
    const encoding = { x: xEncoding, y: yEncoding, ...styleOf(s) };
    if (s.kind === 'bars') {
      return { data: { values }, mark: { type: 'bar', width: s.barWidth ?? 12 }, encoding: { ...encoding, y2: { datum: 0 } } };
    }
    const radius = s.radius ?? 3;
    const circle = { type: 'circle', size: Math.PI * radius * radius, opacity: s.opacity ?? 0.75 };
    if (s.kind === 'points') return { data: { values }, mark: circle, encoding };
    if (named.includes(s)) encoding.strokeDash = { field: 'series', type: 'nominal', scale: dashScale, legend: legendSpec };
    else if (s.dash) Object.assign(encoding, { strokeDash: { value: dashArray(s.dash) } });
    return {
      data: { values },
      mark: { type: 'line', strokeWidth: 2, point: s.markers ? { filled: true, size: 30, opacity: 1 } : false },
      encoding,
    };
  });
  return { ...(title ? { title } : {}), width: plotWidth, height: plotHeight, layer: layers };
}

/** A table of values in [0, 1] drawn as coloured cells with their numbers. */
export function heatmap({ title, rows, cols, values, rowLabel, colLabel, format = (v) => v.toFixed(2), cell = 64 }) {
  const cells = rows.flatMap((row, i) => cols.map((col, j) => ({ row, col, v: values[i][j], label: format(values[i][j]) })));
  const band = { paddingInner: 0, paddingOuter: 0 };
  return {
    ...(title ? { title } : {}),
    width: cols.length * cell,
    height: rows.length * cell * 0.6,
    data: { values: cells },
    encoding: {
      x: { field: 'col', type: 'ordinal', sort: cols, scale: band, axis: { orient: 'top', title: colLabel, labelAngle: 0, ticks: false, domain: false } },
      y: { field: 'row', type: 'ordinal', sort: rows, scale: band, axis: { title: rowLabel, ticks: false, domain: false } },
    },
    layer: [
      {
        // White through orange to dark red: probabilities 0 to 1.
        mark: { type: 'rect', stroke: '#fff' },
        encoding: {
          color: {
            field: 'v', type: 'quantitative', legend: null,
            scale: { domain: [0, 1 / 3, 2 / 3, 1], range: ['#ffffff', '#fdae61', '#d73027', '#67000d'], interpolate: 'rgb' },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: { text: { field: 'label' }, color: { condition: { test: 'datum.v > 0.6', value: '#fff' }, value: '#000' } },
      },
    ],
    view: { stroke: null },
  };
}

/**
 * The network's output over the input plane with the training points on top:
 * grid is n x n (row 0 at the top) of values mapped to [0, 1] by `scale`;
 * points are [x1, x2, label] in [-domain, domain]^2, labels 0/1.
 */
export function decisionMap({ title, grid, n, points = [], domain = 6, size = 220, scale = (v) => v }) {
  const step = (2 * domain) / n;
  const cells = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const left = -domain + c * step;
      const top = domain - r * step;
      cells.push({ x: left, x2: left + step, y: top - step, y2: top, t: Math.min(1, Math.max(0, scale(grid[r * n + c]))) });
    }
  }
  const plane = { type: 'quantitative', scale: { domain: [-domain, domain], nice: false, zero: false }, axis: null };
  // Blue (negative class / low) through white to orange (positive / high), at three quarters strength.
  const shade = { domain: [0, 0.5, 1], range: ['rgb(87,154,199)', '#ffffff', 'rgb(236,137,65)'], interpolate: 'rgb' };
  return {
    ...(title ? { title: { text: title, fontSize: 13, fontWeight: 'normal' } } : {}),
    width: size,
    height: size,
    layer: [
      {
        data: { values: cells },
        // The stroke in the cell's own colour closes the hairline seams between cells.
        mark: { type: 'rect', strokeWidth: 0.4 },
        encoding: {
          x: { field: 'x', ...plane }, x2: { field: 'x2' }, y: { field: 'y', ...plane }, y2: { field: 'y2' },
          color: { field: 't', type: 'quantitative', scale: shade, legend: null },
          stroke: { field: 't', type: 'quantitative', scale: shade, legend: null },
        },
      },
      {
        data: { values: points.map(([x1, x2, label]) => ({ x: x1, y: x2, label: label > 0.5 ? 1 : 0 })) },
        mark: { type: 'circle', size: 16, opacity: 1, stroke: '#fff', strokeWidth: 0.6 },
        encoding: {
          x: { field: 'x', ...plane }, y: { field: 'y', ...plane },
          fill: { field: 'label', type: 'nominal', scale: { domain: [0, 1], range: ['#1f78b4', '#e66101'] }, legend: null },
        },
      },
    ],
  };
}

/** Figures laid out left to right, `columns` per row, as one figure; an optional title on top. */
export function panels(figures, { columns = figures.length, title } = {}) {
  // Each panel keeps its own scales and legend: a colour means what its own legend says.
  const own = Object.fromEntries(['x', 'y', 'color', 'fill', 'stroke', 'strokeDash'].map((channel) => [channel, 'independent']));
  const head = { resolve: { scale: own, legend: own }, ...(title ? { title: { text: title, fontSize: 15, offset: 14 } } : {}) };
  if (columns >= figures.length) return { ...head, hconcat: figures };
  if (columns === 1) return { ...head, vconcat: figures };
  return { ...head, columns, concat: figures };
}

/** The SVG of a figure (an SVG string with width and height attributes). */
export async function toSvg(figure) {
  const spec = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: '#ffffff', padding: 8, config: CONFIG, ...figure };
  // Vega-Lite's warnings (unioned legends and the like) are notes on the spec, not faults in a figure.
  const compiled = vegaLite.compile(spec, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
