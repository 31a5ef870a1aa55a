// The snapshot preparer on a fake trainer and a hand-run yielder: whole when a
// piece's budget covers the work, pieces with a yield after each otherwise,
// the last pass and grid reused until the weights change, and one snapshot in
// pieces at a time. Counted in calls, never in milliseconds.
import { createSnapshotPreparer } from '../../../web/worker/snapshot-preparer.js';

/** A trainer whose pieced calls finish after `piecesPerPass` calls, counting every call. */
function fakeTrainer(piecesPerPass = 3) {
  const calls = { evaluate: 0, evaluateWithin: 0, evalGrid: 0, evalGridWithin: 0 };
  let passPieces = 0;
  let gridPieces = 0;
  return {
    calls,
    evaluate() { calls.evaluate += 1; },
    evaluateWithin() {
      calls.evaluateWithin += 1;
      passPieces += 1;
      return { finished: passPieces % piecesPerPass === 0 };
    },
    evalGrid(n) { calls.evalGrid += 1; return new Float32Array(n * n); },
    gridRegions: () => ({ count: 1, ids: new Uint32Array(0) }),
    evalGridWithin(n) {
      calls.evalGridWithin += 1;
      gridPieces += 1;
      return gridPieces % piecesPerPass === 0 ? { finished: true, grid: new Float32Array(n * n) } : { finished: false };
    },
  };
}

/** A yielder whose yields wait until the test lets them go. */
function handYielder() {
  const waiting = [];
  return {
    yieldThen: (fn) => waiting.push(fn),
    get waiting() { return waiting.length; },
    release() { waiting.splice(0).forEach((fn) => fn()); },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp({ evaluateFlops, forwardFlopsPerSample, flops = 1000 }) {
  const yielder = handYielder();
  const adapted = [];
  const pieces = { flops, adapt: (ms) => adapted.push(ms) };
  const preparer = createSnapshotPreparer({ now: () => 0, yielder, pieces });
  preparer.learn({ evaluateFlops, forwardFlopsPerSample });
  return { preparer, yielder, adapted };
}

const REQUEST = { gridSize: 4, hidden: false, evaluate: true, regions: false };

test('work within a piece runs whole, and is reused until the weights change', async () => {
  const { preparer, yielder } = setUp({ evaluateFlops: 10, forwardFlopsPerSample: 1 });
  const trainer = fakeTrainer();
  await preparer.inTurn(null, (prepare) => prepare(() => trainer, REQUEST));
  expect(trainer.calls).toEqual({ evaluate: 1, evaluateWithin: 0, evalGrid: 1, evalGridWithin: 0 });
  expect(preparer.grid.grid).toHaveLength(16);
  expect(yielder.waiting).toBe(0);

  await preparer.inTurn(null, (prepare) => prepare(() => trainer, REQUEST));
  expect(trainer.calls.evaluate + trainer.calls.evalGrid).toBe(2); // nothing again
  preparer.invalidate();
  expect(preparer.grid).toBeNull();
  await preparer.inTurn(null, (prepare) => prepare(() => trainer, REQUEST));
  expect(trainer.calls).toMatchObject({ evaluate: 2, evalGrid: 2 });
});

test('work beyond a piece runs in pieces, yielding after each and freeing the queue', async () => {
  const { preparer, yielder, adapted } = setUp({ evaluateFlops: 1e6, forwardFlopsPerSample: 1e5 });
  const trainer = fakeTrainer(3);
  let detached = 0;
  const done = preparer.inTurn(() => { detached += 1; }, (prepare) => prepare(() => trainer, REQUEST));
  for (let i = 0; i < 6; i++) {
    await settle();
    expect(preparer.evaluating).toBe(true); // the play loop waits meanwhile
    yielder.release();
  }
  await done;
  expect(trainer.calls).toEqual({ evaluate: 0, evaluateWithin: 3, evalGrid: 0, evalGridWithin: 3 });
  expect(adapted).toHaveLength(6);
  expect(detached).toBe(6);
  expect(preparer.evaluating).toBe(false);
});

test('one snapshot in pieces at a time: the second waits its turn and frees the queue meanwhile', async () => {
  const { preparer, yielder } = setUp({ evaluateFlops: 1e6, forwardFlopsPerSample: 1 });
  const trainer = fakeTrainer(2);
  const order = [];
  const first = preparer.inTurn(null, async (prepare) => { await prepare(() => trainer, REQUEST); order.push('first'); });
  await settle();
  let secondDetached = 0;
  const second = preparer.inTurn(() => { secondDetached += 1; }, async (prepare) => { order.push('second starts'); await prepare(() => trainer, REQUEST); });
  expect(secondDetached).toBe(1); // a snapshot was between pieces when it came
  for (let i = 0; i < 4 && order.length < 2; i++) {
    yielder.release();
    await settle();
  }
  await Promise.all([first, second]);
  expect(order).toEqual(['first', 'second starts']);
});
