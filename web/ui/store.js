// The page state's moves as pure reducers: reduce(state, action) -> {state,
// error?, locked?}. Every way in (a panel, a plot click, a file, the lessons
// menu, the URL, the public API) becomes one of these actions, so the lock
// floor and the schema's checks hold for all of them alike. The URL is a
// projection of the state (serializeState in state.js).
//
// Pure: no DOM, no worker. The controller (controller.js) keeps the state and
// tells the worker what changed.

import { FIELDS, validateConfig } from '../shared/schema.js';
import {
  UI_FLAGS, withConfig, withPreset, withHidden, withLayerActivation, withAddedPoint,
  lockingControl, lockedChange, lockedMessage, presetConflict, decodeField, decodeFlag,
} from './state.js';

/**
 * actions:
 *   {type: 'config', patch}                 some config fields
 *   {type: 'hidden', hidden}                layer sizes (the activation list follows)
 *   {type: 'layerActivation', layer, name}
 *   {type: 'addPoint', point, shownPoints}  a plot click
 *   {type: 'flag', name, value}             a view flag (UI_FLAGS: speed, discretize, ...)
 *   {type: 'lesson', preset}                the lessons menu
 *   {type: 'replace', state}                a whole new state (the URL, setQuery)
 * Returns {state} or, leaving the state as it was, {state, error} (a schema
 * message) or {state, locked: {field, control}}.
 */
export function reduce(state, action) {
  switch (action.type) {
    case 'config': return checked(state, withConfig(state, action.patch));
    case 'hidden': return checked(state, withHidden(state, action.hidden));
    case 'layerActivation': return checked(state, withLayerActivation(state, action.layer, action.name));
    case 'addPoint': return checked(state, withAddedPoint(state, action.point, action.shownPoints));
    case 'flag': {
      const control = lockingControl(state.ui.lock, action.name);
      if (control) return { state, locked: { control, field: action.name } };
      return { state: { ...state, ui: { ...state.ui, [action.name]: action.value } } };
    }
    case 'lesson': {
      const locked = presetConflict(state, action.preset);
      return locked ? { state, locked } : { state: withPreset(state, action.preset) };
    }
    case 'replace': return { state: action.state };
    default: throw new TypeError(`unknown state action ${JSON.stringify(action.type)}`);
  }
}

function checked(state, { state: next, error }) {
  if (error) return { state, error };
  const locked = lockedChange(state, next.config);
  return locked ? { state, locked } : { state: next };
}

/** An Error with the field at fault, as the worker client's are. */
export function fieldError(message, field) {
  const error = new Error(message);
  error.field = field;
  return error;
}

/**
 * Reads a public-API patch: an object of config fields and view flags, or a
 * query string of them (as in a link, without hide/lock). Names are looked up
 * as own properties only; a query string's values decode as a link's do.
 * Returns {config, flags, lesson?} or {error} (an Error with .field). The
 * values themselves are checked later, by the schema, as any edit's.
 */
export function readPatch(patch, presets) {
  const entries = [];
  if (typeof patch === 'string') {
    for (const [name, text] of new URLSearchParams(patch.replace(/^[?#]/, ''))) entries.push([name, text, true]);
  } else if (patch !== null && typeof patch === 'object' && !Array.isArray(patch)) {
    for (const name of Object.keys(patch)) entries.push([name, patch[name], false]);
  } else {
    return { error: fieldError('setState: expected an object of fields or a query string', '') };
  }
  const result = { config: {}, flags: {} };
  for (const [name, raw, isText] of entries) {
    if (name === 'lesson') {
      const preset = typeof raw === 'string' ? presets.find((p) => p.id === raw) : null;
      if (!preset) return { error: fieldError(`lesson: no lesson called ${JSON.stringify(raw)}`, 'lesson') };
      result.lesson = preset;
    } else if (Object.hasOwn(FIELDS, name)) {
      const decoded = isText ? decodeField(name, raw) : { value: raw };
      if (decoded.error) return { error: fieldError(decoded.error, name) };
      result.config[name] = decoded.value;
    } else if (Object.hasOwn(UI_FLAGS, name)) {
      const decoded = decodeFlag(name, isText ? raw : String(raw));
      // An object's flags keep their JS type: true, not "true"; a list (collapse) is an array of names.
      const { kind, values } = UI_FLAGS[name];
      const typed = kind === 'set' ? Array.isArray(raw) : typeof raw === (kind === 'bool' ? 'boolean' : 'string');
      if (decoded.error || (!isText && !typed)) {
        const expected = { bool: 'true or false', set: `an array of ${values?.join(', ')}` }[kind] ?? `one of ${values.join(', ')}`;
        return { error: fieldError(decoded.error ?? `${name}: expected ${expected}`, name) };
      }
      result.flags[name] = decoded.value;
    } else if (name === 'hide' || name === 'lock') {
      return { error: fieldError(`${name}: the embedder's hidden and locked controls are set at mount (the link or the config attribute), not by setState`, name) };
    } else {
      return { error: fieldError(`${name}: unknown field`, name) };
    }
  }
  return result;
}

/**
 * Applies a readPatch result in one go: the lesson first, then the config
 * fields, then the flags. All or nothing: {state} or {error} (an Error with .field).
 */
export function applyPatch(state, { config, flags, lesson }) {
  let next = state;
  const steps = [
    ...(lesson ? [{ type: 'lesson', preset: lesson }] : []),
    ...(Object.keys(config).length ? [{ type: 'config', patch: config }] : []),
    ...Object.entries(flags).map(([name, value]) => ({ type: 'flag', name, value })),
  ];
  for (const action of steps) {
    if (action.type === 'config') {
      const [first] = validateConfig(action.patch, next.config).errors;
      if (first) return { error: fieldError(first.message, first.field) };
    }
    const result = reduce(next, action);
    if (result.locked) return { error: fieldError(lockedMessage(result.locked), result.locked.field ?? result.locked.control) };
    if (result.error) return { error: fieldError(result.error, '') };
    next = result.state;
  }
  return { state: next };
}
