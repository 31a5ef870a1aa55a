// The message protocol between the page (main thread) and the training worker.
// The UI talks to the core only through these messages.
//
// Requests (main -> worker) carry an `id`; the worker answers each with exactly
// one `reply` carrying the same id: {type: 'reply', id, ok: true, result} or
// {type: 'reply', id, ok: false, error: {message, field?}}. A failed request
// changes nothing: the previous config and weights are kept.
//
// Snapshots are pulled, with one request in flight at most: the page draws
// at animation frames and asks for the next snapshot when the previous one
// has arrived (at once if that reply missed its frame), so snapshots are
// throttled to the display's frame rate and never queue up. The worker answers
// with buffers moved as transferables, not copied.

export const PROTOCOL_VERSION = 1;

/** Request types, main -> worker. */
export const Request = Object.freeze({
  // {config, build?: 'auto'|'simd'|'scalar', wasmBaseUrl?, wasmOrigins?} -> {build, simd, paramCount, config, layers}
  // wasmBaseUrl must be on the worker's origin or one of wasmOrigins (web/shared/wasm-origin.js).
  // layers: [{inputs, outputs, weightOffset, biasOffset, activation}]
  INIT: 'init',
  // {config} full or partial -> {rebuilt: boolean, config, layers, paramCount}. Live fields keep the weights.
  CONFIGURE: 'configure',
  // {} -> {} : train continuously until paused, with an adaptive steps-per-frame budget.
  PLAY: 'play',
  // {} -> {}
  PAUSE: 'pause',
  // {steps?: number, epochs?: number} -> {step} : train now, while paused. A network whose
  // step runs in pieces (see SNAPSHOT's busy) queues up to 1000 steps instead and answers at
  // once with {step, queued}: the worker runs them between requests.
  STEP: 'step',
  // {} -> {} : new weights from the seed, same data.
  RESET: 'reset',
  // {layer, to, from, value} -> {} : one weight, as clicking a link edits it.
  SET_WEIGHT: 'setWeight',
  // {gridSize?: number, hidden?: boolean, params?: boolean, paramUnits?: number, points?: boolean,
  // evaluate?: boolean = true} -> Snapshot. evaluate: false skips the full pass over the data
  // (cheap step metrics only). params: the whole parameter block; paramUnits: n in [1, 1024]
  // instead carries only what a diagram of n units a layer draws (web/shared/drawn-params.js).
  SNAPSHOT: 'snapshot',
  // {} -> {json: string}
  EXPORT: 'export',
  // {json: string} -> {config, layers, paramCount}
  IMPORT: 'import',
  // {budgetMs?: number, stepsPerFrame?: number|'auto', epochsPerFrame?: number} -> the speed now in
  // force: how hard to train while playing.
  SET_SPEED: 'setSpeed',
  // {} -> fails: a test hook that makes the core trap for real (see Trainer#trapForTesting),
  // to exercise the restart below from a test or the console. It can only hurt its own worker.
  INJECT_FAULT: 'injectFault',
});

/** Event types, worker -> main. */
export const Event = Object.freeze({
  REPLY: 'reply',
  // Sent after each successful init: {build, simd, protocol: PROTOCOL_VERSION}
  READY: 'ready',
  // Training stopped because the loss or the weights turned non-finite or exploded:
  // {step, cause}. The weights are back at an epoch checkpoint from before the blow-up.
  DIVERGED: 'diverged',
  // An error outside any request (e.g. the core failed to load): {message}
  ERROR: 'error',
  // The core trapped (a WebAssembly.RuntimeError: out of memory, a bug) and was restarted:
  // {message, cause, step, weights, attempt, gaveUp}. step: where training resumes, from the
  // newest checkpoint; weights: false when only the config could be kept (step 0, new weights).
  // gaveUp: the fault came back after MAX_RESTARTS restarts in a row; there is no trainer now.
  // The request that was running when the core trapped fails with field 'core' and this message.
  RESTARTED: 'restarted',
});

/**
 * @typedef {Object} LayerDiagnostics
 * @property {number} units
 * @property {string} activation
 * @property {number} preMean
 * @property {number} preStd
 * @property {number} actMean
 * @property {number} actStd
 * @property {number} sparsity      fraction of activations exactly 0, last full pass
 * @property {number} deadUnits     units 0 for every training sample, last full pass
 * @property {number[]} histogram   fixed bins, see HISTOGRAM
 * @property {number} weightNorm
 * @property {number} gradNorm
 * @property {number} updateRatio
 * @property {number[]} preluSlopes
 */

/**
 * @typedef {Object} Snapshot  result of Request.SNAPSHOT
 * @property {number} step
 * @property {number} epoch
 * @property {number} learningRate
 * @property {number} batchLoss
 * @property {number} trainLoss
 * @property {number} testLoss
 * @property {number} trainAccuracy
 * @property {number} testAccuracy
 * @property {LayerDiagnostics[]} layers
 * @property {boolean} diverged
 * @property {number} divergedAtStep
 * @property {string} divergedCause
 * @property {boolean} playing
 * @property {number} stepsPerSecond    measured by the worker
 * @property {number} stepsPerSlice     the adaptive slice size now in use
 * @property {boolean} busy             training, or a step in pieces under way: the next snapshot will differ
 * @property {number} gridSize           n; 0 when no grid was asked for
 * @property {number} gridNodes          nodes in `grid`
 * @property {Float32Array=} grid        [nodes x n x n], hidden units first, then outputs
 * @property {Float32Array=} params      the whole parameter block, or with paramUnits the drawn part
 * @property {number=} paramUnits        with paramUnits: the drawnParamsPlan() units `params` follows
 * @property {Float32Array=} trainPoints [x1, x2, label] * count
 * @property {Float32Array=} testPoints  [x1, x2, label] * count
 */

/** The fixed activation histogram of the core. */
export const HISTOGRAM = Object.freeze({ bins: 40, min: -4, max: 4 });

/** The input plane drawn by the grid: [-DOMAIN, DOMAIN]^2. */
export const DOMAIN = 6;
