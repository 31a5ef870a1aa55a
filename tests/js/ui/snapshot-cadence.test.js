import { createSnapshotCadence } from '../../../web/ui/snapshot-cadence.js';

const PLAYING = { playing: true, evaluateEveryMs: 100 };
const PAUSED = { playing: false, evaluateEveryMs: 100 };

// Records what each request asked for; replies at once unless told to fail.
function asker(cadence) {
  const asked = [];
  return {
    asked,
    ask: (now, how, { fail = false } = {}) => cadence.ask(now, how, (flags) => {
      asked.push(flags);
      return fail ? Promise.reject(new Error('worker gone')) : Promise.resolve(flags);
    }),
  };
}

test('the first request brings the points, the next ones do not until needPoints()', async () => {
  const cadence = createSnapshotCadence();
  const t = asker(cadence);
  await t.ask(0, PLAYING);
  await t.ask(16, PLAYING);
  cadence.needPoints();
  await t.ask(33, PLAYING);
  await t.ask(50, PLAYING);
  expect(t.asked.map((a) => a.points)).toEqual([true, false, true, false]);
});

test('while playing, the full pass comes at most every evaluateEveryMs, timed from the last one', async () => {
  const cadence = createSnapshotCadence();
  const t = asker(cadence);
  for (const now of [0, 16, 50, 99, 100, 150, 216]) await t.ask(now, PLAYING);
  expect(t.asked.map((a) => a.evaluate)).toEqual([true, false, false, false, true, false, true]);
});

test('while paused, every request evaluates, and stamps the time for the play that follows', async () => {
  const cadence = createSnapshotCadence();
  const t = asker(cadence);
  await t.ask(0, PLAYING);
  await t.ask(40, PAUSED);
  await t.ask(60, PAUSED);
  await t.ask(100, PLAYING); // 40 ms after the paused pass at 60: too soon
  await t.ask(160, PLAYING);
  expect(t.asked.map((a) => a.evaluate)).toEqual([true, true, true, false, true]);
});

test('a failed request passes its error on, and the points it carried come with the next one', async () => {
  const cadence = createSnapshotCadence();
  const t = asker(cadence);
  await expect(t.ask(0, PAUSED, { fail: true })).rejects.toThrow('worker gone');
  await t.ask(16, PAUSED);
  await t.ask(33, PAUSED);
  expect(t.asked.map((a) => a.points)).toEqual([true, true, false]);
});

test('a failed request without points does not ask for them again', async () => {
  const cadence = createSnapshotCadence();
  const t = asker(cadence);
  await t.ask(0, PAUSED);
  await expect(t.ask(16, PAUSED, { fail: true })).rejects.toThrow('worker gone');
  await t.ask(33, PAUSED);
  expect(t.asked.map((a) => a.points)).toEqual([true, false, false]);
});
