// "Say what went wrong": from the metrics history (chart-data.js) and the
// latest per-layer diagnostics, the quiet failures a newcomer would not spot
// in the charts. Pure: plain data in, findings out; views.js shows them.
//
// A finding: {kind, message, lesson: {id, title}, layers: [layer indices],
// units: [{layer, unit}]}: the lesson that explains it (a preset of
// web/shared/presets.js) and the culprits the diagram marks.

import { PRESETS } from '../shared/presets.js';

export const HEALTH_THRESHOLDS = Object.freeze({
  // Lesson 5 (docs/LESSONS.md, lessons/experiments/dead-relus): at learning
  // rate 1, 44% of the units die and the network sits at chance, where at 0.1
  // and below about 5% do. "Most of a layer" is more than half of it.
  deadShare: 0.5,
  // ... and for a whole epoch of full passes: lesson 5 found that units dead
  // at epoch 10 almost never come back (2 of 189), while in a healthy deep
  // net (he-depth-30) a layer's dead share wanders between 0.3 and 0.53 at
  // single passes in its first epochs and the net still trains.
  deadEpochs: 1,
  // Lesson 3 (lessons/experiments/vanishing-gradients): the first layer's
  // gradient over the last's is 10^-6.6 ± 0.5 in ten sigmoid layers, and
  // 0.03–1.5 over 20 seeds with ReLU and He (0.52 for tanh and Xavier).
  // 10^-3 is 1.5 orders below the lowest healthy seed and far above sigmoid's.
  vanishingRatio: 1e-3,
  // The median over this many recent steps, so one odd mini-batch says nothing.
  vanishingRows: 5,
  // Saturated units (the core's 2% / 95% rule) in at least half a layer.
  saturatedShare: 0.5,
  // Lessons 4 and 5: stuck runs stay at 0.50–0.56 accuracy on two classes,
  // where He at depth 30 is above 0.9 after 20 epochs. So: 20 epochs with the
  // training accuracy within 0.1 of chance and the loss moving under 1%.
  flatEpochs: 20,
  chanceMargin: 0.1,
  flatLossChange: 0.01,
});

// Which lesson explains each finding (a preset id: one source of its title).
const LESSON_OF = Object.freeze({
  dead: 'dead-relu-high-lr',
  vanishing: 'sigmoid-vanishing',
  saturated: 'sigmoid-vanishing',
  flat: 'xavier-depth-30',
});

function lesson(kind, presets) {
  const id = LESSON_OF[kind];
  const preset = presets.find((p) => p.id === id);
  return { id, title: preset ? preset.title : id };
}

// Activations whose dead units Leaky ReLU would keep alive.
const LEAKY_CURES = new Set(['relu']);

/** "layer 2" for a hidden layer (1-based, as the diagnostics table names them). */
function layerName(l) {
  return `layer ${l + 1}`;
}

/** "5 of 8 units in layer 2 and all 8 units of layer 3"; a run of whole layers is "every unit of layers 2 to 10". */
function describeCounts(parts) {
  const text = [];
  for (let i = 0; i < parts.length; i++) {
    const { layer, count, units } = parts[i];
    let j = i;
    while (j + 1 < parts.length && parts[j + 1].layer === parts[j].layer + 1 && parts[j + 1].count === parts[j + 1].units) j++;
    if (count === units && j > i + 1) {
      text.push(`every unit of layers ${layer + 1} to ${parts[j].layer + 1}`);
      i = j;
    } else {
      text.push(count === units ? `all ${units} units of ${layerName(layer)}` : `${count} of ${units} units in ${layerName(layer)}`);
    }
  }
  return text.length > 1 ? `${text.slice(0, -1).join(', ')} and ${text.at(-1)}` : text[0];
}

function maskedUnits(layer, mask) {
  const units = [];
  (mask ?? []).forEach((flag, unit) => { if (flag) units.push({ layer, unit }); });
  return units;
}

/** Whether `holds(row)` is true on every recorded full pass of the last `epochs` epochs (and they are on record). */
function heldFor(history, epochs, holds) {
  const { epoch } = history.columns;
  const end = epoch.length - 1;
  const from = epoch[end] - epochs;
  if (!(epoch[0] <= from)) return false;
  for (let row = end; row >= 0 && epoch[row] >= from; row--) if (!holds(row)) return false;
  return true;
}

function findDead(history, layers, presets) {
  const parts = [];
  const deadColumns = history.layerColumns.deadUnits;
  layers.slice(0, -1).forEach((layer, l) => {
    const mostlyDead = (dead) => dead > HEALTH_THRESHOLDS.deadShare * layer.units;
    if (layer.units > 0 && mostlyDead(layer.deadUnits)
        && heldFor(history, HEALTH_THRESHOLDS.deadEpochs, (row) => mostlyDead(deadColumns[l]?.[row]))) {
      parts.push({ layer: l, count: layer.deadUnits, units: layer.units, activation: layer.activation });
    }
  });
  if (!parts.length) return null;
  const counts = describeCounts(parts);
  const verb = (parts.length === 1 && parts[0].count === 1) || /^every unit of layers \d+ to \d+$/.test(counts) ? 'is' : 'are';
  const cure = parts.some((p) => LEAKY_CURES.has(p.activation))
    ? 'Lower the learning rate, or try Leaky ReLU.' : 'Lower the learning rate.';
  return {
    kind: 'dead',
    message: `${counts} ${verb} dead (0 on every training sample): no gradient reaches the layers below. ${cure}`,
    lesson: lesson('dead', presets),
    layers: parts.map((p) => p.layer),
    units: parts.flatMap((p) => maskedUnits(p.layer, layers[p.layer].deadMask)),
  };
}

