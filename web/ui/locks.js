// What can be hidden or locked on the page, how the panels nest (locking a
// panel locks what is inside it) and the checks that keep a locked control
// unchanged. Pure; web/ui/state.js re-exports it with the rest of the state.

import { FIELD_NAMES, changedFields, validateConfig } from '../shared/schema.js';

/**
 * Controls that are not config fields but can still be hidden or locked.
 * (Every config field name can be hidden or locked too.)
 */
export const PANEL_CONTROLS = Object.freeze([
  'run', 'speed', 'lessons', 'data', 'customData', 'regenerate', 'hyper', 'network',
  'boundary', 'charts', 'diagnostics', 'exports', 'weights', 'discretize', 'showTest', 'regions',
]);

const CONTROL_NAMES = new Set([...FIELD_NAMES, ...PANEL_CONTROLS]);

/** True when `name` names something that can be hidden or locked. */
export function isControlName(name) {
  return CONTROL_NAMES.has(name);
}

const DATA_FIELDS = ['seed', 'dataset', 'numSamples', 'noise', 'trainRatio', 'features', 'batchSize'];
const HYPER_FIELDS = FIELD_NAMES.filter((name) => !DATA_FIELDS.includes(name) && name !== 'points' && name !== 'hidden');

/**
 * What each panel holds, as the layout nests them: locking a panel locks
 * everything inside it, whichever path (plot click, file, menu) would change
 * it. The page's DOM is tested against this map (tests/e2e/embed-locks.test.js).
 */
export const CONTROL_PARENTS = Object.freeze(Object.fromEntries([
  ...DATA_FIELDS.map((name) => [name, 'data']),
  ['customData', 'data'], ['regenerate', 'data'], ['points', 'customData'],
  ...HYPER_FIELDS.map((name) => [name, 'hyper']),
  ['speed', 'run'], ['discretize', 'boundary'], ['showTest', 'boundary'], ['weights', 'network'],
  ['regions', 'boundary'],
]));

/** The control in `lock` that locks `name` (itself or a panel around it), or null. */
export function lockingControl(lock, name) {
  for (let current = name; current; current = CONTROL_PARENTS[current]) {
    if (lock.includes(current)) return current;
  }
  return null;
}

/** The first config field that going to `config` would change although it is locked: {field, control} or null. */
export function lockedChange(state, config, lock = state.ui.lock) {
  for (const field of changedFields(state.config, config)) {
    const control = lockingControl(lock, field);
    if (control) return { field, control };
  }
  return null;
}

/** What the page says when an input would change something locked. */
export function lockedMessage({ field, control }) {
  const what = field === undefined || field === control ? control : `${field} (in ${control})`;
  return `${what} is locked on this page, so it was not changed.`;
}

/**
 * The embedder's hidden and locked controls (from the URL, the element's
 * config or mountPlayground's query): all but those the current lesson added.
 */
export function embedderControls(ui) {
  const added = ui.lessonAdded ?? { hide: [], lock: [] };
  return {
    hide: ui.hide.filter((name) => !added.hide.includes(name)),
    lock: ui.lock.filter((name) => !added.lock.includes(name)),
  };
}

/** The embedder's lock that loading `preset` would lift ({field, control}), or null when it can load. */
export function presetConflict(state, preset) {
  const config = validateConfig(preset.config ?? {}).config;
  return lockedChange(state, config, embedderControls(state.ui).lock);
}
