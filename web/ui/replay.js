// The replay timeline's page side: follows the worker's kept steps while
// live, and while scrubbing asks for the past step's snapshot (snapshotAt)
// and draws it through the frame driver, whose live frames wait meanwhile.
//
// Training pauses while scrubbing (the present would otherwise run away from
// the slider's end), and Live resumes it if it was running. "Continue from
// here" forks the worker's run from the step shown (forkFrom), trims the
// loss history to it and trains on. Every request goes through the worker
// protocol; nothing here touches the core.

/** While live and training, the kept steps are asked for at most this often (ms). */
export const TIMELINE_REFRESH_MS = 500;

/**
 * deps: {client, controller, frames, history, view (components/timeline-view.js), clock}
 * Returns {scrub(step), live(), fork(step), drawn(snapshot), leave(), publicState(), destroy()}.
 */
export function createReplay({ client, controller, frames, history, view, clock = () => performance.now() }) {
  let timeline = null; // the worker's last timeline reply
  let shown = null; // the step on screen while scrubbing; null: live
  let scrubbing = false;
  let resumeAfter = false; // training ran when the scrub began
  let wanted = null; // the step the slider asks for, while a request is in flight
  let inFlight = false;
  let refreshing = false;
  let lastRefresh = -Infinity;
  let destroyed = false;
  let drawnStep = 0; // the newest live frame's step, until the first timeline reply

  function refresh() {
    if (refreshing || destroyed) return;
    refreshing = true;
    lastRefresh = clock();
    client.timeline().then((reply) => {
      refreshing = false;
      if (destroyed) return;
      timeline = reply;
      view.setTimeline(reply);
    }, (error) => {
      refreshing = false;
      controller.report(error);
    });
  }

  function request() {
    if (wanted === null || inFlight || !scrubbing) return;
    const step = wanted;
    wanted = null;
    inFlight = true;
    client.snapshotAt({ step, ...frames.momentRequest() }).then((snapshot) => {
      inFlight = false;
      if (destroyed || !scrubbing) return;
      if (wanted === null) {
        shown = snapshot.step;
        frames.showMoment(snapshot);
        view.setShown(shown);
      }
      request(); // the slider moved meanwhile: the newest position only
    }, (error) => {
      inFlight = false;
      controller.report(error);
    });
  }

  function leaveScrub() {
    scrubbing = false;
    shown = null;
    wanted = null;
    frames.hold(false);
    frames.invalidate();
    view.setShown(null);
  }

  const replay = {
    /** Show `step` (a kept one): pauses training at the first move. */
    scrub(step) {
      if (destroyed || !controller.info) return;
      // Scrubbing pauses: not where the embedder locked play/pause (the notice says so).
      if (!scrubbing && controller.playing && controller.refuseLocked('run')) return;
      if (!scrubbing) {
        scrubbing = true;
        resumeAfter = controller.playing;
        frames.hold(true);
        if (controller.playing) controller.pause();
        refresh(); // the present the pause stopped at
      }
      wanted = step;
      request();
    },
    /** Back to the present, and to training if it ran before the scrub. */
    live() {
      if (!scrubbing) return;
      const resume = resumeAfter;
      leaveScrub();
      refresh();
      if (resume) controller.play();
    },
    /** Continue from `step`: the worker drops the later history, the loss chart too, and training goes on. */
    fork(step) {
      // A fork replaces the weights and plays on: refused where either is locked (the notice says which).
      if (controller.refuseLocked('weights') || controller.refuseLocked('run')) return Promise.resolve(null);
      return client.forkFrom(step).then((progress) => {
        history.rewindTo(progress.step);
        leaveScrub();
        refresh();
        controller.play();
        return progress;
      }, (error) => {
        controller.report(error);
        return error;
      });
    },
    /** A live frame was drawn: keep the slider's end at the present. */
    drawn(snapshot) {
      if (scrubbing) return;
      drawnStep = snapshot.step;
      const moved = timeline === null || snapshot.step !== timeline.present;
      if (moved && (!controller.playing || clock() - lastRefresh >= TIMELINE_REFRESH_MS)) refresh();
    },
    /** Training started again (Play while scrubbing), or the run was replaced: back to live. */
    leave() {
      if (!scrubbing) return;
      leaveScrub();
      refresh();
    },
    get scrubbing() { return scrubbing; },
    /** For getState().timeline: what the page shows. */
    publicState() {
      // Not controller.getState(): that state holds this one.
      const present = timeline?.present ?? drawnStep;
      return {
        scrubbing,
        step: shown ?? present,
        present,
        kept: timeline?.steps.length ?? 0,
        steps: [...(timeline?.steps ?? [])],
        marks: (timeline?.marks ?? []).map((mark) => ({ ...mark })),
        bytes: timeline?.bytes ?? 0,
        maxBytes: timeline?.maxBytes ?? 0,
      };
    },
    destroy() {
      destroyed = true;
    },
  };
  return replay;
}
