// Small SVG charts for the lesson plots: no dependencies, so the plots can be
// regenerated anywhere the repository builds. raster.mjs turns them into PNGs.
//
// chart({title, width, height, x: axis, y: axis, series, legend})
//   axis:   {label, log?, min?, max?, ticks?: [values], tickLabels?: [strings]}
//   series: {name?, color, kind: 'line'|'points'|'band'|'bars', points: [[x, y]],
//            band (kind 'band'): [[x, lo, hi]], dash?, markers?, radius?, jitter?, barWidth?}
// heatmap({title, rows, cols, values[r][c] in [0, 1], rowLabel, colLabel, format})
// decisionMap({title, grid, n, points, scale}): a network's output over the plane
// panels([svg...], {columns, title}): several of the above in one SVG

export const PALETTE = Object.freeze({
  relu: '#d95f02', leaky: '#1b9e77', prelu: '#7570b3', sigmoid: '#e7298a', tanh: '#66a61e',
  gelu: '#e6ab02', elu: '#a6761d', linear: '#666666', he: '#d95f02', xavier: '#1f78b4',
  playground: '#33a02c', zeros: '#999999',
});

const FONT = 'font-family="DejaVu Sans, Arial, sans-serif"';
const esc = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Tick step for a linear axis: a round number giving 4-8 ticks over [min, max]. */
export function tickStep(min, max) {
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => (max - min) / s <= 7);
}

/** Round-number ticks from `min` to `max` (both included when they are multiples of the step). */
export function niceTicks(min, max, step = tickStep(min, max)) {
  if (!(max > min)) return [min];
  const ticks = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Powers of ten over [min, max] (min > 0), thinned to at most 8. */
export function logTicks(min, max) {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const every = Math.max(1, Math.ceil((high - low + 1) / 8));
  const ticks = [];
  for (let e = low; e <= high; e += every) ticks.push(10 ** e);
  return ticks;
}

export function formatTick(value) {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) {
    const exponent = Math.round(Math.log10(abs));
    if (Math.abs(abs - 10 ** exponent) < 1e-9 * abs) return `${value < 0 ? '-' : ''}1e${exponent}`;
    return value.toExponential(1);
  }
  return String(Number(value.toPrecision(4)));
}

function extent(series, pick) {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const p of s.points ?? []) for (const v of pick(p, false)) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
    for (const p of s.band ?? []) for (const v of pick(p, true)) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  }
  return [min, max];
}

function makeScale(axis, dataMin, dataMax, from, to) {
  let min = axis.min ?? dataMin;
  let max = axis.max ?? dataMax;
  if (axis.log) {
    if (!(min > 0)) min = max > 0 ? max / 1e3 : 1e-3;
    if (!(max > min)) max = min * 10;
    const ticks = axis.ticks ?? logTicks(min, max);
    if (axis.min === undefined) min = Math.min(min, ticks[0]);
    if (axis.max === undefined) max = Math.max(max, ticks[ticks.length - 1]);
    const a = Math.log10(min);
    const b = Math.log10(max);
    const map = (v) => from + ((Math.log10(Math.max(v, min)) - a) / (b - a)) * (to - from);
    return { map, ticks: ticks.filter((t) => t >= min * 0.999 && t <= max * 1.001), min, max };
  }
  if (!(max > min)) { min -= 0.5; max += 0.5; }
  // An automatic end of the axis goes out to the next round number.
  const step = tickStep(min, max);
  if (axis.min === undefined) min = Math.floor(min / step + 1e-9) * step;
  if (axis.max === undefined) max = Math.ceil(max / step - 1e-9) * step;
  const ticks = axis.ticks ?? niceTicks(min, max, step);
  const map = (v) => from + ((v - min) / (max - min)) * (to - from);
  return { map, ticks: ticks.filter((t) => t >= min - 1e-9 && t <= max + 1e-9), min, max };
}

// A deterministic spread for points that share an x (seeds in a strip plot).
const jitterOf = (i) => ((i * 0.618034) % 1) - 0.5;

