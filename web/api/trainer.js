// The Trainer class of the JS API: one C++ trainer behind an Embind handle.
// Every argument is checked before it crosses (the core checks again), every
// error is an Error with `.field`, and every buffer handed out is a copy JS
// owns. createTrainer() in index.js builds it.
import { defaultConfig } from '../shared/schema.js';
import { MODEL_JSON_MAX_BYTES, textTooLong } from '../shared/limits.js';
import { DIGIT_COUNT } from '../shared/config-fields.js';
import { MAX_EPOCHS_PER_CALL, MAX_GRID_SIZE, MAX_STEPS_PER_CALL, MIN_GRID_SIZE } from './call-limits.js';
import {
  checkBudget, checkWhole, configText, coreError, describe, parseOrNull, strictConfig, tidyCoreConfig,
} from './checks.js';
import { fieldError, forgetCore } from './loader.js';

// A trainer the program dropped without delete() still frees its C++ side.
const orphans = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => {
      try {
        if (!handle.isDeleted()) handle.delete();
      } catch {
        // Its module trapped since: nothing left to free there.
      }
    })
  : null;

export class Trainer {
  #core;
  #handle;
  #build;
  #config;

  /** @private Use createTrainer(). */
  constructor(core, handle, build, config) {
    this.#core = core;
    this.#handle = handle;
    this.#build = build;
    this.#config = config;
    orphans?.register(this, handle, this);
  }

  /** 'simd' or 'scalar': the build this trainer runs on. */
  get build() {
    return this.#build;
  }

  /** Whether the core's kernels use SIMD128. */
  get simd() {
    return this.#core.kernelIsa() === 'wasmsimd';
  }

