// Whether a 'diverged' event from the worker ends the run the page wants now,
// or only steps taken before a newer play or config change.
//
// The worker answers requests in the order they came, posts its events and
// replies in the order things happen, and postMessage keeps that order. So a
// 'diverged' that arrives while a play or configure is still unanswered was
// posted before the worker read that request: it ends steps of the previous
// run (at the old learning rate, say), and the newer request is still to come.
// Stopping then would cancel a play the reader asked for after the steps that
// blew up (the tutorial's "lower the rate and carry on").

export const Divergence = Object.freeze({
  /** The run the page wants diverged: stop, and show it. */
  STOP: 'stop',
  /** A play still on its way starts the worker again: keep playing. */
  CARRY_ON: 'carry-on',
  /** Only a config change is on its way: the worker stopped and nothing restarts it, so play again. */
  PLAY_AGAIN: 'play-again',
});

/**
 * What to do with a 'diverged' event. playing: whether the page wants training
 * (controller.js); plays, configures: those requests sent and not yet answered.
 */
export function divergenceVerdict({ playing, plays, configures }) {
  if (!playing) return Divergence.STOP;
  if (plays > 0) return Divergence.CARRY_ON;
  if (configures > 0) return Divergence.PLAY_AGAIN;
  return Divergence.STOP;
}

/** Counts play and configure requests from when they are sent (or queued) until they are answered. */
export function createRequestsInFlight() {
  const counts = { plays: 0, configures: 0 };
  function track(kind, promise) {
    counts[kind] += 1;
    // The reply settles the promise inside the client's message handler, so
    // this runs before the worker's next message (an event) is handled.
    const done = () => { counts[kind] -= 1; };
    promise.then(done, done);
    return promise;
  }
  return {
    play: (promise) => track('plays', promise),
    configure: (promise) => track('configures', promise),
    /** {plays, configures}: unanswered requests of each kind. */
    counts: () => ({ ...counts }),
  };
}
