import { createSnapshotLoop } from '../../../web/ui/snapshot-loop.js';

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

test('a failed request is reported and the next frame asks again; stop() silences late replies', async () => {
  const t = setup();
  t.loop.frame(0);
  t.requests[0].reject(new Error('worker: gone'));
  await Promise.resolve();
  await Promise.resolve();
  expect(t.errors).toEqual(['worker: gone']);
  t.loop.frame(16);
  expect(t.requests).toHaveLength(2);
  t.loop.stop();
  await t.answer();
  t.loop.frame(33);
  expect(t.absorbed).toEqual([]);
  expect(t.drawn).toEqual([]);
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
