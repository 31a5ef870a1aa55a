// The page state — the training config plus a few view flags — and its
// encoding in the URL fragment, so a link reproduces a setup and the
// browser's back/forward walk through changes. The fragment (#...) never
// leaves the browser, so a big state cannot break a server's request-line
// limit (as TensorFlow Playground does); old ?query links still read.
//
// Pure: no DOM, no window. The config's fields, defaults and ranges come from
// web/shared/schema.js; this module only encodes and decodes them.
//
// Parameters (the same in #fragment and ?query form):
//   <configField>=<value>  only fields that differ from the base (the defaults,
//                          or the lesson's config when `lesson` is given)
//   points=b<d><e>.<data>  custom points, compact (see encodePoints); the old
//                          x1_x2_label~... list still reads
//   lesson=<presetId>      start from a preset: its config, and its hidden and
//                          locked controls (as the Lessons menu, withPreset)
//   hide=a,b  lock=a,b     or TensorFlow Playground style a_hide=true / a_lock=true;
//                          with a lesson, these add to the lesson's own. They are
//                          the embedder's floor: a lesson chosen later adds to
//                          them and never lifts one (withPreset)
//   discretize, showTest, autoplay, embed, build, speed, view, theme, collapse, regions  view flags (UI_FLAGS)
//   origins=a,b            parent pages that may drive this page in an iframe
//                          (exact origins, or *; see frame-messages.js)
//   b.<field>=<value>      run B of compare mode differs from A in this field;
//   compare=true|false     B as a copy of A, or no B (compare-link.js)
// A malformed value falls back to the base value and yields a notice naming
// the parameter; the page always gets a usable state. Every name from the URL
// is looked up as an own property only (never Object.prototype's).

import { parseNumberText } from '../shared/number-text.js';
import { parseOrigins } from './origins.js';
import { PYM_PARAMS } from './pym.js';
import { VIEW_FLAG_VALUES, THEME_FLAG_VALUES } from './view-layouts.js';
import { COLLAPSIBLE_PANELS, parseCollapse } from './dashboard-layout.js';
import { FIELDS, FIELD_NAMES, validateConfig, defaultConfig } from '../shared/schema.js';
import { datasetEdit } from '../shared/dataset-fields.js';
import { LINK_POINTS_MAX_CHARS, decodePoints, encodePoints } from './link-points.js';
import { embedderControls, isControlName, lockingControl } from './locks.js';
import { compareConfig, compareParams, isCompareKey, readCompareParams } from './compare-link.js';

// The state's pieces that live in their own modules, exported here too so the
// page's modules read the state from one place.
export { LINK_POINTS_MAX_CHARS, encodePoints, linkOmitsPoints } from './link-points.js';
export {
  CONTROL_PARENTS, PANEL_CONTROLS, embedderControls, isControlName, lockedChange, lockedMessage, lockingControl,
  presetConflict,
} from './locks.js';

/** View flags kept in the URL besides the config. */
export const UI_FLAGS = Object.freeze({
  discretize: { kind: 'bool', default: false },
  showTest: { kind: 'bool', default: false },
  autoplay: { kind: 'bool', default: true },
  // Drops the page header and footer, for an iframe.
  embed: { kind: 'bool', default: false },
  build: { kind: 'enum', values: ['auto', 'simd', 'scalar'], default: 'auto' },
  // Epochs per frame while playing; 'auto' trains as fast as the worker can
  // between frames (which finishes small problems before a learner can watch).
  speed: { kind: 'enum', values: ['auto', '0.1', '0.5', '1', '2', '5', '10'], default: '1' },
  // The panels shown first (view-layouts.js); auto: the lesson's view when embedded, else the full page.
  // A link's "+" reads as a space (form encoding): view=boundary+loss arrives as "boundary loss".
  view: { kind: 'enum', values: VIEW_FLAG_VALUES, default: 'auto', read: (text) => text.replace(/ /g, '+') },
  // auto follows the browser's prefers-color-scheme.
  theme: { kind: 'enum', values: THEME_FLAG_VALUES, default: 'auto' },
  // The panels shown folded to their header (dashboard-layout.js); unknown names are dropped with a notice.
  collapse: { kind: 'set', values: COLLAPSIBLE_PANELS, default: Object.freeze([]), read: parseCollapse },
  // Colours the output plot by linear region (activation pattern), with the count.
  regions: { kind: 'bool', default: false },
});

