// The JS API of the core: createTrainer(config) -> Promise<Trainer>.
//
// It hides Embind: configs are plain objects checked against
// web/shared/schema.js before they reach C++ (which checks them again), every
// error is an Error with `.field`, and every buffer handed out is a copy that
// JS owns (views into the WASM heap die when memory grows; see docs/API.md).
import { defaultConfig } from '../shared/schema.js';
import { checkOptions, configText, coreError, isCoreFault, strictConfig } from './checks.js';
import { BUILDS, detectSimd, forgetCore, loadCore, resolveBuild } from './loader.js';
import { Trainer } from './trainer.js';

export { BUILDS, detectSimd, isCoreFault, Trainer };
export { MAX_EPOCHS_PER_CALL, MAX_GRID_SIZE, MAX_STEPS_PER_CALL, MIN_GRID_SIZE } from './call-limits.js';

/**
 * Loads the core (once per build) and creates a trainer.
 * @param {object} config  partial config: missing fields take their defaults
 * @param {{build?: 'auto'|'simd'|'scalar', wasmBaseUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} options
 */
export async function createTrainer(config = {}, options = {}) {
  const settings = checkOptions(options);
  const full = strictConfig(config, defaultConfig());
  const build = resolveBuild(settings.build);
  const core = await loadCore(build, settings);
  let handle;
  let message;
  try {
    handle = new core.TrainerHandle();
    message = handle.create(configText(full));
  } catch (error) {
    if (isCoreFault(error)) forgetCore(core); // never hand the dead module out again
    throw error;
  }
  if (message) {
    handle.delete();
    throw coreError(message);
  }
  return new Trainer(core, handle, build, full);
}

/**
 * The core's cost estimate of a config (cpp/model/cost.h): {paramCount,
 * bytes, maxBytes, trainCount, testCount, batchSize, stepFlops,
 * evaluateFlops, forwardFlopsPerSample}. Builds nothing; rejects with the
 * config's validation error. web/shared/cost.js computes the same figures
 * without loading the core.
 */
export async function estimateCost(config = {}, options = {}) {
  const settings = checkOptions(options);
  const full = strictConfig(config, defaultConfig());
  const core = await loadCore(resolveBuild(settings.build), settings);
  const cost = core.estimateCost(configText(full));
  if (typeof cost.error === 'string') throw coreError(cost.error);
  return cost;
}

/**
 * Counters of a loaded build's module, for leak checks: bytes malloc'd,
 * bytes of WASM memory, live C++ trainers and live Embind value handles.
 */
export async function coreStats(options = {}) {
  const settings = checkOptions(options);
  const build = resolveBuild(settings.build);
  const core = await loadCore(build, settings);
  return {
    build,
    heapBytesInUse: core.heapBytesInUse(),
    memoryBytes: core.memoryBytes(),
    liveTrainers: core.liveTrainers(),
    embindHandles: core.count_emval_handles(),
  };
}