function drawSeries(s, sx, sy, plotBottom) {
  const parts = [];
  const color = s.color ?? '#333';
  if (s.kind === 'band') {
    const valid = s.band.filter(([x, lo, hi]) => [x, lo, hi].every(Number.isFinite));
    if (valid.length > 1) {
      const upper = valid.map(([x, , hi]) => `${sx(x).toFixed(1)},${sy(hi).toFixed(1)}`);
      const lower = valid.slice().reverse().map(([x, lo]) => `${sx(x).toFixed(1)},${sy(lo).toFixed(1)}`);
      parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    }
    return parts.join('');
  }
  const valid = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (s.kind === 'bars') {
    const width = s.barWidth ?? 12;
    for (const [x, y] of valid) {
      const top = sy(y);
      parts.push(`<rect x="${(sx(x) - width / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${width}" height="${Math.max(0, plotBottom - top).toFixed(1)}" fill="${color}"/>`);
    }
    return parts.join('');
  }
  if (s.kind === 'line') {
    const d = valid.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
  }
  if (s.kind === 'points' || s.markers) {
    const r = s.radius ?? 3;
    valid.forEach(([x, y], i) => {
      const cx = sx(x) + (s.jitter ? jitterOf(i) * s.jitter : 0);
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${sy(y).toFixed(1)}" r="${r}" fill="${color}" fill-opacity="${s.opacity ?? 0.75}"/>`);
    });
  }
  return parts.join('');
}

// Legend entries flow left to right and wrap; 8 px per character is enough for 12 px sans.
function layoutLegend(named, width) {
  const items = [];
  let dx = 0;
  let row = 0;
  for (const s of named) {
    const advance = 24 + 8 * String(s.name).length + 16;
    if (dx > 0 && dx + advance > width) { dx = 0; row++; }
    items.push({ s, dx, row });
    dx += advance;
  }
  return { items, rows: named.length ? row + 1 : 0 };
}

/** An x-y chart as an SVG string. */
export function chart({ title, width = 640, height = 400, x, y, series, legend = true }) {
  const margin = { left: 72, right: 16, top: title ? 36 : 12, bottom: 52 };
  const named = legend ? series.filter((s) => s.name) : [];
  const legendItems = layoutLegend(named, width - margin.left - margin.right);
  margin.bottom += legendItems.rows * 18;
  const [x0, x1] = extent(series, (p, band) => (band ? [p[0]] : [p[0]]));
  const [y0, y1] = extent(series, (p, band) => (band ? [p[1], p[2]] : [p[1]]));
  const plotBottom = height - margin.bottom;
  const X = makeScale(x, x0, x1, margin.left, width - margin.right);
  const Y = makeScale(y, y0, y1, plotBottom, margin.top);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`];
  if (title) out.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  Y.ticks.forEach((t) => {
    const py = Y.map(t).toFixed(1);
    out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${py}" y2="${py}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${margin.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(formatTick(t))}</text>`);
  });
  X.ticks.forEach((t, i) => {
    const px = X.map(t).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${margin.top}" y2="${plotBottom}" stroke="#f0f0f0"/>`);
    const label = x.tickLabels ? x.tickLabels[i] : formatTick(t);
    out.push(`<text x="${px}" y="${plotBottom + 16}" text-anchor="middle">${esc(label)}</text>`);
  });
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${width - margin.left - margin.right}" height="${plotBottom - margin.top}" fill="none" stroke="#999"/>`);
  for (const s of series) out.push(drawSeries(s, X.map, Y.map, plotBottom));
  out.push(`<text x="${(margin.left + width - margin.right) / 2}" y="${plotBottom + 36}" text-anchor="middle">${esc(x.label ?? '')}</text>`);
  out.push(`<text transform="translate(16 ${(margin.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle">${esc(y.label ?? '')}</text>`);
  legendItems.items.forEach(({ s, dx, row }) => {
    const lx = margin.left + dx;
    const ly = plotBottom + 56 + row * 18;
    const swatch = s.kind === 'line'
      ? `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`
      : `<rect x="${lx + 4}" y="${ly - 9}" width="10" height="10" fill="${s.color}" fill-opacity="${s.kind === 'band' ? 0.3 : 0.8}"/>`;
    out.push(`${swatch}<text x="${lx + 24}" y="${ly}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

const sizeOf = (svg) => [Number(/width="([\d.]+)"/.exec(svg)[1]), Number(/height="([\d.]+)"/.exec(svg)[1])];

/** SVGs laid out left to right, `columns` per row, as one SVG; an optional title on top. */
export function panels(svgs, { columns = svgs.length, title } = {}) {
  const top = title ? 30 : 0;
  const placed = [];
  let y = top;
  let width = 0;
  for (let start = 0; start < svgs.length; start += columns) {
    let x = 0;
    let rowHeight = 0;
    for (const svg of svgs.slice(start, start + columns)) {
      const [w, h] = sizeOf(svg);
      placed.push(`<g transform="translate(${x} ${y})">${svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '')}</g>`);
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    width = Math.max(width, x);
    y += rowHeight;
  }
  const head = title ? `<text x="${width / 2}" y="21" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>` : '';
  return [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" ${FONT}>`,
    `<rect width="${width}" height="${y}" fill="#fff"/>`, head, ...placed, '</svg>'].join('\n');
}

