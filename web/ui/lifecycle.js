// When a playground may load its core, train and draw: a pure policy, so the
// rules are tested without a DOM (tests/js/ui/lifecycle.test.js). The DOM
// signals come from lifecycle-observers.js; the controller and the frame
// driver act on the answers.
//
// - The core loads once the widget is near the viewport (within about one
//   viewport of it), and stays loaded.
// - It trains only while in view, in a visible tab, and not paused by the user
//   or the API: a widget scrolled away or in a hidden tab costs nothing, and
//   resumes on return unless someone paused it meanwhile.
// - It draws (asks for snapshots) only while in view in a visible tab.
// - prefers-reduced-motion: reduce means no autoplay: nothing moves until Play.

/**
 * signals: {near, inView, tabVisible, userPaused}
 *   near        within about one viewport of being seen (or seen)
 *   inView      some of it is in the viewport
 *   tabVisible  the document is visible (not a background tab, not minimised)
 *   userPaused  paused by the user or the API (or never started)
 * Returns {load, train, draw}.
 */
export function lifecycleDecision({ near, inView, tabVisible, userPaused }) {
  const seen = Boolean(inView) && Boolean(tabVisible);
  return {
    load: Boolean(near) || Boolean(inView),
    train: seen && !userPaused,
    draw: seen,
  };
}

/** Whether the playground starts training by itself once loaded. */
export function autoplays({ autoplay, reducedMotion }) {
  return Boolean(autoplay) && !reducedMotion;
}

/** The signals of a playground that is the whole page (the stand-alone page): always in view. */
export const ALWAYS_IN_VIEW = Object.freeze({ near: true, inView: true });
