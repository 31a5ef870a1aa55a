// A step request whose work is longer than a piece, run as chunks with the
// request queue freed between them. Kept apart from the session so the rule
// for "whole or chunked, and how big a chunk" reads in one place.
import { MAX_EPOCHS_PER_CALL, MAX_STEPS_PER_CALL } from '../api/index.js';

/**
 * Runs `steps` (or `epochs`) on `current`. A request whose work is longer
 * than a piece (up to 10^6 steps of a network just below the piece size
 * would be hours) runs as chunks of at most a piece's worth of steps, or one
 * epoch at a time, calling `detach` and awaiting `yieldOnce` between them;
 * when `stillWanted()` turns false (a pause, reset, new config, weight edit,
 * import or init) the rest is dropped. Short requests, and counts the API
 * will refuse (so it names them), run at once.
 *
 * @param {object} current the trainer
 * @param {{steps?: number, epochs?: number}} request
 * @param {object} shape
 * @param {number} shape.stepsPerEpoch
 * @param {number} shape.stepFlops a step's cost
 * @param {number} shape.pieceFlops the current piece budget
 * @param {object} control
 * @param {() => boolean} control.stillWanted
 * @param {() => boolean} control.isCurrent whether `current` is still the session's trainer
 * @param {() => Promise<void>} control.yieldOnce
 * @param {(() => void) | null | undefined} control.detach frees the request queue
 * @param {(progress: object) => void} [control.chunkDone] after each chunk but the last (the replay timeline keeps it)
 */
export async function stepInChunks(current, { steps, epochs }, { stepsPerEpoch, stepFlops, pieceFlops }, control) {
  const { stillWanted, isCurrent, yieldOnce, detach, chunkDone = () => {} } = control;
  const stopped = (progress) => (isCurrent() ? current.progress() : progress);
  if (epochs !== undefined) {
    const whole = !Number.isInteger(epochs) || epochs <= 1 || epochs > MAX_EPOCHS_PER_CALL
      || epochs * stepsPerEpoch * stepFlops <= pieceFlops;
    if (whole) return current.stepEpochs(epochs); // the API checks the count and names it
    let progress = current.stepEpochs(1);
    for (let done = 1; done < epochs && !progress.diverged; done++) {
      chunkDone(progress);
      detach?.();
      await yieldOnce();
      if (!stillWanted()) return stopped(progress);
      progress = current.stepEpochs(1);
    }
    return progress;
  }
  const count = steps ?? 1;
  const perChunk = Math.max(1, Math.floor(pieceFlops / Math.max(stepFlops, 1)));
  const whole = !Number.isInteger(count) || count <= perChunk || count > MAX_STEPS_PER_CALL;
  if (whole) return current.step(count);
  let left = count - perChunk;
  let progress = current.step(perChunk);
  while (left > 0 && !progress.diverged) {
    chunkDone(progress);
    detach?.();
    await yieldOnce();
    if (!stillWanted()) return stopped(progress);
    const chunk = Math.min(left, perChunk);
    progress = current.step(chunk);
    left -= chunk;
  }
  return progress;
}
