// The DOM side of the lifecycle (lifecycle.js holds the rules): whether a
// playground is near or in the viewport (IntersectionObserver), whether its
// tab is visible (visibilitychange) and whether the reader asks for reduced
// motion. Reports every change of the signals to onChange; decides nothing.

/** How far outside the viewport the core starts loading: one viewport each way. */
export const NEAR_MARGIN = '100%';

/**
 * element       what must be seen (the playground's outer box)
 * alwaysInView  the playground is the page itself: no viewport to watch
 * onChange({near, inView, tabVisible})  after each change (and once the observers first report)
 * Returns {reducedMotion, signals(), destroy()}.
 */
export function observeLifecycle(element, { alwaysInView = false, onChange, win = globalThis }) {
  const doc = win.document;
  const canObserve = typeof win.IntersectionObserver === 'function';
  // Without IntersectionObserver (old browsers) the widget behaves as the stand-alone page does.
  const assumeSeen = alwaysInView || !canObserve;
  const signals = { near: assumeSeen, inView: assumeSeen, tabVisible: doc.visibilityState !== 'hidden' };
  const report = () => onChange({ ...signals });

  const observers = [];
  if (!assumeSeen) {
    // Two observers: the margin one says when to load, the plain one when it is seen.
    for (const [key, rootMargin] of [['near', NEAR_MARGIN], ['inView', '0px']]) {
      const observer = new win.IntersectionObserver((entries) => {
        const latest = entries[entries.length - 1];
        if (signals[key] === latest.isIntersecting) return;
        signals[key] = latest.isIntersecting;
        report();
      }, { rootMargin });
      observer.observe(element);
      observers.push(observer);
    }
  }
  const onVisibility = () => {
    const visible = doc.visibilityState !== 'hidden';
    if (visible === signals.tabVisible) return;
    signals.tabVisible = visible;
    report();
  };
  doc.addEventListener('visibilitychange', onVisibility);

  return {
    reducedMotion: Boolean(win.matchMedia?.('(prefers-reduced-motion: reduce)').matches),
    signals: () => ({ ...signals }),
    destroy() {
      for (const observer of observers) observer.disconnect();
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
