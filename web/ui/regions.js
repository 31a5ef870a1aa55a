// The linear-regions view's pure parts: a colour per region id, the plane
// filled with them, the count's history over training and the caption.
// The patterns themselves come from the core (Snapshot.regions).

import { packRgba } from './colors.js';

// Successive ids turn by the golden angle, so regions numbered one after the
// other (neighbours, mostly: ids run from the top left) get far-apart hues;
// three lightness steps separate the ids whose hues come close again.
const GOLDEN_ANGLE = 137.508;
const LIGHTNESS = { light: [0.82, 0.66, 0.74], dark: [0.34, 0.26, 0.42] };
const SATURATION = 0.65;

/** [r, g, b] (0-255) of region `id` in the theme ('light' or 'dark'). */
export function regionColor(id, theme = 'light') {
  const steps = LIGHTNESS[theme] ?? LIGHTNESS.light;
  const hue = (id * GOLDEN_ANGLE) % 360;
  return hslToRgb(hue, SATURATION, steps[id % steps.length]);
}

function hslToRgb(hue, saturation, lightness) {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const section = hue / 60;
  const x = chroma * (1 - Math.abs((section % 2) - 1));
  const [r, g, b] = section < 1 ? [chroma, x, 0] : section < 2 ? [x, chroma, 0] : section < 3 ? [0, chroma, x]
    : section < 4 ? [0, x, chroma] : section < 5 ? [x, 0, chroma] : [chroma, 0, x];
  const m = lightness - chroma / 2;
  return [r, g, b].map((c) => Math.round((c + m) * 255));
}

/** Packed pixels (colors.js packRgba) of each pixel's region: ids [n*n] -> out32 [n*n]. */
export function fillRegions(out32, ids, theme = 'light') {
  const colours = new Map();
  for (let i = 0; i < ids.length; i += 1) {
    let packed = colours.get(ids[i]);
    if (packed === undefined) {
      packed = packRgba(...regionColor(ids[i], theme));
      colours.set(ids[i], packed);
    }
    out32[i] = packed;
  }
  return out32;
}

/** What the caption says: the count, or why there is none. */
export function regionsCaption(regions) {
  if (!regions) return '';
  if (regions.error) return `No regions: ${regions.error}.`;
  const noun = regions.count === 1 ? 'linear region' : 'linear regions';
  return `${regions.count} ${noun} on the grid`;
}

/** How to read the view, under the count: what the colours and the dashed lines are. */
export function regionsHint(regions) {
  if (!regions || regions.error) return '';
  const colours = 'Each colour is one activation pattern (which hidden units are on): the network is linear inside it.';
  return regions.lines
    ? `${colours} Dashed: where each first-layer unit turns on or off.`
    : `${colours} With inputs other than x1, x2 the first layer's on/off boundaries are curves: they show only as region edges.`;
}

/** What getState() reports of a snapshot's regions: null when it has none (the toggle is off). */
export function regionsState(snapshot) {
  const regions = snapshot?.regions;
  if (!regions) return null;
  return regions.error
    ? { step: snapshot.step, count: 0, error: regions.error }
    : { step: snapshot.step, count: regions.count };
}

/**
 * The region count over training, one point per step shown: [steps, counts]
 * as the line charts take them. A step at or below the last (a reset, a
 * divergence's checkpoint, a new network) drops the points from there on.
 */
export class RegionCountHistory {
  constructor(limit = 2000) {
    this.limit = limit;
    this.steps = [];
    this.counts = [];
  }

  push(step, count) {
    while (this.steps.length && this.steps[this.steps.length - 1] >= step) {
      this.steps.pop();
      this.counts.pop();
    }
    this.steps.push(step);
    this.counts.push(count);
    // Keep every other point once full: a long run stays drawn end to end.
    if (this.steps.length > this.limit) {
      this.steps = this.steps.filter((_, i) => i % 2 === 0 || i === this.steps.length - 1);
      this.counts = this.counts.filter((_, i) => i % 2 === 0 || i === this.counts.length - 1);
    }
  }

  clear() {
    this.steps = [];
    this.counts = [];
  }

  series() {
    return [this.steps.slice(), this.counts.slice()];
  }
}
