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

import { MAX_PARAM_UNITS } from './drawn-params.js';

// The requests are declared once, in METHODS below: the client's methods
// (client.js) and the worker's dispatch (web/worker/dispatch.js) are made
// from that list, so a new request is one entry here plus its handler in
// web/worker/session.js.

/**
 * The protocol's version. The client sends it with INIT and the worker
 * refuses another; the worker names it in READY and the client refuses
 * another. A page and a worker from different builds (one of them cached)
 * then fail with a message instead of misreading each other.
 */
export const PROTOCOL_VERSION = 1;

/** Most steps one step request may queue for a network whose step runs in pieces. */
export const MAX_QUEUED_STEPS = 1000;

/** The message both sides give when the page and the worker speak different versions. */
export function versionMismatch(pageVersion, workerVersion) {
  return `protocol: the page speaks version ${JSON.stringify(pageVersion)} of the worker protocol and the worker ` +
    `version ${JSON.stringify(workerVersion)}; reload the page so that both come from the same build`;
}

/**
 * Every request, main -> worker, by the client's method name:
 * - type: the message's `type` on the wire;
 * - fields: the request's fields, the only ones that reach its handler;
 * - defaults: what the client sends for a field its caller left out (other
 *   fields left out are not sent);
 * - argument: the client method takes this one field as its argument, instead
 *   of an object of fields;
 * - unwrap: the client method resolves with this field of the result;
 * - transfers: the handler returns {result, transfer}: buffers moved, not copied;
 * - doc: fields -> result.
 */
export const METHODS = deepFreeze({
  init: {
    type: 'init',
    fields: ['config', 'build', 'wasmBaseUrl', 'wasmOrigins', 'protocol'],
    defaults: { config: {}, build: 'auto', protocol: PROTOCOL_VERSION },
    doc: '{config, build?: \'auto\'|\'simd\'|\'scalar\', wasmBaseUrl?, wasmOrigins?, protocol} -> ' +
      '{build, simd, paramCount, config, layers}. Loads the core and creates the trainer; ' +
      'wasmBaseUrl must be on the worker\'s origin or one of wasmOrigins (web/shared/wasm-origin.js); ' +
      'layers: [{inputs, outputs, weightOffset, biasOffset, activation}]; ' +
      'protocol: the client\'s PROTOCOL_VERSION, refused when it is not the worker\'s.',
  },
  configure: {
    type: 'configure',
    fields: ['config'],
    argument: 'config',
    doc: '{config} full or partial -> {rebuilt: boolean, config, layers, paramCount}. Live fields keep the weights.',
  },
  play: {
    type: 'play',
    fields: [],
    doc: '{} -> {}: train continuously until paused, with an adaptive steps-per-frame budget.',
  },
  pause: {
    type: 'pause',
    fields: [],
    doc: '{} -> {}',
  },
  step: {
    type: 'step',
    fields: ['steps', 'epochs'],
    doc: '{steps?: number, epochs?: number} -> {step}: train now, while paused (default one step). ' +
      `A network whose step runs in pieces (see snapshot's busy) queues up to ${MAX_QUEUED_STEPS} steps instead and ` +
      'answers at once with {step, queued}: the worker runs them between requests. ' +
      'A longer request of whole steps runs in chunks (a piece\'s worth of steps, or one epoch) with requests ' +
      'answered between them; pause, reset, configure, setWeight, import or init stops the rest, and the reply gives the step reached.',
  },
  reset: {
    type: 'reset',
    fields: [],
    doc: '{} -> {}: new weights from the seed, same data.',
  },
  setWeight: {
    type: 'setWeight',
    fields: ['layer', 'to', 'from', 'value'],
    doc: '{layer, to, from, value} -> {}: one weight, as clicking a link edits it.',
  },
  snapshot: {
    type: 'snapshot',
    fields: ['gridSize', 'hidden', 'params', 'paramUnits', 'points', 'evaluate', 'regions', 'digits'],
    defaults: { gridSize: 0, hidden: false, params: false, points: false, evaluate: true, regions: false, digits: false },
    transfers: true,
    doc: '{gridSize?, hidden?, params?, paramUnits?, points?, evaluate? = true, regions?, digits?} -> Snapshot, its buffers moved. ' +
      'evaluate: false skips the full pass over the data (cheap step metrics only). params: the whole ' +
      `parameter block; paramUnits: n in [1, ${MAX_PARAM_UNITS}] instead carries only what a diagram of n units a layer ` +
      'draws (web/shared/drawn-params.js). regions (with a grid): the linear regions of the same pass, ' +
      'see Snapshot.regions. digits: with dataset "digits", the test set\'s confusion matrix and a ' +
      'fixed sample of test digits with their predictions (web/worker/digits-report.js); a grid is never drawn ' +
      'for "digits" (it has no plane), so gridSize and regions are then ignored (web/worker/drawable.js). With paramUnits too, digits.units: the ' +
      'diagram\'s tiles (web/shared/digit-tiles.js): the drawn first-layer units\' 64 incoming weights and each deeper ' +
      'drawn unit\'s most exciting test digit from the last full pass (web/worker/digit-units.js).',
  },
  exportModel: {
    type: 'export',
    fields: [],
    unwrap: 'json',
    doc: '{} -> {json: string}: the model as JSON text.',
  },
  importModel: {
    type: 'import',
    fields: ['json'],
    argument: 'json',
    doc: '{json: string} -> {config, layers, paramCount} of the imported model.',
  },
  setSpeed: {
    type: 'setSpeed',
    fields: ['budgetMs', 'stepsPerFrame', 'epochsPerFrame'],
    doc: '{budgetMs?, stepsPerFrame?: number|\'auto\', epochsPerFrame?} -> the speed now in force: ' +
      'how hard to train while playing.',
  },
  injectFault: {
    type: 'injectFault',
    fields: [],
    doc: '{} -> fails: a test hook that makes the core trap for real (see Trainer#trapForTesting), to ' +
      'exercise the restart (Event.RESTARTED) from a test or the console. It can only hurt its own worker.',
  },
  timeline: {
    type: 'timeline',
    fields: [],
    doc: '{} -> {enabled, reason, present, steps: number[], marks: [{step, kind, detail?}], bytes, maxBytes, maxCheckpoints}: ' +
      'the replay timeline, the steps whose whole parameter block the worker keeps (thinned within ' +
      'TIMELINE_MAX_BYTES of web/shared/limits.js: the start, the marked steps and the recent past dense, older ' +
      'history sparser) and its marks (kind: start, diverged, restored, changed, edited, forked); ' +
      'bytes: what the kept checkpoints cost; enabled: false (with the reason) for a network too big to keep.',
  },
  snapshotAt: {
    type: 'snapshotAt',
    fields: ['step', 'gridSize', 'hidden', 'paramUnits', 'digits'],
    defaults: { gridSize: 0, hidden: false, digits: false },
    transfers: true,
    doc: '{step, gridSize?, hidden?, paramUnits?, digits?} -> Snapshot of the kept step nearest to `step` (its `step` says ' +
      'which), evaluated with those parameters on a second trainer, so the live one is untouched; plus ' +
      '`present`: the live step. Always evaluated, never in pieces. digits: as in snapshot, that step\'s digits report.',
  },
  forkFrom: {
    type: 'forkFrom',
    fields: ['step'],
    argument: 'step',
    doc: '{step} a kept step -> {step, epoch, ..., dropped}: continue from here. The live trainer takes that ' +
      'step\'s parameters and step count (the optimiser\'s averages and the data order start afresh, as after ' +
      'an import); the `dropped` later checkpoints and their marks are gone.',
  },
  classify: {
    type: 'classify',
    fields: ['input'],
    argument: 'input',
    doc: '{input: Float32Array of the 64 pixels in [0, 1]} -> {predicted, probabilities: Float32Array(10), ' +
      'activations: [Float32Array per hidden layer]}: a digit drawn on the page through the live network ' +
      '(Trainer#classify); dataset "digits" only. The page sends the next when this one is answered.',
  },
});