function findSaturated(layers, presets) {
  const parts = [];
  layers.slice(0, -1).forEach((layer, l) => {
    if (layer.units > 0 && layer.saturatedUnits > 0 && layer.saturatedUnits >= HEALTH_THRESHOLDS.saturatedShare * layer.units) {
      parts.push({ layer: l, count: layer.saturatedUnits, units: layer.units });
    }
  });
  if (!parts.length) return null;
  const verb = parts.length === 1 && parts[0].count === 1 ? 'is' : 'are';
  return {
    kind: 'saturated',
    message: `${describeCounts(parts)} ${verb} saturated (at a limit of the activation on almost every sample), so they pass almost no gradient. Lower the learning rate, use Xavier initialisation, or switch to ReLU with He.`,
    lesson: lesson('saturated', presets),
    layers: parts.map((p) => p.layer),
    units: parts.flatMap((p) => maskedUnits(p.layer, layers[p.layer].saturatedMask)),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function findVanishing(history, presets) {
  const norms = history.layerColumns.gradNorm;
  if (norms.length < 3) return null; // one hidden layer has no depth to lose a gradient in
  const steps = history.columns.step;
  const first = norms[0];
  const last = norms.at(-1);
  const ratios = [];
  for (let row = steps.length - 1; row >= 0 && ratios.length < HEALTH_THRESHOLDS.vanishingRows; row--) {
    // A first-layer gradient of exactly 0 is dead units' doing, not vanishing.
    if (steps[row] > 0 && first[row] > 0 && last[row] > 0 && Number.isFinite(first[row] / last[row])) {
      ratios.push(first[row] / last[row]);
    }
  }
  if (ratios.length < HEALTH_THRESHOLDS.vanishingRows) return null;
  const ratio = median(ratios);
  if (!(ratio < HEALTH_THRESHOLDS.vanishingRatio)) return null;
  const row = steps.length - 1;
  const culprits = [];
  for (let l = 0; l < norms.length - 1; l++) {
    if (norms[l][row] / last[row] < HEALTH_THRESHOLDS.vanishingRatio) culprits.push(l);
  }
  return {
    kind: 'vanishing',
    message: `Vanishing gradients: the first layer's gradient is 10^${Math.log10(ratio).toFixed(1)} of the output layer's, so the layers near the input barely learn. Use ReLU with He initialisation, or fewer layers.`,
    lesson: lesson('vanishing', presets),
    layers: culprits.length ? culprits : [0],
    units: [],
  };
}

function findFlat(history, layers, presets) {
  const { epoch, trainLoss, trainAccuracy } = history.columns;
  const end = epoch.length - 1;
  if (end < 1 || !Number.isFinite(trainAccuracy[end])) return null; // regression: no chance level
  const classes = Math.max(2, layers.at(-1)?.units ?? 1);
  const chance = 1 / classes;
  let low = Infinity;
  let high = -Infinity;
  const stuck = heldFor(history, HEALTH_THRESHOLDS.flatEpochs, (row) => {
    low = Math.min(low, trainLoss[row]);
    high = Math.max(high, trainLoss[row]);
    return trainAccuracy[row] <= chance + HEALTH_THRESHOLDS.chanceMargin && Number.isFinite(trainLoss[row]);
  });
  if (!stuck || !(high - low <= HEALTH_THRESHOLDS.flatLossChange * Math.abs(high))) return null;
  return {
    kind: 'flat',
    message: `The loss has stayed at ${trainLoss[end].toPrecision(3)} for ${HEALTH_THRESHOLDS.flatEpochs} epochs with the accuracy at chance (${trainAccuracy[end].toFixed(2)}): the network is not learning. Try another initialisation (He for ReLU) or learning rate.`,
    lesson: lesson('flat', presets),
    layers: [],
    units: [],
  };
}

/**
 * The findings for a run, most specific first: dead and saturated units name
 * the culprit units; vanishing gradients the layers; a flat loss at chance is
 * told only when nothing else explains it.
 * history: a MetricsHistory (chart-data.js); layers: the latest snapshot's.
 */
export function diagnose(history, layers, presets = PRESETS) {
  if (!history || !history.length || !layers?.length) return [];
  const findings = [findDead(history, layers, presets), findSaturated(layers, presets), findVanishing(history, presets)].filter(Boolean);
  if (!findings.length) {
    const flat = findFlat(history, layers, presets);
    if (flat) findings.push(flat);
  }
  return findings;
}

/** The per-unit marks of the diagram: {dead: [[units of layer 0], ...], saturated: [...], culpritLayers: [...]}. */
export function unitMarks(layers, findings) {
  const indices = (mask) => {
    const units = [];
    (mask ?? []).forEach((flag, unit) => { if (flag) units.push(unit); });
    return units;
  };
  return {
    dead: (layers ?? []).map((layer, l) => (l === layers.length - 1 ? [] : indices(layer.deadMask))),
    saturated: (layers ?? []).map((layer, l) => (l === layers.length - 1 ? [] : indices(layer.saturatedMask))),
    culpritLayers: [...new Set(findings.flatMap((f) => f.layers))].sort((a, b) => a - b),
  };
}
