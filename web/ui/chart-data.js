// The run's metrics over time, kept as columns ready for uPlot and for the
// CSV export. Pure: snapshots in, arrays out.
//
// Snapshots arrive once per frame; only those with a new step are kept, and
// when the history is full every other row is dropped (the first and the
// latest kept), so a long run keeps its whole shape in bounded memory.

const SCALAR_COLUMNS = Object.freeze([
  'step', 'epoch', 'learningRate', 'batchLoss', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy',
]);
const LAYER_COLUMNS = Object.freeze(['gradNorm', 'updateRatio', 'deadUnits', 'saturatedUnits', 'sparsity', 'weightNorm']);

export class MetricsHistory {
  constructor(maxRows = 1000) {
    this.maxRows = Math.max(4, maxRows);
    this.clear();
  }

  clear() {
    this.layerCount = 0;
    this.columns = Object.fromEntries(SCALAR_COLUMNS.map((name) => [name, []]));
    this.layerColumns = Object.fromEntries(LAYER_COLUMNS.map((name) => [name, []])); // [layer][row]
  }

  get length() {
    return this.columns.step.length;
  }

  /** Adds a snapshot's metrics; returns false when its step is already recorded. */
  push(snapshot) {
    const steps = this.columns.step;
    const layers = snapshot.layers ?? [];
    if (steps.length && snapshot.step <= steps[steps.length - 1]) {
      if (snapshot.step === steps[steps.length - 1]) return false;
      // The step went back: a reset or a new network (to step 0), or a
      // divergence that restored an earlier checkpoint. Rows from that step
      // on belong to an abandoned run; those before it still hold.
      this.truncateBefore(snapshot.step);
    }
    if (this.length && layers.length !== this.layerCount) this.clear();
    if (!this.length) {
      this.layerCount = layers.length;
      for (const name of LAYER_COLUMNS) this.layerColumns[name] = layers.map(() => []);
    }
    for (const name of SCALAR_COLUMNS) this.columns[name].push(snapshot[name]);
    for (const name of LAYER_COLUMNS) {
      this.layerColumns[name].forEach((column, l) => column.push(layers[l][name]));
    }
    if (this.length > this.maxRows) this.decimate();
    return true;
  }

  /**
   * The model is back at `step` (a divergence restored a checkpoint): rows
   * past it belong to an abandoned run. Any snapshot can say so, evaluated
   * or not.
   */
  rewindTo(step) {
    this.truncateBefore(step + 1);
  }

  /** Keeps only the rows whose step is below `step`. */
  truncateBefore(step) {
    const steps = this.columns.step;
    if (!steps.length || steps[steps.length - 1] < step) return; // the usual case, once a frame
    const keep = steps.findIndex((s) => s >= step);
    if (keep <= 0) {
      if (keep === 0) this.clear();
      return;
    }
    for (const name of SCALAR_COLUMNS) this.columns[name].length = keep;
    for (const name of LAYER_COLUMNS) this.layerColumns[name].forEach((column) => { column.length = keep; });
  }

  decimate() {
    const last = this.length - 1;
    const keep = (column) => column.filter((_, i) => i % 2 === 0 || i === last);
    for (const name of SCALAR_COLUMNS) this.columns[name] = keep(this.columns[name]);
    for (const name of LAYER_COLUMNS) this.layerColumns[name] = this.layerColumns[name].map(keep);
  }

  /** uPlot data for the loss chart: [steps, train, test]. */
  lossSeries() {
    return [this.columns.step.slice(), finiteOrNull(this.columns.trainLoss), finiteOrNull(this.columns.testLoss)];
  }

  /** uPlot data for the accuracy chart: [steps, train, test]. */
  accuracySeries() {
    return [this.columns.step.slice(), finiteOrNull(this.columns.trainAccuracy), finiteOrNull(this.columns.testAccuracy)];
  }

  /**
   * uPlot data for the gradient norms on a log axis: [steps, layer 0, layer 1, ...];
   * with `smoothing` > 1, each point is the moving average over that many rows.
   */
  gradientSeries(smoothing = 1) {
    return [this.columns.step.slice(), ...this.layerColumns.gradNorm.map((c) => positiveOrNull(movingAverage(c, smoothing)))];
  }

  /** The same for each layer's update-to-weight ratio ||delta W|| / ||W|| of the last step. */
  updateRatioSeries(smoothing = 1) {
    return [this.columns.step.slice(), ...this.layerColumns.updateRatio.map((c) => positiveOrNull(movingAverage(c, smoothing)))];
  }

