// What a snapshot request asks for beyond the grid and weights, for both runs
// (frames.js for A, compare-run.js for B): the data points once after they
// change, and the full pass over the data (losses, accuracies, diagnostics)
// at most every plan.evaluateEveryMs while playing, at every request while
// paused (a paused run changes only by the user's hand, which must show).

/**
 * Returns {ask(now, {playing, evaluateEveryMs}, send), needPoints()}.
 * ask calls send({points, evaluate}) -> Promise and returns its promise; when
 * it fails, the points it carried are wanted again by the next request.
 */
export function createSnapshotCadence() {
  let wantPoints = true;
  let lastEvaluate = -Infinity;
  return {
    ask(now, { playing, evaluateEveryMs }, send) {
      const points = wantPoints;
      wantPoints = false;
      const evaluate = !playing || now - lastEvaluate >= evaluateEveryMs;
      if (evaluate) lastEvaluate = now;
      return send({ points, evaluate }).catch((error) => {
        if (points) wantPoints = true;
        throw error;
      });
    },
    /** The next request brings the data points (new data, a restarted core). */
    needPoints() { wantPoints = true; },
  };
}
