// What mountPlayground returns: the public API (public-api.js), whose calls
// that need the core load it first, and the page's own extras (ready, the
// client, getStats, getQuery/setQuery, showNotice) over the mounted parts.

import { parseQuery, serializeState } from './state.js';

/**
 * parts: {api (createPublicApi), loader (core-loader.js), client, controller, presets,
 *         compareRun (compare-run.js), frames (frames.js), notices, destroy()}.
 */
export function playgroundApi({ api, loader, client, controller, presets, compareRun, frames, notices, destroy }) {
  // A call that needs the core loads it, even far from the viewport; it trains once in view.
  const afterLoad = (method) => (...args) => loader.load().then(() => api[method](...args));
  return {
    ...api,
    play: afterLoad('play'),
    step: afterLoad('step'),
    reset: afterLoad('reset'),
    ready: loader.ready,
    client,
    // While run B exists, its own frame rate and step too (compare-run.js).
    getStats: () => (compareRun.active ? { ...frames.stats(), compare: compareRun.stats() } : frames.stats()),
    /** A notice in the playground (the element's attribute checks use it). */
    showNotice: (text, how) => notices.show(text, how),
    getQuery: () => serializeState(controller.state, presets),
    setQuery(query) {
      const next = parseQuery(query, presets);
      controller.follow(next.state, { push: true });
      return next.notices;
    },
    destroy,
  };
}