  /**
   * Layers whose latest gradient norm is exactly 0 (by index): no signal
   * reaches them, and a log axis cannot show 0, so their lines break there.
   */
  zeroGradientLayers() {
    const last = this.length - 1;
    const zero = [];
    // Before the first step there is no gradient yet (the core reports 0).
    if (last < 0 || !(this.columns.step[last] > 0)) return zero;
    this.layerColumns.gradNorm.forEach((column, l) => { if (column[last] === 0) zero.push(l); });
    return zero;
  }

  /** Every column, for the CSV export: [{name, values}]. */
  csvColumns() {
    const columns = SCALAR_COLUMNS.map((name) => ({ name, values: this.columns[name] }));
    for (const name of LAYER_COLUMNS) {
      this.layerColumns[name].forEach((values, l) => columns.push({ name: `${name}_layer${l + 1}`, values }));
    }
    return columns;
  }
}

/**
 * The trailing moving average over `window` values, taken on the logarithm
 * (a geometric mean): these series span decades and are drawn on log axes,
 * where an arithmetic mean would be pulled up by each spike. Values that a
 * log axis cannot show (0, negative, non-finite) are left out of the window;
 * a point with nothing to average stays as it was.
 */
export function movingAverage(values, window) {
  if (!(window > 1)) return values.slice();
  const out = new Array(values.length);
  let sum = 0;
  let count = 0;
  const usable = (v) => Number.isFinite(v) && v > 0;
  for (let i = 0; i < values.length; i++) {
    if (usable(values[i])) { sum += Math.log(values[i]); count++; }
    const leaving = values[i - window];
    if (i >= window && usable(leaving)) { sum -= Math.log(leaving); count--; }
    out[i] = count > 0 && usable(values[i]) ? Math.exp(sum / count) : values[i];
  }
  return out;
}

/** Non-finite values become gaps (uPlot draws null as a break). */
export function finiteOrNull(values) {
  return values.map((v) => (Number.isFinite(v) ? v : null));
}

/** A log axis cannot show zero, negatives or non-finite values: gaps instead. */
export function positiveOrNull(values) {
  return values.map((v) => (Number.isFinite(v) && v > 0 ? v : null));
}

/**
 * Histogram counts as bar heights in [0, 1] relative to the largest bin, and
 * the fraction of samples per bin. Empty or missing input gives zeros.
 * Heights are square roots: a ReLU layer's spike of exact zeros would
 * otherwise flatten every other bin.
 */
export function normaliseHistogram(counts) {
  // The core hands over a Uint32Array, whose map() would truncate fractions to 0.
  const list = Array.from(counts ?? []);
  let max = 0;
  let total = 0;
  for (const c of list) { if (c > max) max = c; total += c; }
  return {
    heights: list.map((c) => (max > 0 ? Math.sqrt(c / max) : 0)),
    fractions: list.map((c) => (total > 0 ? c / total : 0)),
    total,
  };
}

/** The bin that holds 0 — where a ReLU layer's exact zeros pile up — in a fixed histogram {bins, min, max}. */
export function zeroBin({ bins, min, max }) {
  return Math.min(bins - 1, Math.max(0, Math.floor(((0 - min) / (max - min)) * bins)));
}

/** [from, to) of bin i, rounded for labels. */
export function binEdges(i, { bins, min, max }) {
  const width = (max - min) / bins;
  const round = (v) => Number(v.toFixed(6));
  return [round(min + i * width), round(min + (i + 1) * width)];
}

/**
 * The figures a histogram's tooltip states: the share of values in the zero
 * bin, below it and above it, and the tallest other bin (or null).
 */
export function summariseHistogram(counts, spec) {
  const { fractions, total } = normaliseHistogram(counts);
  const zero = zeroBin(spec);
  let below = 0;
  let above = 0;
  let peak = -1;
  fractions.forEach((f, i) => {
    if (i < zero) below += f;
    else if (i > zero) above += f;
    if (i !== zero && f > 0 && (peak < 0 || f > fractions[peak])) peak = i;
  });
  return {
    total, zeroBin: zero, zero: fractions[zero] ?? 0, below, above,
    peak: peak < 0 ? null : { bin: peak, edges: binEdges(peak, spec), share: fractions[peak] },
  };
}

const percent = (share) => `${Math.round(share * 100)}%`;

/** The tooltip and accessible name of a layer's activation histogram. */
export function histogramLabel(counts, spec, layerName) {
  const s = summariseHistogram(counts, spec);
  const title = `Activations of layer ${layerName}`;
  if (!s.total) return `${title}: no full pass over the data yet.`;
  const [from, to] = binEdges(s.zeroBin, spec);
  const peak = s.peak ? `; tallest other bin [${s.peak.edges[0]}, ${s.peak.edges[1]}) with ${percent(s.peak.share)}` : '';
  return `${title}: ${percent(s.zero)} in the bin at 0 [${from}, ${to}), ${percent(s.below)} below it, ${percent(s.above)} above it${peak}.`;
}