  /** A copy of the current config, every field present. */
  get config() {
    return structuredClone(this.#config);
  }

  get paramCount() {
    return this.#live().paramCount();
  }

  get deleted() {
    return this.#handle === null;
  }

  /**
   * Applies a partial config on top of the current one. Live fields (the
   * optimiser's) keep the weights; others rebuild data and network. On error
   * nothing changes.
   */
  configure(patch) {
    const handle = this.#live();
    const next = strictConfig(patch, this.#config);
    this.#check(handle.configure(configText(next)));
    this.#config = next;
    return { rebuilt: handle.rebuilt() };
  }

  /** New weights and optimiser state from the seed; the data is kept. */
  reset() {
    this.#check(this.#live().reset());
  }

  /**
   * Runs n mini-batch steps. Divergence is a result, not an exception: the
   * returned progress says `diverged` and the weights are those of the older
   * of the two latest epoch checkpoints, from before the blow-up.
   */
  step(n = 1) {
    return this.#train('step', checkWhole('steps', n, 0, MAX_STEPS_PER_CALL));
  }

  /**
   * Trains for at most about `flopBudget` floating-point operations (counted
   * as estimateCost counts them), so that a caller stays responsive whatever
   * the network's size. A step that fits the budget runs whole, exactly as
   * step(1); a larger one runs in pieces over several calls, and its update
   * lands with the last. Returns progress as step() does, plus `finished`:
   * whether a step completed in this call. step() finishes a step under way;
   * configure(), reset(), setParams(), setWeight() and importJson() drop it.
   */
  stepWithin(flopBudget) {
    const handle = this.#live();
    checkBudget(flopBudget);
    const message = handle.stepWithin(flopBudget);
    const progress = handle.progress();
    if (message && !progress.diverged) throw coreError(message);
    return { ...progress, finished: handle.stepFinished() };
  }

  /** Whether a step begun by stepWithin() is part done. */
  get stepInProgress() {
    return this.#live().stepInProgress();
  }

  /** Runs n passes over the shuffled training set; returns progress as step() does. */
  stepEpochs(n = 1) {
    return this.#train('stepEpochs', checkWhole('epochs', n, 0, MAX_EPOCHS_PER_CALL));
  }

  /** A full pass over train and test sets: losses, accuracies, layer statistics. */
  evaluate() {
    this.#check(this.#live().evaluate());
  }

  /**
   * Runs at most about `flopBudget` operations of a full pass (evaluate()),
   * so that a caller stays responsive on a network whose pass is long; the
   * next call resumes it. Returns {finished}: once true, metrics() has the
   * new pass, bit for bit what evaluate() gives. A step, a new config, reset
   * or a weight change drops a pass under way; the next call starts afresh.
   */
  evaluateWithin(flopBudget) {
    const handle = this.#live();
    checkBudget(flopBudget);
    this.#check(handle.evaluateWithin(flopBudget));
    return { finished: handle.evaluationFinished() };
  }

  /** Whether a pass begun by evaluateWithin() is part done. */
  get evaluationInProgress() {
    return this.#live().evaluationInProgress();
  }

  /** The cheap counters: step, epoch, learning rate, last batch loss, divergence. */
  progress() {
    return this.#live().progress();
  }

  /** Step counters, losses and per-layer diagnostics, as plain JS objects. */
  metrics() {
    return this.#live().metrics();
  }

  /** Number of grid nodes: every hidden unit (if `hidden`) then every output. */
  gridNodeCount({ hidden = false } = {}) {
    return this.#live().gridNodeCount(Boolean(hidden));
  }

  /**
   * The nodes over an n x n grid of the input plane: [nodes x n x n], row 0 at
   * the top. Written into `out` when given (it must have the exact length).
   * With `regions`, the same pass computes the activation patterns that
   * gridRegions() then returns.
   */
  evalGrid(n, { hidden = false, out, regions = false } = {}) {
    const handle = this.#live();
    checkWhole('gridSize', n, MIN_GRID_SIZE, MAX_GRID_SIZE);
    this.#check(handle.evalGrid(n, Boolean(hidden), Boolean(regions)));
    const view = handle.gridView();
    if (out === undefined) return view.slice();
    if (!(out instanceof Float32Array) || out.length !== view.length) {
      throw fieldError('out', `out: expected a Float32Array of ${view.length} floats`);
    }
    out.set(view);
    return out;
  }

  /**
   * evalGrid() in pieces of at most about `flopBudget` operations: returns
   * {finished: false} until the grid is complete, then {finished: true, grid}
   * with the grid evalGrid() gives, bit for bit. The next call with the same
   * n, `hidden` and `regions` resumes; anything else (or a change of weights)
   * starts afresh. With `regions`, the finished result carries gridRegions()'s.
   */
  evalGridWithin(n, flopBudget, { hidden = false, regions = false } = {}) {
    const handle = this.#live();
    checkWhole('gridSize', n, MIN_GRID_SIZE, MAX_GRID_SIZE);
    checkBudget(flopBudget);
    this.#check(handle.evalGridWithin(n, Boolean(hidden), flopBudget, Boolean(regions)));
    if (!handle.gridFinished()) return { finished: false };
    const grid = handle.gridView().slice();
    return regions ? { finished: true, grid, regions: this.gridRegions() } : { finished: true, grid };
  }

  /**
   * The linear regions of the last grid asked for with `regions`: each
   * pixel's activation pattern as a small id, numbered from the top left,
   * and their count; or, when a hidden activation is not piecewise linear,
   * {count: 0, ids: empty, error: 'regions need piecewise-linear activations ...'}.
   */
  gridRegions() {
    const handle = this.#live();
    const error = handle.regionError();
    const ids = handle.regionsView().slice();
    return error ? { count: 0, ids, error } : { count: handle.regionCount(), ids };
  }

  /** A copy of the whole parameter block (layout: see layers()). */
  params() {
    return this.#live().paramsView().slice();
  }

  /**
   * Stretches of the parameter block, one after the other in one new array,
   * without copying the rest: `ranges` is [start, length, start, length, ...]
   * within [0, paramCount]. What a page that draws a few units of a big
   * network reads each frame.
   */
  paramRanges(ranges) {
    const handle = this.#live();
    if (!(ranges instanceof Uint32Array || Array.isArray(ranges)) || ranges.length % 2 !== 0) {
      throw fieldError('ranges', 'ranges: expected [start, length, ...] pairs of whole numbers');
    }
    const view = handle.paramsView();
    let total = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      const start = ranges[i];
      const length = ranges[i + 1];
      const whole = Number.isInteger(start) && Number.isInteger(length) && start >= 0 && length >= 0;
      if (!whole || start + length > view.length) {
        throw fieldError('ranges', `ranges[${i}]: [${describe(start)}, +${describe(length)}) is not within the ${view.length} parameters`);
      }
      total += length;
    }
    const out = new Float32Array(total);
    let at = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      out.set(view.subarray(ranges[i], ranges[i] + ranges[i + 1]), at);
      at += ranges[i + 1];
    }
    return out;
  }