// White through orange to dark red: probabilities 0 to 1.
function heatColor(v) {
  const stops = [[255, 255, 255], [253, 174, 97], [215, 48, 39], [103, 0, 13]];
  const t = Math.min(1, Math.max(0, v)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(t));
  const f = t - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
  return `rgb(${c.join(',')})`;
}

/** A table of values in [0, 1] drawn as coloured cells with their numbers. */
export function heatmap({ title, rows, cols, values, rowLabel, colLabel, format = (v) => v.toFixed(2), cell = 64 }) {
  const left = 110;
  const top = title ? 64 : 36;
  const width = left + cols.length * cell + 20;
  const height = top + rows.length * (cell * 0.6) + 48;
  const h = cell * 0.6;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`];
  if (title) out.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(`<text x="${left + (cols.length * cell) / 2}" y="${top - 22}" text-anchor="middle">${esc(colLabel)}</text>`);
  cols.forEach((c, j) => out.push(`<text x="${left + j * cell + cell / 2}" y="${top - 6}" text-anchor="middle">${esc(c)}</text>`));
  out.push(`<text transform="translate(18 ${top + (rows.length * h) / 2}) rotate(-90)" text-anchor="middle">${esc(rowLabel)}</text>`);
  rows.forEach((r, i) => {
    out.push(`<text x="${left - 8}" y="${top + i * h + h / 2}" text-anchor="end" dominant-baseline="middle">${esc(r)}</text>`);
    cols.forEach((_, j) => {
      const v = values[i][j];
      out.push(`<rect x="${left + j * cell}" y="${top + i * h}" width="${cell}" height="${h}" fill="${heatColor(v)}" stroke="#fff"/>`);
      out.push(`<text x="${left + j * cell + cell / 2}" y="${top + i * h + h / 2}" text-anchor="middle" dominant-baseline="middle" fill="${v > 0.6 ? '#fff' : '#000'}">${esc(format(v))}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n');
}

// Blue (negative class / low) through white to orange (positive / high).
function divergingColor(t) {
  const a = [31, 120, 180];
  const b = [230, 97, 1];
  const u = Math.min(1, Math.max(0, t));
  const [from, f] = u < 0.5 ? [a, 1 - u * 2] : [b, u * 2 - 1];
  return `rgb(${from.map((c) => Math.round(255 + (c - 255) * f * 0.75)).join(',')})`;
}

/**
 * The network's output over the input plane with the training points on top:
 * grid is n x n (row 0 at the top) of values mapped to [0, 1] by `scale`;
 * points are [x1, x2, label] in [-domain, domain]^2, labels 0/1.
 */
export function decisionMap({ title, grid, n, points = [], domain = 6, size = 220, scale = (v) => v }) {
  const top = title ? 26 : 4;
  const cell = size / n;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${size + 8}" height="${size + top + 4}" viewBox="0 0 ${size + 8} ${size + top + 4}" ${FONT} font-size="12">`,
    `<rect width="${size + 8}" height="${size + top + 4}" fill="#fff"/>`];
  if (title) out.push(`<text x="${(size + 8) / 2}" y="17" text-anchor="middle" font-size="13">${esc(title)}</text>`);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      out.push(`<rect x="${(4 + c * cell).toFixed(2)}" y="${(top + r * cell).toFixed(2)}" width="${(cell + 0.3).toFixed(2)}" height="${(cell + 0.3).toFixed(2)}" fill="${divergingColor(scale(grid[r * n + c]))}"/>`);
    }
  }
  const px = (x) => 4 + ((x + domain) / (2 * domain)) * size;
  const py = (y) => top + ((domain - y) / (2 * domain)) * size;
  for (const [x1, x2, label] of points) {
    out.push(`<circle cx="${px(x1).toFixed(1)}" cy="${py(x2).toFixed(1)}" r="2.2" fill="${label > 0.5 ? '#e66101' : '#1f78b4'}" stroke="#fff" stroke-width="0.6"/>`);
  }
  out.push(`<rect x="4" y="${top}" width="${size}" height="${size}" fill="none" stroke="#999"/>`, '</svg>');
  return out.join('\n');
}
