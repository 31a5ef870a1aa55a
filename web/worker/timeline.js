// The replay timeline's worker side: checkpoints of the whole parameter
// block at the steps the session reports, kept within TIMELINE_MAX_BYTES by
// timeline-thinning.js, plus marks (divergence, restore, setting changes,
// weight edits, forks). A past moment is shown by a second trainer of the
// same config ("the replay trainer") loaded with that checkpoint, so the
// live trainer, its optimiser and its data order are never touched by a scrub.
//
// Continue from here (fork) restores the parameters and the step (so the
// learning-rate schedule goes on from there), through the core's model
// format, as a model import does: the optimiser's running averages and the
// data order start afresh. Keeping them would triple an Adam checkpoint
// (fewer moments in the budget) and needs an optimiser-state API the core
// does not have.
import {
  TIMELINE_MAX_BYTES, TIMELINE_MAX_CHECKPOINTS, TIMELINE_MAX_MARKS, TIMELINE_MIN_CHECKPOINTS, TIMELINE_RECORD_BYTES,
} from '../shared/limits.js';
import { CheckpointStore } from './timeline-thinning.js';
import { requestError } from './request-checks.js';

/** Mark kinds, in the timeline reply's marks. */
export const MarkKind = Object.freeze({
  START: 'start', DIVERGED: 'diverged', RESTORED: 'restored', CHANGED: 'changed', EDITED: 'edited', FORKED: 'forked',
});

/**
 * @param {object} deps
 * @param {(config: object, options: object) => Promise<object>} deps.createTrainer
 * @param {number} [deps.maxBytes]
 */
export function createTimeline({ createTrainer, maxBytes = TIMELINE_MAX_BYTES, maxCount = TIMELINE_MAX_CHECKPOINTS }) {
  const store = new CheckpointStore({ maxBytes, maxCount, maxMarks: TIMELINE_MAX_MARKS, minCount: TIMELINE_MIN_CHECKPOINTS });
  let replay = null; // {trainer, model}: a trainer of the live config and its model JSON (the template)

  function checkpointOf(trainer, keep) {
    const { step, epoch, batchLoss, learningRate } = trainer.progress();
    return { step, epoch, batchLoss, learningRate, keep, params: null, bytes: trainer.paramCount * 4 + TIMELINE_RECORD_BYTES };
  }

  function dropReplay() {
    replay?.trainer.delete();
    replay = null;
  }

  const timeline = {
    /** Keeps the trainer's parameters now; with `mark`, marks the step and keeps it through thinning. */
    record(trainer, mark) {
      const entry = checkpointOf(trainer, Boolean(mark));
      if (!store.fits(entry.bytes)) {
        store.add(entry); // says why in `refused`
        return;
      }
      const newest = store.entries.at(-1);
      // The play loop reports after every slice: a step already kept, with no mark, is not copied again.
      if (!mark && newest?.step === entry.step && newest.params) return;
      entry.params = trainer.params();
      store.add(entry);
      if (mark) store.mark({ step: entry.step, ...mark });
    },
    /** A new run (init, reset, a rebuilt network, an import): the history starts again here. */
    restart(trainer) {
      store.clear();
      dropReplay();
      timeline.record(trainer, { kind: MarkKind.START });
    },
    /** The config changed without new weights (a lesson's step, a new learning rate). */
    configured(trainer, fields) {
      dropReplay();
      timeline.record(trainer, { kind: MarkKind.CHANGED, detail: fields.join(', ') });
    },
    /** Training diverged and the core went back to `progress.step`: later history was the blow-up's. */
    diverged(trainer, progress) {
      store.dropAfter(progress.step);
      store.mark({ step: progress.divergedAtStep, kind: MarkKind.DIVERGED, detail: progress.divergedCause });
      timeline.record(trainer, { kind: MarkKind.RESTORED });
    },
    /** The core restarted from a recovery checkpoint at `step`. */
    restored(trainer) {
      dropReplay();
      store.dropAfter(trainer.progress().step);
      timeline.record(trainer, { kind: MarkKind.RESTORED, detail: 'core restarted' });
    },
    /** The replay trainer lives in the dead module after a trap: forget it without calling it. */
    abandonReplay() {
      replay = null;
    },
    /** The reply of the `timeline` request. */
    describe(present) {
      return {
        enabled: store.refused === null,
        reason: store.refused ?? '',
        present,
        steps: store.entries.map((entry) => entry.step),
        marks: store.marks.map((mark) => ({ ...mark })),
        bytes: store.bytes,
        maxBytes: store.maxBytes,
        maxCheckpoints: store.maxCount,
      };
    },
    /** The kept checkpoint nearest to `step`; the error names the field and the kept range. */
    checkpointNear(step) {
      checkStep(step);
      const entry = store.nearest(step);
      if (!entry) throw requestError('step', `step: no checkpoint is kept${store.refused ? ` (${store.refused})` : ''}`);
      return entry;
    },
    /** The checkpoint at exactly `step`, for a fork. */
    checkpointAt(step) {
      checkStep(step);
      const entry = store.at(step);
      if (!entry) {
        const steps = store.entries.map((e) => e.step);
        throw requestError('step', `step: ${step} is not a kept step (the timeline keeps ${steps.length} steps in [${steps[0] ?? 0}, ${steps.at(-1) ?? 0}]; ask timeline for them)`);
      }
      return entry;
    },
    /**
     * A trainer holding `entry`'s parameters and step, for a snapshot of that
     * moment: the replay trainer, built from the live config on first use.
     */
    async replayTrainer(live, coreOptions, entry) {
      if (!replay) {
        const trainer = await createTrainer(live.config, coreOptions);
        replay = { trainer, model: JSON.parse(trainer.exportJson()) };
      }
      replay.trainer.importJson(modelText(replay.model, entry));
      return replay.trainer;
    },
    /** Continue from `entry`: the live trainer takes its parameters and step; later history goes. */
    fork(live, entry) {
      const model = JSON.parse(live.exportJson());
      live.importJson(modelText(model, entry));
      const dropped = store.dropAfter(entry.step);
      store.mark({ step: entry.step, kind: MarkKind.FORKED });
      const kept = store.at(entry.step);
      if (kept) kept.keep = true;
      return dropped;
    },
    dispose: dropReplay,
    /** For tests: the store. */
    get store() { return store; },
  };
  return timeline;
}

function checkStep(step) {
  if (!Number.isInteger(step) || step < 0) {
    throw requestError('step', `step: ${JSON.stringify(step)} is not a whole number of steps, 0 or more`);
  }
}

/** The core's model JSON with `entry`'s step and parameters put in (its only two fields this file knows). */
function modelText(model, { step, params }) {
  return JSON.stringify({ ...model, step, params: Array.from(params) });
}