/** The config a lesson starts from: the defaults overlaid with the preset's. */
export function baseConfig(presets, lessonId) {
  const preset = lessonId ? presets.find((p) => p.id === lessonId) : null;
  if (!preset) return defaultConfig();
  return validateConfig(preset.config ?? {}).config;
}

/** A fresh state with every default. */
export function defaultState() {
  // lessonAdded: the controls the current lesson hid or locked beyond the embedder's.
  // origins: who may drive this page in an iframe (frame-messages.js).
  const ui = { hide: [], lock: [], lessonAdded: { hide: [], lock: [] }, lesson: null, origins: [] };
  for (const [name, flag] of Object.entries(UI_FLAGS)) ui[name] = flag.default;
  // compare: run B's fields that differ from A's, or null without B (compare-link.js).
  return { config: defaultConfig(), ui, compare: null };
}

// ---------------------------------------------------------------------------
// Value encoding, by field kind.

function formatNumber(value) {
  // Shortest text that reads back to the same double.
  return String(value);
}

/** Encodes one config field's value for the link. */
export function encodeField(name, value) {
  if (!Object.hasOwn(FIELDS, name)) throw new Error(`${name}: unknown config field`);
  const field = FIELDS[name];
  switch (field.kind) {
    case 'bool':
      return value ? 'true' : 'false';
    case 'set':
    case 'intList':
    case 'enumList':
      return Array.isArray(value) ? value.join(',') : String(value);
    case 'points':
      return encodePoints(value);
    default:
      return typeof value === 'number' ? formatNumber(value) : String(value);
  }
}


function splitList(text) {
  return text === '' ? [] : text.split(',');
}

/**
 * Decodes a query-string value into the field's JS value. Returns
 * {value} or {error}; the value is then checked with the schema.
 */
export function decodeField(name, text) {
  if (!Object.hasOwn(FIELDS, name)) return { error: `${name}: unknown config field` };
  const field = FIELDS[name];
  switch (field.kind) {
    case 'int':
    case 'number': {
      const value = parseNumberText(text);
      return Number.isNaN(value) ? { error: `${name}: ${JSON.stringify(text)} is not a number` } : { value };
    }
    case 'bool':
      if (text === 'true' || text === '1') return { value: true };
      if (text === 'false' || text === '0') return { value: false };
      return { error: `${name}: ${JSON.stringify(text)} is not true or false` };
    case 'enum':
      return { value: text };
    case 'set':
      return { value: splitList(text) };
    case 'intList': {
      const parts = splitList(text);
      const value = parts.map(parseNumberText);
      const bad = value.findIndex(Number.isNaN);
      return bad >= 0 ? { error: `${name}: ${JSON.stringify(parts[bad])} is not a layer size` } : { value };
    }
    case 'enumList': {
      const parts = splitList(text);
      return { value: parts.length === 1 ? parts[0] : parts };
    }
    case 'points':
      return decodePoints(text);
    default:
      return { error: `${name}: unsupported field kind ${field.kind}` };
  }
}

/**
 * Decodes a view flag's text: {value} or {error}; a list (kind set) may give
 * both: the names it knows, and an error naming the ones it does not.
 */
export function decodeFlag(name, raw) {
  const flag = UI_FLAGS[name];
  if (flag.kind === 'set') return flag.read(raw);
  const text = flag.read ? flag.read(raw) : raw;
  if (flag.kind === 'bool') {
    if (text === 'true' || text === '1') return { value: true };
    if (text === 'false' || text === '0') return { value: false };
    return { error: `${name}: ${JSON.stringify(text)} is not true or false` };
  }
  if (flag.values.includes(text)) return { value: text };
  return { error: `${name}: ${JSON.stringify(text)} is not one of ${flag.values.join(', ')}` };
}