  /** Replaces every parameter; `values` has paramCount finite numbers. */
  setParams(values) {
    const handle = this.#live();
    const isList = values instanceof Float32Array || values instanceof Float64Array || Array.isArray(values);
    if (!isList) throw fieldError('params', 'params: expected a Float32Array or an array of numbers');
    const expected = handle.paramCount();
    if (values.length !== expected) {
      throw fieldError('params', `params: expected ${expected} numbers, got ${values.length}`);
    }
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
        throw fieldError('params', `params[${i}]: ${describe(values[i])} is not a finite number`);
      }
    }
    this.#check(handle.setParams(values instanceof Float32Array ? values : Float32Array.from(values)));
  }

  /** One weight, W[to, from] of weight layer `layer`, as clicking a link edits it. */
  setWeight({ layer, to, from, value } = {}) {
    const handle = this.#live();
    for (const [name, index] of Object.entries({ layer, to, from })) checkWhole(name, index, 0, 2 ** 31 - 1);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw fieldError('value', `value: ${describe(value)} is not a finite number`);
    }
    this.#check(handle.setWeight(layer, to, from, value));
  }

  /**
   * Per weight layer (hidden layers, then the output): inputs, outputs,
   * activation, and offsets into params(): W [outputs x inputs] column-major
   * at weightOffset, biases at biasOffset, slopeCount PReLU slopes at slopeOffset.
   */
  layers() {
    return this.#live().layers();
  }

  /** Copies of the data: {train, test}, each [x1, x2, label] per point. */
  points() {
    const handle = this.#live();
    // Copy the first view before the second call can move the heap.
    const train = handle.pointsView(false).slice();
    const test = handle.pointsView(true).slice();
    return { train, test };
  }

  /**
   * The class the network predicts for each test point, in points().test's
   * order, from the last full evaluation (Int32Array copy); empty before the
   * first evaluation and for regression.
   */
  testPredictions() {
    return this.#live().testPredictionsView().slice();
  }

  /**
   * What excites each unit most, from the last full evaluation: for every
   * unit of every layer in order (hidden layers, then the outputs), the test
   * point (its position in points().test; -1 with none) with the largest
   * activation, and that activation (copies). Empty before the first evaluation.
   */
  testTopUnits() {
    const handle = this.#live();
    const samples = handle.testTopSamplesView().slice(); // copied before the next call can move the heap
    const activations = handle.testTopActivationsView().slice();
    return { samples, activations };
  }

  /**
   * Image `index` of the digits dataset (data/digits): 64 pixels, row by row,
   * in [0, 1] (Float32Array copy). With dataset "digits", a point's x1 is its
   * image's index.
   */
  digitPixels(index) {
    if (!Number.isInteger(index) || index < 0 || index >= DIGIT_COUNT) {
      throw fieldError('index', `index: ${index} is not a whole number in [0, ${DIGIT_COUNT - 1}]`);
    }
    return this.#live().digitPixelsView(index).slice();
  }

  /**
   * The forward pass of one input (a digit drawn on the page): `input` has
   * layers()[0].inputs finite numbers. Returns {outputs: Float32Array (the
   * head's: softmax probabilities for multiclass), activations: [Float32Array
   * per hidden layer], predicted: the class (-1 for regression)}. Leaves
   * training and any pass under way alone.
   */
  classify(input) {
    const handle = this.#live();
    const isList = input instanceof Float32Array || input instanceof Float64Array || Array.isArray(input);
    if (!isList) throw fieldError('input', 'input: expected a Float32Array or an array of numbers');
    this.#check(handle.classify(input instanceof Float32Array ? input : Float32Array.from(input)));
    const sizes = handle.layers().map((layer) => layer.outputs);
    const flat = handle.classificationView().slice();
    const outputs = flat.subarray(0, sizes.at(-1));
    let at = outputs.length;
    const activations = sizes.slice(0, -1).map((units) => flat.slice(at, (at += units)));
    return { outputs: outputs.slice(), activations, predicted: handle.classifiedClass() };
  }

  /**
   * The model (config, step and parameters) as JSON text. The core writes it
   * into its heap and says so when memory is short; a text longer than a
   * JavaScript string can hold (about 512 MB in V8) is refused with the same kind of message.
   */
  exportJson() {
    const handle = this.#live();
    this.#check(handle.exportJson());
    try {
      const bytes = handle.exportView();
      try {
        return new TextDecoder().decode(bytes);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        throw fieldError('model', `model JSON: the export of ${handle.paramCount()} parameters is ${bytes.length} bytes, more than this browser's longest string; export a smaller network`);
      }
    } finally {
      handle.releaseExport();
    }
  }

  /** Replaces config and parameters from exportJson() text; on error nothing changes. */
  importJson(json) {
    const handle = this.#live();
    if (typeof json !== 'string') throw fieldError('json', 'json: expected the text of an exported model');
    const tooLong = textTooLong('json', 'the model text', json, MODEL_JSON_MAX_BYTES);
    if (tooLong) throw fieldError('json', tooLong);
    // Check the config here too, so that JS never refuses what C++ already took.
    // Text that is not JSON is left to the core, whose message gives the byte.
    const model = parseOrNull(json);
    if (model !== null && typeof model === 'object' && Object.hasOwn(model, 'config')) {
      strictConfig(tidyCoreConfig(model.config), defaultConfig());
    }
    this.#check(handle.importJson(json));
    this.#config = strictConfig(tidyCoreConfig(JSON.parse(handle.configJson())), defaultConfig());
    return this.config;
  }

  /** Frees the C++ trainer. Further calls throw; a second delete() does nothing. */
  delete() {
    if (this.#handle === null) return;
    orphans?.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }

  /**
   * After a fault (isCoreFault): forgets this trainer without calling into its
   * dead module, and drops that module so the next createTrainer() of this
   * build loads a fresh one. Other trainers of the same module are dead too.
   */
  abandon() {
    orphans?.unregister(this);
    forgetCore(this.#core);
    this.#handle = null;
  }

  /**
   * Test hook: makes the core trap for real, as a bug in it would: the WASM
   * allocator is handed a pointer it never gave out and the access traps
   * ("memory access out of bounds"). Throws that WebAssembly.RuntimeError.
   */
  trapForTesting() {
    this.#live();
    this.#core._free(1);
    throw new Error('trapForTesting: the core did not trap');
  }

  #train(method, n) {
    const handle = this.#live();
    const message = handle[method](n);
    const progress = handle.progress();
    if (message && !progress.diverged) throw coreError(message);
    return progress;
  }

  #live() {
    if (this.#handle === null) throw fieldError('trainer', 'trainer: used after delete()');
    return this.#handle;
  }

  #check(message) {
    if (message) throw coreError(message);
  }
}
