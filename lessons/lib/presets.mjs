// The lesson presets of web/shared/presets.js as configs for the native core.

import { PRESETS } from '../../web/shared/presets.js';

export function findPreset(id) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset called ${JSON.stringify(id)} (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

/** A copy of a preset's partial config with `changes` applied (the core fills in the defaults). */
export function presetConfig(id, changes = {}) {
  return { ...structuredClone(findPreset(id).config), ...changes };
}

/** The page link of a preset, relative to the page (web/index.html). */
export const presetLink = (id) => `index.html?lesson=${encodeURIComponent(findPreset(id).id)}`;
