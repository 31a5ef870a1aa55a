// The replay's answer to snapshotAt: a past step's snapshot, computed on a
// second trainer rebuilt from the timeline's checkpoint nearest that step, so
// the live run is never touched. Whole, not in pieces: training is paused
// while the page scrubs.
import { checkParamUnits } from './request-checks.js';
import { assembleSnapshot } from './snapshot-result.js';
import { drawableRequest } from './drawable.js';

/**
 * live: the session's trainer; request: {step, gridSize?, hidden?, paramUnits?, digits?};
 * ctx: {timeline, coreOptions, layers, status: {playing, stepsPerSlice}}.
 * Returns {result, transfer} as a snapshot does, with the step's own rate and
 * batch loss and `present`, the live run's step.
 */
export async function pastSnapshot(live, request, { timeline, coreOptions, layers, status }) {
  const { step, gridSize = 0, hidden = false, paramUnits, digits = false } = drawableRequest(live.config, request);
  const drawn = paramUnits === undefined ? null : checkParamUnits(paramUnits);
  const entry = timeline.checkpointNear(step);
  const past = await timeline.replayTrainer(live, coreOptions, entry);
  past.evaluate();
  const grid = gridSize ? past.evalGrid(gridSize, { hidden }) : null;
  const { result, transfer } = assembleSnapshot(past, { gridSize, hidden, digits }, {
    drawn, layers, grid, gridRegions: null, status: { ...status, stepsPerSecond: 0, busy: false },
  });
  // The step's own figures: the rate then (a later change of it is not the past's) and its batch loss.
  Object.assign(result, {
    learningRate: entry.learningRate, batchLoss: entry.batchLoss, busy: false, stepsPerSecond: 0, present: live.progress().step,
  });
  return { result, transfer };
}
