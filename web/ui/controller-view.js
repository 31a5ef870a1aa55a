// The controller's view port (controller.js, deps.view) for one playground:
// what each of its calls does to the panels, the frame driver, run B of
// compare mode, the replay timeline and the address. Wiring only; app.js
// makes the parts and passes them in.

/**
 * parts: {layout, views, runPanel, history, render(state, info) (controls.js), compare (compare-mount.js),
 *         replay (replay-mount.js), url (url-sync.js), notices, gate,
 *         frames() and controller() (made after the view; called only once mounted)}.
 */
export function controllerView({ layout, views, runPanel, history, render, compare, replay, url, notices, gate, frames, controller }) {
  return {
    render(state, info) {
      render(state, info);
      compare.follow(state);
    },
    gate,
    writeUrl: (state, push) => url.write(state, push),
    notify: (text, how) => notices.show(text, how),
    clearNotice: (key) => notices.clear(key),
    setPlaying(playing) {
      runPanel.setPlaying(playing);
      if (playing) replay.leave(); // Play while scrubbing: back to the present
    },
    setDiverged: (diverged) => views.setDiverged(diverged),
    setBuildStatus: (text) => runPanel.setBuildStatus(text),
    setUnbuilt(unbuilt) {
      if (unbuilt) layout.shell.dataset.unbuilt = 'true';
      else delete layout.shell.dataset.unbuilt;
    },
    built(result) {
      runPanel.setBuild(result);
      layout.shell.dataset.ready = 'true';
      frames().setStructure();
      compare.follow(controller().state);
    },
    newNetwork() {
      replay.leave();
      compare.restart();
      history.clear();
      views.setDiverged(null);
      frames().needPoints();
      frames().invalidate();
      frames().setStructure();
    },
    cleared() {
      replay.leave();
      compare.restart();
      frames().invalidate();
      history.clear();
      views.setDiverged(null);
    },
    invalidate: () => frames().invalidate(),
    needPoints: () => frames().needPoints(),
  };
}
