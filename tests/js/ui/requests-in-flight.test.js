// Which 'diverged' events end the run the page wants (web/ui/requests-in-flight.js).
import { Divergence, createRequestsInFlight, divergenceVerdict } from '../../../web/ui/requests-in-flight.js';

const flush = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
}

test('a divergence while nothing newer is on its way, or while paused, stops', () => {
  expect(divergenceVerdict({ playing: true, plays: 0, configures: 0 })).toBe(Divergence.STOP);
  expect(divergenceVerdict({ playing: false, plays: 1, configures: 1 })).toBe(Divergence.STOP);
});

test('a play on its way carries on; a config change alone plays again', () => {
  expect(divergenceVerdict({ playing: true, plays: 1, configures: 0 })).toBe(Divergence.CARRY_ON);
  expect(divergenceVerdict({ playing: true, plays: 2, configures: 1 })).toBe(Divergence.CARRY_ON);
  expect(divergenceVerdict({ playing: true, plays: 0, configures: 1 })).toBe(Divergence.PLAY_AGAIN);
});

test('a request counts from when it is sent until it is answered, or refused', async () => {
  const inFlight = createRequestsInFlight();
  const play = deferred();
  const configure = deferred();
  expect(inFlight.play(play.promise)).toBe(play.promise);
  inFlight.configure(configure.promise).catch(() => {});
  expect(inFlight.counts()).toEqual({ plays: 1, configures: 1 });
  play.resolve({});
  await flush();
  expect(inFlight.counts()).toEqual({ plays: 0, configures: 1 });
  configure.reject(new Error('learningRate: refused'));
  await flush();
  expect(inFlight.counts()).toEqual({ plays: 0, configures: 0 });
});
