// What a snapshot needs before its reply is assembled: the full pass over the
// data and the grid over the plane. Each runs whole when it costs at most a
// piece, otherwise in pieces (evaluateWithin, evalGridWithin) with a yield
// after each, having freed the request queue first, so that Pause and every
// other request are answered between pieces. One snapshot works in pieces at a
// time (two would restart each other's grid). While the weights stand still (a
// long step in pieces, or paused) the pass and the last grid are reused.

/**
 * @param {object} deps
 * @param {() => number} deps.now
 * @param {{yieldThen(fn: () => void): void}} deps.yielder
 * @param {{readonly flops: number, adapt(elapsedMs: number): void}} deps.pieces the session's adaptive piece budget
 */
export function createSnapshotPreparer({ now, yielder, pieces }) {
  let evaluated = false; // metrics are from a full pass over the current weights
  let lastGrid = null; // {key, grid, regions}: the last grid and what it was asked with
  let lane = Promise.resolve();
  let evaluating = false; // between two pieces: the play loop waits meanwhile
  let waiting = 0; // snapshots between two of their pieces
  let cost = { evaluateFlops: 0, forwardFlopsPerSample: 0 };

  /**
   * Runs the pass and the grid on `trainer()` (asked again after each yield: a
   * request meanwhile may have replaced it). A request that changes the
   * weights meanwhile drops the pass in the core; it then starts again on the
   * new weights, and the snapshot shows those.
   */
  async function prepare(trainer, { gridSize, hidden, evaluate, regions }, detach) {
    const key = `${gridSize}:${Boolean(hidden)}:${Boolean(regions)}`;
    for (;;) {
      const current = trainer();
      const wantPass = evaluate && !evaluated;
      const wantGrid = gridSize !== 0 && lastGrid?.key !== key;
      if (!wantPass && !wantGrid) return;
      if (wantPass && cost.evaluateFlops <= pieces.flops) {
        current.evaluate();
        evaluated = true;
        continue;
      }
      if (!wantPass && cost.forwardFlopsPerSample * gridSize * gridSize <= pieces.flops) {
        const grid = current.evalGrid(gridSize, { hidden, regions });
        lastGrid = { key, grid, regions: regions ? current.gridRegions() : null };
        continue;
      }
      const start = now();
      if (wantPass) {
        if (current.evaluateWithin(pieces.flops).finished) evaluated = true;
      } else {
        const piece = current.evalGridWithin(gridSize, pieces.flops, { hidden, regions });
        if (piece.finished) lastGrid = { key, grid: piece.grid, regions: piece.regions ?? null };
      }
      pieces.adapt(now() - start);
      detach?.();
      evaluating = true;
      waiting += 1;
      try {
        await new Promise((resolve) => yielder.yieldThen(resolve));
      } finally {
        evaluating = false;
        waiting -= 1;
      }
    }
  }

  return {
    /** The weights changed: the pass and the grid are computed again. */
    invalidate() {
      evaluated = false;
      lastGrid = null;
    },
    /** A new network's costs (estimateCost): {evaluateFlops, forwardFlopsPerSample}. */
    learn({ evaluateFlops, forwardFlopsPerSample }) {
      cost = { evaluateFlops, forwardFlopsPerSample };
    },
    /** A snapshot is between two of its pieces: a step finished now would drop its pass. */
    get evaluating() {
      return evaluating;
    },
    /** The grid the last prepare() left: {grid, regions} or null. */
    get grid() {
      return lastGrid;
    },
    /**
     * Prepares in its turn: one snapshot in pieces at a time. One that waits
     * for another frees the queue (detach) as that one did. Resolves when
     * `prepare` has run; the caller assembles the reply before the next turn (`then`).
     */
    async inTurn(detach, work) {
      const previous = lane;
      let done;
      lane = new Promise((resolve) => { done = resolve; });
      if (waiting > 0) detach?.();
      try {
        await previous;
        return await work((trainer, request) => prepare(trainer, request, detach));
      } finally {
        done();
      }
    },
  };
}
