// The replay slider's arithmetic: kept steps in, the step a key or a
// pointer position means, where a step or a mark sits, and what a screen
// reader hears. Pure (no DOM): tests/js/ui/timeline-scrub.test.js.
//
// The slider spans the steps [first kept, present] linearly, so a thinned
// history looks as long as it was; values snap to kept steps, the only
// ones the worker can show.

/** The kept step a key moves to from `current`, or null for a key the slider does not take. */
export function stepAfterKey(steps, current, key) {
  if (steps.length === 0) return null;
  const at = nearestIndex(steps, current);
  const page = Math.max(1, Math.round(steps.length / 10));
  const index = {
    ArrowLeft: at - 1, ArrowDown: at - 1, ArrowRight: at + 1, ArrowUp: at + 1,
    PageDown: at - page, PageUp: at + page, Home: 0, End: steps.length - 1,
  }[key];
  if (index === undefined) return null;
  return steps[Math.min(steps.length - 1, Math.max(0, index))];
}

/** The kept step nearest to the position `fraction` (0 = first, 1 = last) along the slider. */
export function stepAtFraction(steps, fraction) {
  if (steps.length === 0) return null;
  const first = steps[0];
  const last = steps.at(-1);
  const wanted = first + Math.min(1, Math.max(0, fraction)) * (last - first);
  return steps[nearestIndex(steps, wanted)];
}

/** Where `step` sits along a slider over [first, last]: 0 to 1 (a step beyond is held at the ends). */
export function fractionOf(first, last, step) {
  if (!(last > first)) return 1;
  return Math.min(1, Math.max(0, (step - first) / (last - first)));
}

/** The index of the kept step nearest to `step` (the earlier on a tie). */
export function nearestIndex(steps, step) {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && step - steps[lo - 1] <= steps[lo] - step) return lo - 1;
  return lo;
}

const MARK_WORDS = Object.freeze({
  start: 'start',
  diverged: 'diverged',
  restored: 'restored after divergence',
  changed: 'settings changed',
  edited: 'weight edited',
  forked: 'continued from here',
});

/** A mark in words: "diverged at step 120 (loss not finite)". */
export function markLabel({ step, kind, detail }) {
  const words = MARK_WORDS[kind] ?? kind;
  return `${words} at step ${step.toLocaleString('en')}${detail ? ` (${detail})` : ''}`;
}

/** What the slider says: the step shown, the present, and the marks at that step. */
export function valueText(step, present, marks = []) {
  const here = marks.filter((mark) => mark.step === step && mark.kind !== 'start').map((mark) => MARK_WORDS[mark.kind] ?? mark.kind);
  const where = step === present ? 'step ' + step.toLocaleString('en') + ', the present' : `step ${step.toLocaleString('en')} of ${present.toLocaleString('en')}`;
  return here.length ? `${where}: ${here.join(', ')}` : where;
}
