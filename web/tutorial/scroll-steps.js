// Scroll-driven steps: a paragraph crossing the middle of the viewport
// becomes the active step (IntersectionObserver; no scroll listener, no
// library). The choice itself is pure (pickStep) and tested in
// tests/js/tutorial/scroll-steps.test.js.

/** The band, in the middle tenth of the viewport, that a step must cross to become active. */
export const STEP_BAND_MARGIN = '-45% 0px -45% 0px';

/**
 * The step to show after an observer's batch of entries: the last one that
 * entered the band (in document order, the lowest one when scrolling down),
 * or `current` when none entered. entries: [{index, isIntersecting}].
 */
export function pickStep(entries, current) {
  const entered = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.index);
  if (!entered.length) return current;
  return Math.max(...entered);
}

/**
 * Calls onStep(index) whenever another of `elements` (in order) crosses the
 * middle band. Returns a function that stops observing.
 * Observer: the IntersectionObserver class (a stand-in in tests).
 */
export function observeSteps(elements, onStep, { Observer = globalThis.IntersectionObserver } = {}) {
  let current = -1;
  const indexOf = new Map(elements.map((element, index) => [element, index]));
  const observer = new Observer((entries) => {
    const next = pickStep(entries.map((entry) => ({ index: indexOf.get(entry.target), isIntersecting: entry.isIntersecting })), current);
    if (next !== current) {
      current = next;
      onStep(next);
    }
  }, { rootMargin: STEP_BAND_MARGIN });
  for (const element of elements) observer.observe(element);
  return () => observer.disconnect();
}