/** Smallest and largest, mean, of PReLU slopes (or null when none). */
export function summariseSlopes(slopes) {
  if (!slopes || !slopes.length) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const s of slopes) { if (s < min) min = s; if (s > max) max = s; sum += s; }
  return { min, max, mean: sum / slopes.length, count: slopes.length };
}

/** 10^e as the exact double of "1e<e>" (10 ** -4 is 0.00009999999999999999). */
function decade(e) {
  return Number(`1e${e}`);
}

/** The widest log axis, in decades either side of 1: gradients and losses that explode reach 1e30 and beyond. */
const LOG_LIMIT = 30;

/**
 * The y range of a log axis: whole decades around the data, within
 * [1e-30, 1e30]; a default decade span when there is no usable data (uPlot
 * would otherwise try to fit a log axis to nothing).
 */
export function logRange(min, max) {
  const usable = (v) => Number.isFinite(v) && v > 0;
  if (!usable(min) || !usable(max)) return [0.01, 10];
  const clamp = (e, lo, hi) => Math.min(hi, Math.max(lo, e));
  const low = clamp(Math.floor(Math.log10(Math.min(min, max))), -LOG_LIMIT, LOG_LIMIT - 1);
  const high = clamp(Math.ceil(Math.log10(Math.max(min, max))), low + 1, LOG_LIMIT);
  return [decade(low), decade(high)];
}

/**
 * Whether a chart should use a log axis: yes while its largest finite value
 * is above `above` (a loss that explodes, where a linear axis would show one
 * spike, or no ticks at all beyond 1e16), back to linear below a tenth of it
 * (the gap keeps it from flipping). `data` is uPlot's [xs, ys1, ys2, ...].
 */
export function chooseLogScale(data, isLog, above) {
  let max = -Infinity;
  for (let s = 1; s < data.length; s++) {
    for (const v of data[s]) if (Number.isFinite(v) && v > max) max = v;
  }
  if (max === -Infinity) return isLog;
  return isLog ? max > above / 10 : max > above;
}

/**
 * Tick values for a log axis: powers of ten between min and max, every k-th
 * decade so that at most maxTicks are labelled (uPlot would mark every
 * multiple in each decade, unreadable over many decades). The chosen decades
 * are multiples of k where that leaves two ticks or more, so 1 (10^0) is a
 * tick whenever it is in range.
 */
export function logSplits(min, max, maxTicks = 5) {
  const [low, high] = logRange(min, max).map((v) => Math.round(Math.log10(v)));
  const step = Math.max(1, Math.ceil((high - low) / Math.max(1, maxTicks - 1)));
  const decades = (first) => {
    const splits = [];
    for (let e = first; e <= high; e += step) splits.push(decade(e));
    return splits;
  };
  const aligned = decades(Math.ceil(low / step) * step);
  // A wide step can leave one aligned decade in range: two ticks are the least an axis needs.
  return aligned.length >= 2 ? aligned : decades(low);
}

/** How many log-axis ticks fit a plot `heightPx` tall with a label every `spacingPx` at least. */
export function logTickBudget(heightPx, spacingPx = 34) {
  return Math.max(2, Math.min(6, Math.floor(heightPx / spacingPx) + 1));
}

/**
 * A log-axis tick label: plain text between 0.01 and 1000 ("0.01", "1",
 * "100"), exponent form elsewhere ("1e-4", "1e5"); empty for a value that
 * is no tick (uPlot passes null for ticks it filtered out).
 */
export function formatLogTick(value) {
  if (!(Number.isFinite(value) && value > 0)) return '';
  if (value >= 0.01 && value < 1e4) return String(Number(value.toPrecision(1)));
  return `1e${Math.round(Math.log10(value))}`;
}

/**
 * uPlot options of a log y axis whose plot area is `plotHeightPx` tall:
 * decade ticks spaced by logSplits, all of them labelled. (uPlot's default
 * log filter blanks crowded decades by handing null to the label function.)
 */
export function logAxisOptions(plotHeightPx) {
  const maxTicks = logTickBudget(plotHeightPx);
  return {
    splits: (u, axisIndex, min, max) => logSplits(min, max, maxTicks),
    filter: (u, splits) => splits,
    values: (u, splits) => splits.map(formatLogTick),
  };
}

/** Axis steps for a count such as training steps: 1, 2, 5, 10, 20, 50, ... (never a fraction). */
export const WHOLE_NUMBER_INCREMENTS = Object.freeze(
  Array.from({ length: 10 }, (_, k) => [1, 2, 5].map((m) => m * 10 ** k)).flat(),
);
