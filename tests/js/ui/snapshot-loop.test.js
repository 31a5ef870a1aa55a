import { BACKOFF_FIRST_MS, BACKOFF_MAX_MS, backoffDelay, createSnapshotLoop } from '../../../web/ui/snapshot-loop.js';

// A fake worker: each request is answered when the test says so.
function setup({ wanted = () => true } = {}) {
  const requests = [];
  const absorbed = [];
  const drawn = [];
  const errors = [];
  let clock = 0;
  let next = 1;
  const loop = createSnapshotLoop({
    request(now) {
      return new Promise((resolve, reject) => requests.push({ now, id: next++, resolve, reject }));
    },
    absorb: (item) => absorbed.push(item),
    draw: (item, now) => drawn.push([item, now]),
    wanted: () => wanted(),
    onError: (error) => errors.push(error.message),
    clock: () => clock,
  });
  const answer = async (index = requests.length - 1) => {
    const request = requests[index];
    request.resolve(`snapshot ${request.id}`);
    await Promise.resolve();
    await Promise.resolve();
  };
  return { loop, requests, absorbed, drawn, errors, answer, setClock: (t) => { clock = t; } };
}

test('one request per frame while replies come back within the frame; each drawn at the next frame', async () => {
  const t = setup();
  t.loop.frame(0);
  expect(t.requests).toHaveLength(1);
  await t.answer();
  expect(t.absorbed).toEqual(['snapshot 1']);
  expect(t.drawn).toEqual([]); // drawing waits for a frame
  expect(t.requests).toHaveLength(1); // and so does the next request
  t.loop.frame(16);
  expect(t.drawn).toEqual([['snapshot 1', 16]]);
  expect(t.requests.map((r) => r.now)).toEqual([0, 16]);
  await t.answer();
  t.loop.frame(33);
  expect(t.drawn.map(([item]) => item)).toEqual(['snapshot 1', 'snapshot 2']);
});

test('never more than one request in flight: a frame with a pending request sends nothing', async () => {
  const t = setup();
  t.loop.frame(0);
  t.loop.frame(16);
  t.loop.frame(33);
  expect(t.requests).toHaveLength(1);
  expect(t.loop.busy).toBe(true);
  expect(t.drawn).toEqual([]);
});

test('a reply later than the next frame sends the next request at once, not a frame later', async () => {
  const t = setup();
  t.loop.frame(0);
  t.loop.frame(16); // the reply missed this frame
  t.setClock(21);
  await t.answer();
  expect(t.requests.map((r) => r.now)).toEqual([0, 21]);
  await t.answer(); // the second is quick: both arrive before the next frame
  expect(t.absorbed).toEqual(['snapshot 1', 'snapshot 2']); // every arrival is absorbed...
  t.loop.frame(33);
  expect(t.drawn).toEqual([['snapshot 2', 33]]); // ...only the newest is drawn
  expect(t.requests).toHaveLength(3);
});

test('nothing is asked for when nothing is wanted (paused and unchanged)', async () => {
  let wanted = true;
  const t = setup({ wanted: () => wanted });
  t.loop.frame(0);
  await t.answer();
  wanted = false;
  t.loop.frame(16);
  t.loop.frame(33);
  expect(t.requests).toHaveLength(1);
  expect(t.drawn.map(([item]) => item)).toEqual(['snapshot 1']);
});

test('a failed request is reported, and the next one waits for the backoff; stop() silences late replies', async () => {
  const t = setup();
  t.loop.frame(0);
  t.requests[0].reject(new Error('worker: gone'));
  await settle();
  expect(t.errors).toEqual(['worker: gone']);
  t.loop.frame(16);
  t.loop.frame(BACKOFF_FIRST_MS - 1);
  expect(t.requests).toHaveLength(1); // not at the next frame
  t.loop.frame(BACKOFF_FIRST_MS);
  expect(t.requests).toHaveLength(2);
  t.loop.stop();
  await t.answer();
  t.loop.frame(BACKOFF_FIRST_MS + 16);
  expect(t.absorbed).toEqual([]);
  expect(t.drawn).toEqual([]);
});

async function settle() {
  await Promise.resolve();
  await Promise.resolve();
}

test('failures in a row double the wait up to a cap; a success ends the backoff', async () => {
  expect([0, 1, 2, 3, 4].map(backoffDelay)).toEqual([0, 100, 200, 400, 800]);
  expect(backoffDelay(7)).toBe(BACKOFF_MAX_MS);
  expect(backoffDelay(1e6)).toBe(BACKOFF_MAX_MS);

  const t = setup();
  // A worker that fails every request, with frames every 16 ms for 30 s: the
  // requests' times follow the backoff, not the frame rate.
  let now = 0;
  const failAt = [];
  for (; now < 30000; now += 16) {
    t.setClock(now);
    const before = t.requests.length;
    t.loop.frame(now);
    if (t.requests.length > before) {
      failAt.push(now);
      t.requests.at(-1).reject(new Error('core: stopped'));
      await settle();
    }
  }
  const gaps = failAt.slice(1).map((at, i) => at - failAt[i]);
  // Each gap is the delay rounded up to the next frame.
  gaps.forEach((gap, i) => {
    expect(gap).toBeGreaterThanOrEqual(backoffDelay(i + 1));
    expect(gap).toBeLessThan(backoffDelay(i + 1) + 16);
  });
  expect(failAt.length).toBeLessThan(15); // against 1,875 frames
  expect(t.loop.failures).toBe(failAt.length);
  expect(t.errors).toHaveLength(failAt.length);

  // The next request succeeds: back to one request per frame at once.
  now += BACKOFF_MAX_MS;
  t.setClock(now);
  t.loop.frame(now);
  await t.answer();
  expect(t.loop.failures).toBe(0);
  t.loop.frame(now + 16);
  expect(t.requests.at(-1).now).toBe(now + 16);
});

test('a request that throws is reported like a failed one', async () => {
  const errors = [];
  const loop = createSnapshotLoop({
    request: () => { throw new Error('no plan'); },
    absorb: () => {}, draw: () => {}, wanted: () => true, onError: (e) => errors.push(e.message),
  });
  loop.frame(0);
  await Promise.resolve();
  await Promise.resolve();
  expect(errors).toEqual(['no plan']);
  expect(loop.busy).toBe(false);
});
