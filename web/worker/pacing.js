// How hard the worker trains while playing: the adaptive steps-per-slice
// controller, the steps-per-second meter and the speed settings. Pure logic,
// with time passed in, so it is tested without clocks.

export const DEFAULT_BUDGET_MS = 10;
export const MIN_BUDGET_MS = 1;
export const MAX_BUDGET_MS = 1000;
export const FRAME_MS = 1000 / 60;
export const MAX_STEPS_PER_SLICE = 100000;
export const MAX_STEPS_PER_FRAME = 1e6;
export const MAX_EPOCHS_PER_FRAME = 1000;

/**
 * Steps for the next slice, so that a slice takes about `budgetMs`: scaled by
 * the measured time per step, but never more than doubled or less than
 * halved at once, so one slow slice (a GC pause, a busy machine) cannot swing it.
 */
export function nextStepsPerSlice(current, stepsDone, elapsedMs, budgetMs) {
  if (stepsDone <= 0) return current;
  const perStep = Math.max(elapsedMs, 0.01) / stepsDone;
  const ideal = budgetMs / perStep;
  const bounded = Math.min(Math.max(ideal, current / 2), current * 2);
  return Math.min(Math.max(Math.round(bounded), 1), MAX_STEPS_PER_SLICE);
}

/**
 * A network whose step costs more than the piece budget trains through
 * stepWithin(pieceFlops): each call stops after about pieceFlops operations,
 * so a request waits for one piece at most, however large the network. The
 * budget adapts to the measured time per piece as nextStepsPerSlice adapts
 * steps (at most doubled or halved at once); it starts small, so that the
 * first piece of a network never measured cannot be a long one.
 */
export const INITIAL_PIECE_FLOPS = 1e6;
/**
 * A piece aims at half a 60 Hz frame (or budgetMs, if that is longer): short
 * enough that a pause or a snapshot request is answered within the frame,
 * long enough that its sub-batches are wide (a piece of one sample is a
 * matrix-vector product, bound by memory: bench/step-cost.mjs measured a step
 * of 4 x 1024 in 1-sample pieces at 2.5x the time of the whole step).
 */
export const PIECE_MS = 8;
export const MIN_PIECE_FLOPS = 1e5;
export const MAX_PIECE_FLOPS = 1e10;

export function nextPieceFlops(current, elapsedMs, budgetMs) {
  const ideal = (current * budgetMs) / Math.max(elapsedMs, 0.01);
  const bounded = Math.min(Math.max(ideal, current / 2), current * 2);
  return Math.min(Math.max(bounded, MIN_PIECE_FLOPS), MAX_PIECE_FLOPS);
}

/** Steps per second over windows of at least `windowMs` of wall time. */
export class RateMeter {
  #windowStart = null;
  #steps = 0;

  constructor(windowMs = 500) {
    this.windowMs = windowMs;
    this.rate = 0;
  }

  #reset(time) {
    this.#windowStart = time;
    this.#steps = 0;
  }

  /** Starts measuring (on play): the time paused does not count. */
  start(time) {
    this.#reset(time);
  }

  stop() {
    this.rate = 0;
    this.#reset(null);
  }

  add(steps, time) {
    if (this.#windowStart === null) this.#reset(time);
    this.#steps += steps;
    const span = time - this.#windowStart;
    if (span >= this.windowMs) {
      this.rate = (this.#steps * 1000) / span;
      this.#reset(time);
    }
  }
}

function rangeError(field, value, min, max) {
  const error = new Error(`${field}: ${JSON.stringify(value)} is not a number in [${min}, ${max}]`);
  error.field = field;
  return error;
}

function checkRange(field, value, min, max, integer) {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) throw rangeError(field, value, min, max);
  return value;
}

/**
 * Applies a setSpeed request to the current speed. stepsPerFrame and
 * epochsPerFrame exclude each other: setting one clears the other ('auto'
 * means as many steps as the time budget allows).
 */
export function applySpeed(speed, { budgetMs, stepsPerFrame, epochsPerFrame } = {}) {
  const next = { ...speed };
  if (budgetMs !== undefined) next.budgetMs = checkRange('budgetMs', budgetMs, MIN_BUDGET_MS, MAX_BUDGET_MS, false);
  if (stepsPerFrame !== undefined && epochsPerFrame !== undefined) {
    const error = new Error('stepsPerFrame: give stepsPerFrame or epochsPerFrame, not both');
    error.field = 'stepsPerFrame';
    throw error;
  }
  if (stepsPerFrame !== undefined) {
    next.stepsPerFrame = stepsPerFrame === 'auto'
      ? 'auto'
      : checkRange('stepsPerFrame', stepsPerFrame, 1, MAX_STEPS_PER_FRAME, true);
    next.epochsPerFrame = null;
  }
  if (epochsPerFrame !== undefined) {
    next.epochsPerFrame = checkRange('epochsPerFrame', epochsPerFrame, 1e-3, MAX_EPOCHS_PER_FRAME, false);
    next.stepsPerFrame = null;
  }
  return next;
}

export function defaultSpeed() {
  return { budgetMs: DEFAULT_BUDGET_MS, stepsPerFrame: 'auto', epochsPerFrame: null };
}

/**
 * Steps to run per display frame for a speed, or Infinity for 'auto'.
 * `stepsPerEpoch` is trainCount / batchSize.
 */
export function stepsPerFrame(speed, stepsPerEpoch) {
  if (speed.epochsPerFrame !== null) return Math.max(1, Math.round(speed.epochsPerFrame * stepsPerEpoch));
  return speed.stepsPerFrame === 'auto' ? Infinity : speed.stepsPerFrame;
}
