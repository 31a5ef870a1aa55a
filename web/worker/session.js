// The training worker's logic, independent of how messages travel: the entry
// (training.worker.js) feeds it requests and gives it a `post(message,
// transfer)` function, in a browser Web Worker or under Node's worker_threads.
// The protocol is documented in web/shared/protocol.js and docs/API.md.
import { createTrainer as createCoreTrainer } from '../api/index.js';
import { Event, PROTOCOL_VERSION, Request } from '../shared/protocol.js';
import { FRAME_MS, RateMeter, applySpeed, defaultSpeed, nextStepsPerSlice, stepsPerFrame } from './pacing.js';

/**
 * Yields to the event loop between slices, so that requests are answered.
 * Node: setImmediate (its MessagePort drains posted messages ahead of timers
 * and can starve them). Browsers: a MessageChannel, which, unlike nested
 * setTimeout(0), is not clamped to 4 ms.
 */
function createYielder() {
  if (typeof setImmediate === 'function') {
    return { yieldThen: (fn) => setImmediate(fn), close() {} };
  }
  if (typeof MessageChannel !== 'function') {
    return { yieldThen: (fn) => setTimeout(fn, 0), close() {} };
  }
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    yieldThen(fn) {
      waiting.push(fn);
      channel.port2.postMessage(null);
    },
    close() {
      channel.port1.close();
    },
  };
}

function errorPayload(error) {
  const payload = { message: String(error?.message ?? error) };
  if (typeof error?.field === 'string' && error.field !== '') payload.field = error.field;
  return payload;
}

function requestError(field, message) {
  const error = new Error(message);
  error.field = field;
  return error;
}

/**
 * @param {object} deps
 * @param {(message: object, transfer?: Transferable[]) => void} deps.post
 * @param {typeof createCoreTrainer} [deps.createTrainer]
 * @param {() => number} [deps.now]
 */
