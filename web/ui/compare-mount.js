// Compare mode, wired into one playground: the view (components/compare-view.js:
// B's plot, editor, charts and table), run B's worker (compare-run.js) and the
// edits of B's fields (compare-link.js). app.js makes it before the controller
// (the controller's render follows it) and starts run B once the controller exists.

import { createCompareView } from './components/compare-view.js';
import { createCompareRun } from './compare-run.js';
import { withCompare } from './compare-link.js';
import { decodeField } from './state.js';

/**
 * ctx: {layout, history, notices, controller() (made after this; used only once mounted),
 *       createClient() (run B's own worker client), wasm: {baseUrl, origins}}.
 * Returns {follow(state), start(), restart(), toggle(), run (null before start), destroy()}.
 */
export function mountCompare({ layout, history, notices, controller, createClient, wasm }) {
  let run = null;
  const set = (fields) => {
    const result = withCompare(controller().state, fields);
    if (result.error) {
      notices.show(result.error.message, { kind: 'error', key: 'edit' });
      view.update(controller().state); // the editor goes back to B's values
    } else controller().commit(result.state);
  };
  const view = createCompareView(layout, history, {
    toggle: (active) => set(active ? (controller().state.compare ?? {}) : null),
    editB(name, text) {
      const decoded = decodeField(name, text);
      if (decoded.error) {
        notices.show(`b.${decoded.error}`, { kind: 'error', key: 'edit' });
        view.update(controller().state);
      } else set({ [name]: decoded.value });
    },
  });
  return {
    /** A new state of A: B's view follows, and run B once A's core is in. */
    follow(state) {
      view.update(state);
      if (controller()?.info) run?.follow(state);
    },
    start() {
      run = createCompareRun({
        createClient, controller: controller(), wasm, view,
        notify: (text, how) => notices.show(text, how),
        requestFrame: (fn) => requestAnimationFrame(fn), cancelFrame: (id) => cancelAnimationFrame(id),
      });
    },
    /** A new network or a reset of A starts B again beside it. */
    restart: () => run?.restart(),
    toggle: () => set(controller().state.compare ? null : {}),
    get run() { return run; },
    destroy() {
      run?.destroy();
      view.destroy();
    },
  };
}
