// Pulls snapshots from the training worker and draws them, one display frame
// at a time. Pure scheduling: the page passes in how to ask for a snapshot,
// what to do when one arrives and how to draw it; time comes from the
// animation frames it is given, so it is unit-tested with a fake worker.
//
// - At most one request is in flight, so requests never queue up in the worker.
// - A request leaves at an animation frame; its reply is absorbed on arrival
//   (history, points: nothing may be lost) and drawn at the next frame, the
//   newest only, so a frame never draws twice.
// - A reply that comes back after the next frame has begun (a busy machine)
//   sends the next request at once instead of at yet another frame: a round
//   trip longer than a frame then costs a frame now and then, not every other one.

/**
 * deps:
 *   request(now)      -> Promise<item>: asks the worker for a snapshot
 *   absorb(item)      an arrived item, every one, in order
 *   draw(item, now)   the newest arrived item, at most once per frame
 *   wanted()          whether a snapshot is wanted now (playing, or something changed)
 *   onError(error)    a failed request
 *   clock()           the time for a request sent outside a frame
 * Returns {frame(now), stop()}: call frame() from requestAnimationFrame.
 */
export function createSnapshotLoop({ request, absorb, draw, wanted, onError, clock = () => performance.now() }) {
  let inFlight = false;
  let frames = 0;
  let newest = null;
  let stopped = false;

  function send(now) {
    inFlight = true;
    const sentInFrame = frames;
    let reply;
    try {
      reply = Promise.resolve(request(now));
    } catch (error) {
      reply = Promise.reject(error);
    }
    reply.then((item) => {
      if (stopped) return;
      inFlight = false;
      absorb(item);
      newest = item;
      // The frame this was meant for has begun without it: ask again now.
      if (frames > sentInFrame && wanted()) send(clock());
    }, (error) => {
      inFlight = false;
      if (!stopped) onError(error);
    });
  }

  return {
    frame(now) {
      if (stopped) return;
      frames += 1;
      // Ask first, then draw: the worker computes the next one meanwhile.
      if (!inFlight && wanted()) send(now);
      if (newest) {
        const item = newest;
        newest = null;
        draw(item, now);
      }
    },
    /** True while a request waits for its reply. */
    get busy() {
      return inFlight;
    },
    stop() {
      stopped = true;
    },
  };
}