export function createSession({ post, createTrainer = createCoreTrainer, now = () => performance.now() }) {
  const yielder = createYielder();
  const meter = new RateMeter();
  let trainer = null;
  let speed = defaultSpeed();
  let playing = false;
  let loopRunning = false;
  let stepsPerSlice = 1;
  let stepsPerEpoch = 1;
  let evaluated = false; // metrics are from a full pass over the current weights
  let queue = Promise.resolve();

  function needTrainer() {
    if (!trainer) throw requestError('', 'the core is not loaded yet: send init first');
    return trainer;
  }

  function changed() {
    evaluated = false;
  }

  function learnShape() {
    const { train } = trainer.points();
    const trainCount = train.length / 3;
    stepsPerEpoch = trainCount / Math.min(trainer.config.batchSize, Math.max(trainCount, 1));
  }

  function describeModel() {
    return { config: trainer.config, layers: trainer.layers(), paramCount: trainer.paramCount };
  }

  function reportDivergence(progress) {
    post({ type: Event.DIVERGED, step: progress.divergedAtStep, cause: progress.divergedCause });
  }

  function stopPlaying() {
    playing = false;
    meter.stop();
  }

  // One slice of play: about budgetMs of training, then yield so requests
  // (snapshots, pause) are answered between slices.
  let frameStart = 0;
  let frameSteps = 0;
  function slice() {
    if (!playing || !trainer) {
      loopRunning = false;
      return;
    }
    const perFrame = stepsPerFrame(speed, stepsPerEpoch);
    const start = now();
    if (start - frameStart >= FRAME_MS) {
      // Keep to the 60 Hz grid while less than a frame late, so timer delays
      // do not add up to fewer frames' worth of steps per second; further
      // behind, start afresh rather than train a backlog in one burst.
      const behind = start - frameStart - FRAME_MS;
      frameStart = behind < FRAME_MS ? frameStart + FRAME_MS : start;
      frameSteps = 0;
    }
    // A speed or config change can shrink the quota below what this frame has trained: then none until the next frame.
    const steps = Math.max(0, Math.min(stepsPerSlice, perFrame - frameSteps));
    let progress;
    try {
      const before = trainer.progress().step;
      progress = trainer.step(steps);
      const done = progress.step - before;
      const end = now();
      frameSteps += done;
      meter.add(Math.max(0, done), end);
      stepsPerSlice = nextStepsPerSlice(stepsPerSlice, Math.max(0, done), end - start, speed.budgetMs);
      // A divergence can end a slice at an earlier step than it began (the
      // core went back to a checkpoint): the weights changed all the same, and
      // the last evaluation (of the blown-up weights) must not be reused.
      if (done !== 0 || progress.diverged) changed();
    } catch (error) {
      stopPlaying();
      loopRunning = false;
      post({ type: Event.ERROR, ...errorPayload(error) });
      return;
    }
    if (progress.diverged) {
      stopPlaying();
      loopRunning = false;
      reportDivergence(progress);
      return;
    }
    if (frameSteps >= perFrame) {
      // This frame's quota is done: wait for the next display frame.
      setTimeout(slice, Math.max(0, frameStart + FRAME_MS - now()));
    } else {
      yielder.yieldThen(slice);
    }
  }

  function startLoop() {
    if (loopRunning) return;
    loopRunning = true;
    frameStart = now();
    frameSteps = 0;
    meter.start(frameStart);
    yielder.yieldThen(slice);
  }

  function snapshot({ gridSize = 0, hidden = false, params = false, points = false, evaluate = true } = {}) {
    const current = needTrainer();
    if (evaluate && !evaluated) {
      current.evaluate();
      evaluated = true;
    }
    const transfer = [];
    const result = {
      ...current.metrics(),
      playing,
      stepsPerSecond: meter.rate,
      stepsPerSlice,
      gridSize: 0,
      gridNodes: 0,
    };
    for (const layer of result.layers) transfer.push(layer.histogram.buffer, layer.preluSlopes.buffer);
    if (gridSize) {
      result.grid = current.evalGrid(gridSize, { hidden });
      result.gridSize = gridSize;
      result.gridNodes = current.gridNodeCount({ hidden });
      transfer.push(result.grid.buffer);
    }
    if (params) {
      result.params = current.params();
      transfer.push(result.params.buffer);
    }
    if (points) {
      const { train, test } = current.points();
      result.trainPoints = train;
      result.testPoints = test;
      transfer.push(train.buffer, test.buffer);
    }
    return { result, transfer };
  }

  const handlers = {
    async [Request.INIT]({ config, build = 'auto', wasmBaseUrl }) {
      stopPlaying();
      const next = await createTrainer(config ?? {}, wasmBaseUrl === undefined ? { build } : { build, wasmBaseUrl });
      trainer?.delete();
      trainer = next;
      changed();
      stepsPerSlice = 1;
      learnShape();
      post({ type: Event.READY, build: trainer.build, simd: trainer.simd, protocol: PROTOCOL_VERSION });
      return { build: trainer.build, simd: trainer.simd, ...describeModel() };
    },
    [Request.CONFIGURE]({ config }) {
      const { rebuilt } = needTrainer().configure(config ?? {});
      changed();
      learnShape();
      return { rebuilt, ...describeModel() };
    },
    [Request.PLAY]() {
      needTrainer();
      playing = true;
      startLoop();
      return {};
    },
    [Request.PAUSE]() {
      stopPlaying();
      return {};
    },
    [Request.STEP]({ steps, epochs }) {
      const current = needTrainer();
      if (steps !== undefined && epochs !== undefined) {
        throw requestError('steps', 'steps: give steps or epochs, not both');
      }
      const progress = epochs !== undefined ? current.stepEpochs(epochs) : current.step(steps ?? 1);
      changed();
      if (progress.diverged) reportDivergence(progress);
      return progress;
    },
    [Request.RESET]() {
      needTrainer().reset();
      changed();
      return {};
    },
    [Request.SET_WEIGHT]({ layer, to, from, value }) {
      needTrainer().setWeight({ layer, to, from, value });
      changed();
      return {};
    },
    [Request.SNAPSHOT]: snapshot,
    [Request.EXPORT]() {
      return { json: needTrainer().exportJson() };
    },
    [Request.IMPORT]({ json }) {
      needTrainer().importJson(json);
      changed();
      learnShape();
      return describeModel();
    },
    [Request.SET_SPEED](request) {
      speed = applySpeed(speed, request);
      return { ...speed };
    },
  };

  async function answer(message) {
    const { id, type } = message;
    try {
      const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
      if (!handler) {
        throw requestError('type', `type: ${JSON.stringify(type)} is not one of ${Object.values(Request).join(', ')}`);
      }
      const outcome = await handler(message);
      // The snapshot handler names its transferables; the others have none.
      const { result, transfer } = type === Request.SNAPSHOT ? outcome : { result: outcome, transfer: [] };
      post({ type: Event.REPLY, id, ok: true, result }, transfer);
    } catch (error) {
      post({ type: Event.REPLY, id, ok: false, error: errorPayload(error) });
    }
  }

  return {
    /** Handles one request; requests are answered in the order they came. */
    receive(message) {
      if (message === null || typeof message !== 'object') {
        post({ type: Event.ERROR, message: 'message: expected an object with a type and an id' });
        return queue;
      }
      queue = queue.then(() => answer(message));
      return queue;
    },
    /** Stops training and frees the trainer. */
    dispose() {
      stopPlaying();
      trainer?.delete();
      trainer = null;
      yielder.close();
    },
  };
}
