// The training worker's logic, independent of how messages travel: the entry
// (training.worker.js) feeds it requests and gives it a `post(message,
// transfer)` function, in a browser Web Worker or under Node's worker_threads.
// The protocol is documented in web/shared/protocol.js and docs/API.md.
import { MAX_GRID_SIZE, MIN_GRID_SIZE, createTrainer as createCoreTrainer, isCoreFault } from '../api/index.js';
import { Event, MAX_QUEUED_STEPS, PROTOCOL_VERSION, Request } from '../shared/protocol.js';
import { estimateCost } from '../shared/cost.js';
import { createDispatch } from './dispatch.js';
import { checkParamUnits, checkedBase, errorPayload, requestError } from './request-checks.js';
import { createYielder } from './yielder.js';
import { createRecovery, faultCause, gaveUpMessage, rebuildFromCheckpoint, restartMessage } from './recovery.js';
import { assembleSnapshot } from './snapshot-result.js';
import { drawableRequest } from './drawable.js';
import { pastSnapshot } from './past-snapshot.js';
import { classifyDrawn } from './classify-drawn.js';
import { createSnapshotPreparer } from './snapshot-preparer.js';
import { stepInChunks } from './step-chunks.js';
import { MarkKind, createTimeline } from './timeline.js';
import {
  FRAME_MS, INITIAL_PIECE_FLOPS, PIECE_MS, RateMeter, applySpeed, defaultSpeed, nextPieceFlops, nextStepsPerSlice, stepsPerFrame,
} from './pacing.js';

/**
 * @param {object} deps
 * @param {(message: object, transfer?: Transferable[]) => void} deps.post
 * @param {typeof createCoreTrainer} [deps.createTrainer]
 * @param {() => number} [deps.now]
 * @param {string} [deps.workerUrl] the worker's own URL, which a relative base resolves against (none under Node)
 * @param {string} [deps.workerOrigin] the worker's origin (the page's), which the core must come from
 * @param {number} [deps.timelineMaxBytes] the replay timeline's budget (default TIMELINE_MAX_BYTES)
 */
