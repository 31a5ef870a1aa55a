// The replay timeline, wired into one playground: its view
// (components/timeline-view.js) under the loss and accuracy charts, and the
// replay itself (replay.js), which needs the controller and the frame driver
// and so starts once app.js has made them.

import { createTimelineView } from './components/timeline-view.js';
import { createReplay } from './replay.js';

/**
 * ctx: {layout, client, history}.
 * Returns {start({controller, frames}), leave(), drawn(snapshot), publicState(), destroy()};
 * before start, leave and drawn do nothing and publicState is null.
 */
export function mountReplay({ layout, client, history }) {
  let replay = null;
  const host = document.createElement('div');
  layout.chartsHost.after(host);
  const view = createTimelineView(host, { scrub: (step) => replay.scrub(step), live: () => replay.live(), fork: (step) => replay.fork(step) });
  return {
    start({ controller, frames }) {
      replay = createReplay({ client, controller, frames, history, view });
    },
    /** Back to the present (Play, a new network, a reset). */
    leave: () => replay?.leave(),
    /** A live frame was drawn. */
    drawn: (snapshot) => replay?.drawn(snapshot),
    /** getState().timeline. */
    publicState: () => replay?.publicState() ?? null,
    destroy: () => replay?.destroy(),
  };
}
