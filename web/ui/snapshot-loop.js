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
// - A failed request is not retried at the next frame but after a delay that
//   doubles with each failure in a row (BACKOFF_FIRST_MS up to BACKOFF_MAX_MS),
//   so a broken worker costs a request every few seconds, not 60 a second.
//   The first success ends the backoff.

/** The wait after the first failure in a row (ms): about six frames. */
export const BACKOFF_FIRST_MS = 100;
/** The longest wait between two failing requests (ms). */
export const BACKOFF_MAX_MS = 5000;

/** How long to wait before the next request after `failures` failed in a row. */
export function backoffDelay(failures) {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(failures - 1, 30));
}

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
  let failures = 0; // in a row
  let retryAt = -Infinity;

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
      failures = 0;
      retryAt = -Infinity;
      absorb(item);
      newest = item;
      // The frame this was meant for has begun without it: ask again now.
      if (frames > sentInFrame && wanted()) send(clock());
    }, (error) => {
      inFlight = false;
      if (stopped) return;
      failures += 1;
      retryAt = clock() + backoffDelay(failures);
      onError(error);
    });
  }

  return {
    frame(now) {
      if (stopped) return;
      frames += 1;
      // Ask first, then draw: the worker computes the next one meanwhile.
      if (!inFlight && now >= retryAt && wanted()) send(now);
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
    /** Requests failed in a row, 0 after a success. */
    get failures() {
      return failures;
    },
    stop() {
      stopped = true;
    },
  };
}
