// Surviving a trap of the WebAssembly core (an out-of-memory abort under
// -fno-exceptions, an out-of-bounds access, a stack overflow): the module is
// then dead, so the session drops it and rebuilds its trainer on a fresh
// module from the newest checkpoint kept here, in JS, where the trap cannot
// reach it. A fault that comes straight back is not retried for ever.
import { isCoreFault } from '../api/index.js';

/**
 * Weights are kept in a checkpoint up to this many parameters. Taking one is
 * a copy of the parameter block (4 bytes a parameter: 4 MB, about a
 * millisecond); restoring one goes through the model JSON (about 12 bytes a
 * parameter, a second or so for a million), which only a fault pays for.
 * Bigger networks keep their config only and restart from step 0.
 */
export const CHECKPOINT_MAX_PARAMS = 1_000_000;
/** While training runs, a checkpoint is taken at most this often (ms). */
export const CHECKPOINT_EVERY_MS = 2000;
/** Restarts allowed within RESTART_WINDOW_MS; a fault beyond them stops the core for good. */
export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 10_000;

/** What went wrong, in words, from a trap's message. */
export function faultCause(error) {
  const message = String(error?.message ?? error);
  if (/out of memory|enlarge memory|allocation failed|OOM/i.test(message)) return 'out of memory';
  // Emscripten's abort(): under -fno-exceptions a failed allocation ends there.
  if (/^Aborted\(/.test(message) || /\babort/i.test(message)) return 'it aborted, most likely out of memory';
  if (/out of bounds/i.test(message)) return 'a memory access out of bounds';
  if (/unreachable/i.test(message)) return 'it reached code marked unreachable';
  if (/call stack/i.test(message)) return 'its stack overflowed';
  return message.slice(0, 120);
}

export function restartMessage({ cause, step, weights }) {
  return weights
    ? `The core stopped (${cause}); restarted from step ${step}.`
    : `The core stopped (${cause}); restarted from step 0 with the same settings ` +
        `(networks over ${CHECKPOINT_MAX_PARAMS.toLocaleString('en')} parameters keep no copy of their weights).`;
}

export function gaveUpMessage(cause) {
  return `The core stopped (${cause}) again after ${MAX_RESTARTS} restarts in ${RESTART_WINDOW_MS / 1000} s; ` +
    'it is not restarted again. Change the settings (a smaller network or data set) or reload the page.';
}

/**
 * The newest good state and the recent restarts.
 * @param {{now: () => number}} deps
 */
export function createRecovery({ now }) {
  let checkpoint = null; // {config, options, params: Float32Array|null, step, at}
  let restarts = []; // times of the restarts within the window

  return {
    /** The newest checkpoint, or null before the first good trainer. */
    get checkpoint() {
      return checkpoint;
    },
    /** Keeps the trainer's config, and its weights and step when small enough. Calls into the core. */
    save(trainer, options) {
      const weights = trainer.paramCount <= CHECKPOINT_MAX_PARAMS;
      checkpoint = {
        config: trainer.config,
        options,
        params: weights ? trainer.params() : null,
        step: weights ? trainer.progress().step : 0,
        at: now(),
      };
    },
    /** Whether the newest checkpoint is old enough to be replaced while training runs. */
    due() {
      return checkpoint !== null && now() - checkpoint.at >= CHECKPOINT_EVERY_MS;
    },
    /** Counts a restart about to be tried; false when MAX_RESTARTS were tried within the window. */
    allowRestart() {
      const t = now();
      restarts = restarts.filter((at) => t - at < RESTART_WINDOW_MS);
      if (restarts.length >= MAX_RESTARTS) return false;
      restarts.push(t);
      return true;
    },
  };
}

/**
 * A trainer rebuilt from a checkpoint on a fresh module: the config, then the
 * weights and step through the core's own model format (its export of the new
 * trainer, with the saved step and parameters put in), so this file knows
 * nothing of that format but its two fields. A trap here is thrown as it is.
 */
export async function restoreCheckpoint({ config, options, params, step }, createTrainer) {
  const trainer = await createTrainer(config, options);
  if (params === null) return trainer;
  try {
    const model = JSON.parse(trainer.exportJson());
    model.step = step;
    model.params = Array.from(params);
    trainer.importJson(JSON.stringify(model));
  } catch (error) {
    if (isCoreFault(error)) trainer.abandon();
    else trainer.delete();
    throw error;
  }
  return trainer;
}

/**
 * Rebuilds a trainer from the newest checkpoint, trying again after a trap
 * for as long as the recovery allows restarts. Another error (the core can no
 * longer be loaded) ends the tries at once.
 * @returns {Promise<{trainer: object | null, failure: Error | null, attempt: number}>}
 */
export async function rebuildFromCheckpoint(recovery, createTrainer) {
  let attempt = 0;
  while (recovery.allowRestart()) {
    attempt += 1;
    try {
      return { trainer: await restoreCheckpoint(recovery.checkpoint, createTrainer), failure: null, attempt };
    } catch (again) {
      if (!isCoreFault(again)) return { trainer: null, failure: again, attempt };
    }
  }
  return { trainer: null, failure: null, attempt };
}