export function createSession({
  post, createTrainer = createCoreTrainer, now = () => performance.now(),
  workerUrl = globalThis.location?.href, workerOrigin = globalThis.origin, timelineMaxBytes,
}) {
  const yielder = createYielder();
  const meter = new RateMeter();
  let trainer = null;
  let speed = defaultSpeed();
  let playing = false;
  let loopRunning = false;
  let stepsPerSlice = 1;
  let stepsPerEpoch = 1;
  let stepFlops = 0; // of the current network: above pieceFlops it trains in pieces
  let detachRequest = null; // lets the request being answered free the queue (see receive)
  let manualWork = 0; // bumped by requests that stop a step request running in chunks
  let pieceFlops = INITIAL_PIECE_FLOPS;
  let manualSteps = 0; // asked for by step requests on a network that trains in pieces
  let layers = [];
  let queue = Promise.resolve();
  // The adaptive piece size, shared by the play loop's pieces and a snapshot's.
  const pieces = {
    get flops() { return pieceFlops; },
    adapt(elapsedMs) { pieceFlops = nextPieceFlops(pieceFlops, elapsedMs, Math.max(speed.budgetMs, PIECE_MS)); },
  };
  const preparer = createSnapshotPreparer({ now, yielder, pieces });
  const recovery = createRecovery({ now });
  const timeline = createTimeline({ createTrainer, maxBytes: timelineMaxBytes });
  let coreOptions = null; // {build, wasmBaseUrl?} of the last successful init
  let stoppedFor = null; // the message, once the core kept trapping and was given up
  let restarting = null; // the restart after a trap in the play loop, while it runs

  function needTrainer() {
    if (stoppedFor) throw requestError('core', stoppedFor);
    if (!trainer) throw requestError('', 'the core is not loaded yet: send init first');
    return trainer;
  }

  function changed() {
    preparer.invalidate();
  }

  function learnShape() {
    const cost = estimateCost(trainer.config);
    stepsPerEpoch = cost.trainCount / cost.batchSize;
    stepFlops = cost.stepFlops;
    preparer.learn(cost);
    layers = trainer.layers();
    manualSteps = 0;
  }

  /** Whether steps of this network run as pieces (stepWithin) rather than whole (step). */
  function inPieces() {
    return stepFlops > pieceFlops;
  }

  function describeModel() {
    return { config: trainer.config, layers: trainer.layers(), paramCount: trainer.paramCount };
  }

  function reportDivergence(progress) {
    timeline.diverged(trainer, progress);
    post({ type: Event.DIVERGED, step: progress.divergedAtStep, cause: progress.divergedCause });
  }

  function stopPlaying() {
    playing = false;
    manualSteps = 0;
    manualWork += 1;
    meter.stop();
  }

  // One slice of play: about budgetMs of training, then yield so requests
  // (snapshots, pause) are answered between slices.
  let frameStart = 0;
  let frameSteps = 0;
  function slice() {
    if (!trainer || (!playing && manualSteps === 0)) {
      loopRunning = false;
      return;
    }
    // A snapshot evaluating in pieces goes first: a step finished now would
    // drop its pass, and the page would wait for a pass that never ends.
    if (preparer.evaluating) {
      yielder.yieldThen(slice);
      return;
    }
    if (!playing || inPieces()) {
      pieceSlice();
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
      if (done > 0 && !progress.diverged) timeline.record(trainer);
    } catch (error) {
      sliceFailed(error);
      return;
    }
    continueAfter(progress, perFrame);
  }

  /** After a slice (whole steps or a piece): stop on divergence, else go on now or at the next frame. */
  function continueAfter(progress, perFrame) {
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

  // One piece of a large network's step: stepWithin(pieceFlops), then yield,
  // so that a pause (or any request) waits for one piece at most.
  /** The play loop stops on an error; a trap in the core restarts it (whole steps and pieces alike). */
  function sliceFailed(error) {
    const wasPlaying = playing;
    stopPlaying();
    loopRunning = false;
    // Requests wait for the restart (answer()): none may reach the dead module.
    if (isCoreFault(error)) restarting = restartAfterFault(error, wasPlaying).finally(() => { restarting = null; });
    else post({ type: Event.ERROR, ...errorPayload(error) });
  }

  function pieceSlice() {
    const perFrame = playing ? stepsPerFrame(speed, stepsPerEpoch) : Infinity;
    const start = now();
    if (start - frameStart >= FRAME_MS) {
      frameStart = start;
      frameSteps = 0;
    }
    let progress;
    try {
      progress = trainer.stepWithin(pieceFlops);
      const end = now();
      pieces.adapt(end - start);
      if (progress.finished) {
        frameSteps += 1;
        if (playing) meter.add(1, end);
        if (manualSteps > 0) manualSteps -= 1;
        changed();
        if (!progress.diverged) timeline.record(trainer);
      }
      if (progress.diverged) changed();
    } catch (error) {
      sliceFailed(error);
      return;
    }
    continueAfter(progress, perFrame);
  }

  function startLoop() {
    if (loopRunning) return;
    loopRunning = true;
    frameStart = now();
    frameSteps = 0;
    meter.start(frameStart);
    yielder.yieldThen(slice);
  }

  function snapshot(request) {
    return preparer.inTurn(detachRequest, async (prepare) => { // detachRequest before any await: it is this request's
      const drawn = request.paramUnits === undefined ? null : checkParamUnits(request.paramUnits);
      request = drawableRequest(needTrainer().config, request);
      const gridSize = request.gridSize ?? 0;
      if (request.regions && !gridSize) {
        throw requestError('regions', `regions: needs a grid, gridSize in [${MIN_GRID_SIZE}, ${MAX_GRID_SIZE}]`);
      }
      await prepare(needTrainer, { gridSize, hidden: request.hidden ?? false, evaluate: request.evaluate ?? true, regions: Boolean(request.regions) });
      const current = needTrainer();
      const status = {
        playing,
        stepsPerSecond: meter.rate,
        stepsPerSlice,
        busy: playing || manualSteps > 0 || current.stepInProgress,
      };
      const { grid = null, regions = null } = preparer.grid ?? {};
      return assembleSnapshot(current, request, { drawn, layers, grid, gridRegions: regions, status });
    });
  }

  const handlers = {
    async [Request.INIT]({ config, build = 'auto', wasmBaseUrl, wasmOrigins = [] }) {
      const base = wasmBaseUrl === undefined ? undefined : checkedBase(wasmBaseUrl, wasmOrigins, { workerUrl, workerOrigin });
      stopPlaying();
      const options = base === undefined ? { build } : { build, wasmBaseUrl: base };
      const next = await createTrainer(config ?? {}, options);
      trainer?.delete();
      trainer = next;
      coreOptions = options;
      stoppedFor = null;
      changed();
      stepsPerSlice = 1;
      learnShape();
      timeline.restart(trainer);
      recovery.save(trainer, coreOptions);
      post({ type: Event.READY, build: trainer.build, simd: trainer.simd, protocol: PROTOCOL_VERSION });
      return { build: trainer.build, simd: trainer.simd, ...describeModel() };
    },
    [Request.CONFIGURE]({ config }) {
      const { rebuilt } = needTrainer().configure(config ?? {});
      manualWork += 1; // a step request running in chunks stops here
      changed();
      learnShape();
      if (rebuilt) timeline.restart(trainer);
      else timeline.configured(trainer, Object.keys(config ?? {}));
      recovery.save(trainer, coreOptions);
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
      if (epochs !== undefined && inPieces()) {
        throw requestError('epochs', `epochs: a network this large trains in pieces; ask for steps (at most ${MAX_QUEUED_STEPS}) instead`);
      }
      if (inPieces()) {
        // A step of this network is too long to run in one go: the loop runs
        // it in pieces, answering requests between them; snapshots say busy.
        const count = steps ?? 1;
        if (!Number.isInteger(count) || count < 0 || count > MAX_QUEUED_STEPS) {
          throw requestError('steps', `steps: ${JSON.stringify(count)} is not a whole number in [0, ${MAX_QUEUED_STEPS}] for a network this large`);
        }
        manualSteps += count;
        if (count > 0 && !loopRunning) startLoop();
        return { ...current.progress(), queued: count };
      }
      const detach = detachRequest; // before any await: it is this request's
      const started = manualWork;
      const control = {
        stillWanted: () => manualWork === started && current === trainer,
        isCurrent: () => current === trainer,
        yieldOnce: () => new Promise((resolve) => yielder.yieldThen(resolve)),
        detach,
        chunkDone: (progress) => { if (!progress.diverged) timeline.record(current); },
      };
      const shape = { stepsPerEpoch, stepFlops, pieceFlops };
      return stepInChunks(current, { steps, epochs }, shape, control).then((progress) => {
        if (current !== trainer) return progress; // a restart or init replaced it meanwhile
        changed();
        if (progress.diverged) reportDivergence(progress);
        else timeline.record(current);
        recovery.save(current, coreOptions);
        return progress;
      });
    },
    [Request.RESET]() {
      needTrainer().reset();
      manualWork += 1; // a step request running in chunks stops here
      manualSteps = 0; // the core dropped the step under way: do not start another
      changed();
      timeline.restart(trainer);
      recovery.save(trainer, coreOptions);
      return {};
    },
    [Request.SET_WEIGHT]({ layer, to, from, value }) {
      needTrainer().setWeight({ layer, to, from, value });
      manualWork += 1; // a step request running in chunks stops here
      manualSteps = 0;
      changed();
      timeline.record(trainer, { kind: MarkKind.EDITED, detail: `weight ${to} <- ${from} of layer ${layer}` });
      recovery.save(trainer, coreOptions);
      return {};
    },
    [Request.SNAPSHOT]: snapshot,
    [Request.EXPORT]() {
      return { json: needTrainer().exportJson() };
    },
    [Request.IMPORT]({ json }) {
      needTrainer().importJson(json);
      manualWork += 1; // a step request running in chunks stops here
      changed();
      learnShape();
      timeline.restart(trainer);
      recovery.save(trainer, coreOptions);
      return describeModel();
    },
    [Request.SET_SPEED](request) {
      speed = applySpeed(speed, request);
      return { ...speed };
    },
    [Request.INJECT_FAULT]() {
      needTrainer().trapForTesting();
    },
    [Request.TIMELINE]() {
      return timeline.describe(needTrainer().progress().step);
    },
    [Request.SNAPSHOT_AT](request) {
      return pastSnapshot(needTrainer(), request, { timeline, coreOptions, layers, status: { playing, stepsPerSlice } });
    },
    [Request.FORK_FROM]({ step }) {
      const live = needTrainer();
      const entry = timeline.checkpointAt(step);
      const dropped = timeline.fork(live, entry);
      manualWork += 1; // a step request running in chunks stops here
      changed();
      learnShape();
      recovery.save(trainer, coreOptions);
      return { ...live.progress(), dropped };
    },
    [Request.CLASSIFY]({ input }) {
      return classifyDrawn(needTrainer(), input);
    },
  };
  const dispatch = createDispatch(handlers);

  /**
   * The core trapped: its module is dead. Drops it, and rebuilds the trainer
   * on a fresh module from the newest checkpoint, up to MAX_RESTARTS times
   * in a row. Announces the outcome (Event.RESTARTED) and returns the error
   * for the request that was running, if one was.
   */
  async function restartAfterFault(error, resume) {
    const cause = faultCause(error);
    stopPlaying();
    trainer?.abandon();
    trainer = null;
    timeline.abandonReplay();
    const checkpoint = recovery.checkpoint;
    if (!checkpoint) {
      // The first init trapped: there is nothing to go back to, and nothing was lost.
      return requestError('core', `The core stopped (${cause}) while loading these settings.`);
    }
    const rebuilt = await rebuildFromCheckpoint(recovery, createTrainer);
    const { failure, attempt } = rebuilt;
    if (rebuilt.trainer) {
      trainer = rebuilt.trainer;
      changed();
      stepsPerSlice = 1;
      learnShape();
      timeline.restored(trainer);
      const weights = checkpoint.params !== null;
      const message = restartMessage({ cause, step: checkpoint.step, weights });
      post({ type: Event.RESTARTED, message, cause, step: checkpoint.step, weights, attempt, gaveUp: false });
      if (resume) {
        playing = true;
        startLoop();
      }
      return requestError('core', message);
    }
    stoppedFor = failure ? `The core stopped (${cause}) and could not be restarted: ${failure.message}` : gaveUpMessage(cause);
    post({ type: Event.RESTARTED, message: stoppedFor, cause, step: 0, weights: false, attempt, gaveUp: true });
    return requestError('core', stoppedFor);
  }

  async function answer(message, detach) {
    const { id } = message;
    if (restarting) await restarting;
    try {
      detachRequest = detach;
      const reply = dispatch(message);
      detachRequest = null; // set only while the handler runs synchronously
      const { result, transfer } = await reply;
      if (playing && recovery.due()) recovery.save(trainer, coreOptions);
      post({ type: Event.REPLY, id, ok: true, result }, transfer);
    } catch (error) {
      const reported = isCoreFault(error) ? await restartAfterFault(error, playing) : error;
      post({ type: Event.REPLY, id, ok: false, error: errorPayload(reported) });
    }
  }

  return {
    /** Handles one request; requests are answered in the order they came. */
    receive(message) {
      if (message === null || typeof message !== 'object') {
        post({ type: Event.ERROR, message: 'message: expected an object with a type and an id' });
        return queue;
      }
      // A request waits for the one before, unless that one detached: a
      // snapshot evaluating a big network in pieces lets the requests behind
      // it (Pause first) be answered between its pieces.
      let detach;
      const detached = new Promise((resolve) => { detach = resolve; });
      const answered = queue.then(() => answer(message, detach));
      queue = Promise.race([answered, detached]);
      return answered;
    },
    /** Stops training and frees the trainer. */
    dispose() {
      stopPlaying();
      timeline.dispose();
      trainer?.delete();
      trainer = null;
      yielder.close();
    },
  };
}
