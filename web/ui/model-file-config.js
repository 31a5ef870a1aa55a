// What a model file's text says before the core reads it: the config it
// carries (for the cost gate) and whether that config would change a field
// the embedder locked. The core reads a model's config over the defaults, as
// here. Untrusted text: own properties only, and anything that is not JSON is
// left for the core's message, which says where. Pure.
import { defaultConfig, validateConfig } from '../shared/schema.js';
import { lockedChange } from './state.js';

/** The model's `config` object, or null (not JSON, not an object, no config of its own). */
export function configOfModel(text) {
  try {
    const model = JSON.parse(text);
    return model !== null && typeof model === 'object' && Object.hasOwn(model, 'config') ? model.config : null;
  } catch {
    return null;
  }
}

/** The locked change loading the model would make ({field, control, …} as state.js's lockedChange), or null. */
export function modelLockedChange(state, text) {
  const config = configOfModel(text);
  return config !== null && typeof config === 'object' ? lockedChange(state, validateConfig(config, defaultConfig()).config) : null;
}