// Controls named in the link are the embedder's, even those its lesson names too.
function addControls(ui, kind, names, param, notices) {
  const unknown = [];
  for (const name of names) {
    if (!isControlName(name)) {
      unknown.push(name);
      continue;
    }
    if (!ui[kind].includes(name)) ui[kind].push(name);
    ui.lessonAdded[kind] = ui.lessonAdded[kind].filter((added) => added !== name);
  }
  // One notice per parameter, however long its list.
  if (unknown.length === 1) notices.push(`${param}: unknown control ${JSON.stringify(unknown[0])} ignored`);
  else if (unknown.length > 1) notices.push(`${param}: ${unknown.length} unknown controls ignored (${unknown.slice(0, 3).map((n) => JSON.stringify(n)).join(', ')}${unknown.length > 3 ? ', ...' : ''})`);
}

// ---------------------------------------------------------------------------

// A link can carry 100 KB in one value, or thousands of parameters: a notice
// quotes the start of a value only, and a link gets at most 10 of them.
const NOTICE_MAX_CHARS = 200;
const MAX_NOTICES = 10;
function capped(notices) {
  if (notices.length <= MAX_NOTICES) return notices.map(excerpt);
  const rest = notices.length - (MAX_NOTICES - 1);
  return [...notices.slice(0, MAX_NOTICES - 1).map(excerpt), `and ${rest} more problems in the link, not listed`];
}
function excerpt(text) {
  if (text.length <= NOTICE_MAX_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text[NOTICE_MAX_CHARS - 2]) ? NOTICE_MAX_CHARS - 2 : NOTICE_MAX_CHARS - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Parses link parameters ("#a=1&b=2", "?a=1&b=2" or "a=1&b=2") into a state.
 * Returns {state, notices}: one notice per bad or unknown parameter (quoting
 * at most an excerpt of the value), and the state falls back to the base
 * value for each of them. Never throws, whatever the text.
 */
export function parseQuery(search, presets = []) {
  const params = new URLSearchParams(String(search).replace(/^#/, ''));
  const notices = [];
  const lessons = params.getAll('lesson');
  const lessonId = lessons.length ? lessons[lessons.length - 1] : null; // the last counts, as for every name
  if (lessons.length > 1) notices.push('lesson: given more than once; the last value counts');
  const preset = lessonId === null ? null : presets.find((p) => p.id === lessonId);
  if (lessonId !== null && !preset) notices.push(`lesson: no lesson called ${JSON.stringify(lessonId)}; using the defaults`);
  // A lesson link starts where the Lessons menu would: its config and its hidden and locked controls.
  const state = preset ? withPreset(defaultState(), preset) : defaultState();
  const base = state.config;

  const partial = {};
  const compareEntries = [];
  let pointsOmitted = false;
  const seen = new Set();
  for (const [key, text] of params) {
    if (key === 'lesson') continue;
    // hide and lock add up; any other name given twice keeps its last value, and says so.
    if (seen.has(key) && key !== 'hide' && key !== 'lock') notices.push(`${key}: given more than once; the last value counts`);
    seen.add(key);
    if (key === 'hide' || key === 'lock') {
      addControls(state.ui, key, splitList(text), key, notices);
    } else if (key.endsWith('_hide') || key.endsWith('_lock')) {
      const kind = key.endsWith('_hide') ? 'hide' : 'lock';
      const control = key.slice(0, -kind.length - 1);
      if (text === 'true' || text === '1') addControls(state.ui, kind, [control], key, notices);
      else if (text !== 'false' && text !== '0') notices.push(`${key}: ${JSON.stringify(text)} is not true or false`);
    } else if (key === 'origins') {
      const { origins, errors } = parseOrigins(text);
      state.ui.origins = origins;
      notices.push(...errors);
    } else if (Object.hasOwn(UI_FLAGS, key)) {
      const { value, error } = decodeFlag(key, text);
      if (error) notices.push(error);
      if (value !== undefined) state.ui[key] = value;
    } else if (Object.hasOwn(FIELDS, key)) {
      const { value, error, omitted } = decodeField(key, text);
      if (error) notices.push(error);
      else partial[key] = value;
      if (omitted) pointsOmitted = true;
    } else if (isCompareKey(key)) {
      compareEntries.push([key, text]);
    } else if (PYM_PARAMS.includes(key)) {
      // added by a Pym.js parent page sizing the frame (main.js answers it)
    } else {
      notices.push(`${key}: unknown parameter ignored`);
    }
  }

  // Without its points a custom dataset cannot stand; the notice above says why it is not shown.
  if (pointsOmitted && partial.dataset === 'custom') delete partial.dataset;
  if (partial.dataset !== undefined) Object.assign(partial, datasetEdit(partial.dataset, partial, base.hidden));
  // The schema checks each field and their consistency; a bad field keeps the base value.
  const { config, errors } = validateConfig(partial, base);
  for (const error of errors) notices.push(error.message);
  state.config = config;
  // Without b. parameters a comparison lesson keeps its own B.
  const b = compareEntries.length ? readCompareParams(compareEntries, config, decodeField) : { compare: preset?.compare ? compareConfig(config, preset.compare).patch : null, notices: [] };
  state.compare = b.compare;
  notices.push(...b.notices);
  return { state, notices: capped(notices) };
}

/**
 * The parameters of a page address: the fragment's, after any old-style
 * query's (so the fragment wins a repeated field). `search` and `hash` as in
 * window.location.
 */
export function locationParams(search, hash) {
  return [String(search).replace(/^\?/, ''), String(hash).replace(/^#/, '')].filter(Boolean).join('&');
}

/** Serialises a state into a query string (without "?" or "#"), shortest form. */
export function serializeState(state, presets = []) {
  const params = new URLSearchParams();
  const lesson = state.ui.lesson && presets.some((p) => p.id === state.ui.lesson) ? state.ui.lesson : null;
  if (lesson) params.set('lesson', lesson);
  const base = baseConfig(presets, lesson);
  for (const name of FIELD_NAMES) {
    const value = state.config[name];
    if (JSON.stringify(value) === JSON.stringify(base[name])) continue;
    const text = encodeField(name, value);
    params.set(name, name === 'points' && text.length > LINK_POINTS_MAX_CHARS ? `omitted.${value.length}` : text);
  }
  for (const [name, flag] of Object.entries(UI_FLAGS)) {
    const value = String(state.ui[name] ?? flag.default); // a list (collapse) as its comma-separated names
    if (value !== String(flag.default)) params.set(name, value);
  }
  if (state.ui.origins?.length) params.set('origins', state.ui.origins.join(','));
  const preset = lesson ? presets.find((p) => p.id === lesson) : null;
  const lessonCompare = preset?.compare ? compareConfig(state.config, preset.compare).patch : null;
  if (JSON.stringify(state.compare ?? null) !== JSON.stringify(lessonCompare)) {
    const entries = compareParams(state.config, state.compare, encodeField);
    for (const [key, text] of entries.length ? entries : [['compare', 'false']]) params.set(key, text);
  }
  // A lesson hides and locks its own controls; the link names only the embedder's.
  for (const kind of ['hide', 'lock']) {
    const own = preset ? (state.ui.lessonAdded?.[kind] ?? preset.ui?.[kind] ?? []) : [];
    const extra = state.ui[kind].filter((name) => !own.includes(name));
    if (extra.length) params.set(kind, extra.join(','));
  }
  // URLSearchParams escapes commas and plus signs; commas are safe in a query and far easier to
  // read, and a plus (a space to URLSearchParams) reads back as + in the one flag that has it (view).
  return params.toString().replace(/%2C/g, ',').replace(/(^|&)view=[^&]*/, (view) => view.replace(/%2B/g, '+'));
}

/**
 * Applies a user's edit of some config fields. Returns {state, error}: on an
 * invalid value the state is unchanged and `error` names the field.
 */
export function withConfig(state, patch) {
  const { config, errors } = validateConfig(patch, state.config);
  if (errors.length) return { state, error: errors[0].message };
  return { state: { ...state, config }, error: null };
}

/**
 * The state to try next when the core refuses `state.config` with an error
 * naming `field` (which schema.js passed: the two disagree, or the core ran
 * out of something). Only that field goes back, to the lesson's value or else
 * the schema default; everything else is kept. Custom points are kept first:
 * when they are at fault, a problem that can take their labels is tried
 * before the points are dropped. `tried` (a Set of configs, updated) keeps a
 * retry loop from trying any config twice. When no field can be blamed (or
 * putting it back is not enough), the last resort is the lesson's or default
 * config, still with the custom points if it takes them (field ''). Returns
 * {state, field} or null when nothing is left to try.
 */
export function recoverState(state, field, presets = [], tried = new Set()) {
  const config = state.config;
  const base = baseConfig(presets, state.ui.lesson);
  tried.add(JSON.stringify(config)); // this one was refused
  const attempt = (patch) => {
    const next = validateConfig(patch, config);
    const key = JSON.stringify(next.config);
    if (next.errors.length || tried.has(key)) return null;
    tried.add(key);
    return { state: { ...state, config: next.config }, field: Object.keys(patch).join(', ') };
  };
  // No field to blame: the lesson's (or default) config, with the custom points if it can take them.
  const lastResort = () => {
    const { dataset, points, problem } = config;
    const withPoints = validateConfig({ dataset, points, problem }, base);
    const next = withPoints.errors.length ? base : withPoints.config;
    if (tried.has(JSON.stringify(next))) return null;
    tried.add(JSON.stringify(next));
    return { state: { ...state, config: next }, field: '' };
  };
  if (!Object.hasOwn(FIELDS, field)) return lastResort();
  if (field === 'points' && config.dataset === 'custom') {
    for (const problem of FIELDS.problem.values) {
      const repaired = attempt({ problem });
      if (repaired) return repaired;
    }
    // A custom dataset cannot stand without its points: the dataset goes back with them.
    return attempt({ dataset: base.dataset, points: base.points, problem: base.problem })
      ?? attempt({ dataset: FIELDS.dataset.default, points: FIELDS.points.default, problem: FIELDS.problem.default });
  }
  return attempt({ [field]: base[field] }) ?? attempt({ [field]: FIELDS[field].default }) ?? lastResort();
}

/**
 * Applies a preset: its config over the defaults, its hidden/locked controls
 * added to the embedder's (embedderControls), which it never lifts: fields the
 * embedder locked keep their values (presetConflict tells when that matters).
 */
export function withPreset(state, preset) {
  const floor = embedderControls(state.ui);
  const kept = Object.fromEntries(FIELD_NAMES.filter((name) => lockingControl(floor.lock, name)).map((name) => [name, state.config[name]]));
  const config = validateConfig(kept, validateConfig(preset.config ?? {}).config).config;
  const ui = { ...state.ui, lesson: preset.id, lessonAdded: {} };
  // A lesson whose claim is a comparison opens with its B; any other ends compare mode.
  const compare = preset.compare ? compareConfig(config, preset.compare).patch : null;
  for (const kind of ['hide', 'lock']) {
    const own = preset.ui?.[kind] ?? [];
    ui[kind] = [...own, ...floor[kind].filter((name) => !own.includes(name))];
    ui.lessonAdded[kind] = own.filter((name) => !floor[kind].includes(name));
  }
  return { config, ui, compare };
}

/** The activation setting for a new layer count: one name stays one name; a list is cut or extended with its last name. */
export function fitActivation(activation, layerCount) {
  if (!Array.isArray(activation)) return activation;
  const list = activation.slice(0, layerCount);
  while (list.length < layerCount) list.push(activation[activation.length - 1] ?? FIELDS.activation.default);
  return list.length && list.every((a) => a === list[0]) ? list[0] : list;
}

/** Sets the hidden layer sizes, keeping the activation setting consistent. */
export function withHidden(state, hidden) {
  return withConfig(state, { hidden, activation: fitActivation(state.config.activation, hidden.length) });
}

/** Sets one hidden layer's activation (a single name becomes a per-layer list when they differ). */
export function withLayerActivation(state, layer, name) {
  const count = state.config.hidden.length;
  const current = state.config.activation;
  const list = Array.isArray(current) ? current.slice() : Array(count).fill(current);
  list[layer] = name;
  return withConfig(state, { activation: fitActivation(list, count) });
}

const round2 = (v) => Math.round(v * 100) / 100;

/**
 * Adds a custom point. On a generated dataset, the custom set starts from the
 * points now shown (`shownPoints`), so a click adds to what the user sees.
 */
export function withAddedPoint(state, [x1, x2, label], shownPoints = []) {
  const start = state.config.dataset === 'custom' ? state.config.points : shownPoints.map(([a, b, c]) => [round2(a), round2(b), c]);
  return withConfig(state, { dataset: 'custom', points: [...start, [round2(x1), round2(x2), label]] });
}
