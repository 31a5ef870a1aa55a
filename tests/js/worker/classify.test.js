// The classify request on the real core: a drawn digit through the live
// network, refused with a message naming the field for another dataset or a
// wrong input, the training state untouched either way.
import { createSession } from '../../../web/worker/session.js';
import { Event, Request } from '../../../web/shared/protocol.js';
import { requireBuilds } from '../api/builds.js';

requireBuilds();

const DIGITS = { dataset: 'digits', problem: 'multiclass', hidden: [16], optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 2 };

function harness() {
  const posted = [];
  const session = createSession({ post: (message) => posted.push(message) });
  let nextId = 1;
  async function send(type, fields = {}) {
    const id = nextId++;
    await session.receive({ ...fields, type, id });
    return posted.find((m) => m.type === Event.REPLY && m.id === id);
  }
  return { session, send };
}

let h;
afterEach(() => h?.session.dispose());

test('a digit is classified by the trained network: ten probabilities, the hidden units, the class', async () => {
  h = harness();
  expect((await h.send(Request.INIT, { config: DIGITS, build: 'scalar' })).ok).toBe(true);
  const untrained = (await h.send(Request.CLASSIFY, { input: new Float32Array(64).fill(0.5) })).result;
  expect((await h.send(Request.STEP, { epochs: 2 })).ok).toBe(true);
  const reply = await h.send(Request.CLASSIFY, { input: new Float32Array(64).fill(0.5) });
  expect(reply.ok).toBe(true);
  const { predicted, probabilities, activations } = reply.result;
  expect(probabilities).toBeInstanceOf(Float32Array);
  expect(probabilities.length).toBe(10);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  expect(predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));
  expect(activations.length).toBe(1);
  expect(activations[0].length).toBe(16);
  // The live weights answer: training moved the probabilities.
  expect(Array.from(probabilities)).not.toEqual(Array.from(untrained.probabilities));
});

test('refused for another dataset and for a wrong input, naming the field; the run goes on', async () => {
  h = harness();
  expect((await h.send(Request.INIT, { config: { dataset: 'spiral', seed: 1 }, build: 'scalar' })).ok).toBe(true);
  const spiral = await h.send(Request.CLASSIFY, { input: new Float32Array(2) });
  expect(spiral.ok).toBe(false);
  expect(spiral.error).toEqual({ field: 'dataset', message: 'dataset: classify takes a drawn digit and needs dataset "digits", not "spiral"' });
  expect((await h.send(Request.CONFIGURE, { config: DIGITS })).ok).toBe(true);
  const step = (await h.send(Request.STEP, { steps: 3 })).result.step;
  const short = await h.send(Request.CLASSIFY, { input: new Float32Array(10) });
  expect(short.ok).toBe(false);
  expect(short.error.field).toBe('input');
  expect(short.error.message).toBe('input: 10 values given, the network takes 64');
  const missing = await h.send(Request.CLASSIFY, {});
  expect(missing.error.field).toBe('input');
  expect((await h.send(Request.STEP, { steps: 1 })).result.step).toBe(step + 1);
});
