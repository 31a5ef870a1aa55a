// Keeps runs A and B of compare mode at the same step. Each trains in its own
// worker at its own pace; this decides, from the steps their snapshots report,
// which one waits:
// - while playing, the run ahead by more than `maxLead` steps is held (its
//   worker paused) until the other is within half of that again, so neither
//   drifts away and none is paused and resumed every frame;
// - while paused, the run behind is stepped up to the other's step, so a
//   paused comparison is exact (a step with `s` is one step of each);
// - a run that stopped by itself (diverged) holds nobody back.
//
// Pure: steps in, decisions out (tests/js/ui/lockstep.test.js).

/**
 * How long (s) of training one run may lead by, at the rate the runs train:
 * the holds are decided at the page's frames, which a busy machine spaces
 * far apart; a lead shorter than a frame would pause a run at every frame.
 */
export const LEAD_SECONDS = 0.25;

/**
 * The steps one run may lead by while both play: about one frame's worth at
 * the page's speed, or LEAD_SECONDS of training at `stepsPerSecond` (the
 * rate the workers report) when that is more, so the two plots never show
 * moments further apart than the eye can tell. speed: the speed flag ('auto'
 * or epochs a frame); configs: A's and B's (their batch sizes and data size).
 */
export function maxLeadSteps(speed, configs, stepsPerSecond = 0) {
  const stepsPerEpoch = Math.max(...configs.map((config) => {
    const samples = config.dataset === 'custom' ? config.points.length : config.numSamples;
    return Math.max(1, Math.ceil((samples * config.trainRatio) / config.batchSize));
  }));
  // 'auto' trains as fast as the worker can: allow an epoch, at least 20 steps.
  const epochs = speed === 'auto' ? 1 : Number(speed);
  const byRate = Number.isFinite(stepsPerSecond) ? Math.ceil(stepsPerSecond * LEAD_SECONDS) : 0;
  return Math.max(speed === 'auto' ? 20 : 1, Math.ceil(stepsPerEpoch * epochs), byRate);
}

/**
 * What each run should do now.
 * input: {playing (the user's wish), maxLead,
 *         a: {step, stopped}, b: {step, stopped}   step null while unknown,
 *         held: {a, b} the previous decision's holds}
 * Returns {held: {a, b}, catchUp: null | {run: 'a'|'b', steps}}.
 */
export function lockstep({ playing, maxLead, a, b, held = { a: false, b: false } }) {
  const none = { held: { a: false, b: false }, catchUp: null };
  if (a.step === null || b.step === null || a.stopped || b.stopped) return none;
  const lead = a.step - b.step; // > 0: A ahead
  if (!playing) {
    if (lead === 0) return none;
    return { held: { a: false, b: false }, catchUp: lead > 0 ? { run: 'b', steps: lead } : { run: 'a', steps: -lead } };
  }
  const release = Math.floor(maxLead / 2);
  const next = {
    a: lead > maxLead || (held.a && lead > release),
    b: -lead > maxLead || (held.b && -lead > release),
  };
  return { held: next, catchUp: null };
}