function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// 'setWeight' -> 'SET_WEIGHT'
function constantName(type) {
  return type.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/** Request types, main -> worker, by constant name: Request.SET_WEIGHT === 'setWeight'. */
export const Request = Object.freeze(Object.fromEntries(
  Object.values(METHODS).map(({ type }) => [constantName(type), type]),
));

/** The METHODS entry of each wire type. */
export const METHOD_OF_TYPE = Object.freeze(Object.fromEntries(
  Object.entries(METHODS).map(([name, method]) => [method.type, Object.freeze({ name, ...method })]),
));

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
 * @property {number} saturatedUnits  sigmoid/tanh units within 2% of a limit on 95% of the samples, last full pass
 * @property {Uint32Array} deadMask      per unit: 1 where it is dead
 * @property {Uint32Array} saturatedMask per unit: 1 where it is saturated
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
 * @property {RegionsSnapshot=} regions  with the request's regions: the grid's linear regions
 * @property {Float32Array=} params      the whole parameter block, or with paramUnits the drawn part
 * @property {number=} paramUnits        with paramUnits: the drawnParamsPlan() units `params` follows
 * @property {Float32Array=} trainPoints [x1, x2, label] * count
 * @property {Float32Array=} testPoints  [x1, x2, label] * count
 * @property {Object=} digits            with digits: {classes, total, confusion, sample, units?} (web/worker/digits-report.js, digit-units.js)
 */

/**
 * @typedef {Object} RegionsSnapshot  the activation patterns of the snapshot's grid
 * @property {number} count        distinct patterns (linear regions) on the grid; 0 with error
 * @property {Uint32Array} ids     [n x n] each pixel's region in [0, count), numbered from the top left
 * @property {string=} error       'regions need piecewise-linear activations ...' when they are not
 * @property {Float32Array|null} lines  [w1, w2, b] per first-layer unit: its on/off line
 *                                 w1·x1 + w2·x2 + b = 0; null unless the features are exactly x1, x2
 */

// HISTOGRAM, SATURATION and DOMAIN are the core's (kHistogram* in cpp/model/trainer.h,
// kDomain in config.h), held to what it bins and draws by
// tests/js/api/core-constants.test.js.

/**
 * A saturated sigmoid/tanh unit (the layers' saturatedMask): its output lies within
 * `margin` of the activation's range from a limit on at least `share` of the
 * training samples (kSaturationMargin, kSaturatedShare in cpp/model/trainer.h).
 */
export const SATURATION = Object.freeze({ margin: 0.02, share: 0.95 });

/** The fixed activation histogram of the core. */
export const HISTOGRAM = Object.freeze({ bins: 40, min: -4, max: 4 });

/** The input plane drawn by the grid: [-DOMAIN, DOMAIN]^2. */
export const DOMAIN = 6;
