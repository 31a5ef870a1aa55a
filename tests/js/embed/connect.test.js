// connectPlayground (web/embed/connect.js) against a fake parent window and
// iframe, with the real frame side (web/ui/frame-messages.js) answering:
// message routing, the origins rule both ways, replies matched by id, the
// iframe's height following `resize`.
import { connectPlayground } from '../../../web/embed/connect.js';
import { createFrameMessages } from '../../../web/ui/frame-messages.js';
import { API_EVENTS } from '../../../web/ui/public-api.js';
import { createEmitter } from '../../../web/ui/emitter.js';

const TUTORIAL = 'https://tutorial.example';
const PLAYGROUND = 'https://playground.example';

/** postMessage is asynchronous and copies: so is this. */
const deliver = (fn) => setTimeout(fn, 0);

/** A tutorial window, and an iframe whose page starts listening at `loadFrame()`. */
function pair({ listed = [TUTORIAL], api = fakeApi() } = {}) {
  const parentListeners = new Set();
  const parent = {
    origin: TUTORIAL,
    document: { baseURI: `${TUTORIAL}/lesson.html` },
    addEventListener: (type, fn) => { if (type === 'message') parentListeners.add(fn); },
    removeEventListener: (type, fn) => parentListeners.delete(fn),
    setInterval: (...args) => setInterval(...args),
    clearInterval: (id) => clearInterval(id),
    setTimeout: (...args) => setTimeout(...args),
    clearTimeout: (id) => clearTimeout(id),
  };
  /** A message arriving in the parent window. */
  const toParent = (source, origin, data) => deliver(() => { for (const fn of [...parentListeners]) fn({ source, origin, data: structuredClone(data) }); });
  let frameSide = null;
  const frameWindow = {
    received: [],
    postMessage(data, targetOrigin) {
      // The browser drops a message whose target origin is not the frame's.
      if (targetOrigin !== '*' && targetOrigin !== PLAYGROUND) return;
      this.received.push(data);
      if (frameSide) deliver(() => frameSide.handle({ origin: TUTORIAL, data: structuredClone(data) }));
    },
  };
  const iframeListeners = new Set();
  const iframe = {
    src: `${PLAYGROUND}/index.html#autoplay=false&origins=${listed.join(',')}`,
    contentWindow: frameWindow,
    style: {},
    addEventListener: (type, fn) => { if (type === 'load') iframeListeners.add(fn); },
    removeEventListener: (type, fn) => iframeListeners.delete(fn),
  };
  return {
    parent, iframe, frameWindow, api, toParent,
    /** The frame's page has loaded and listens (main.js); the parent's origin is not told (as in Firefox). */
    loadFrame() {
      frameSide = createFrameMessages({
        api, ownOrigin: PLAYGROUND, origins: listed, parentOrigin: null,
        target: { postMessage: (data, targetOrigin) => { if (targetOrigin === '*' || targetOrigin === TUTORIAL) toParent(frameWindow, PLAYGROUND, data); } },
      });
      for (const fn of iframeListeners) fn();
    },
  };
}

/** The frame's public API: answers as the real one would, with delays the test sets. */
function fakeApi() {
  const events = createEmitter();
  let learningRate = 0.03;
  const state = () => ({ config: { learningRate }, playing: false });
  return {
    events,
    getState: () => state(),
    setState: (patch) => new Promise((resolve, reject) => {
      setTimeout(() => {
        if (patch.learningRate > 10) {
          const error = new Error('learningRate: must be in the range (0, 10]');
          error.field = 'learningRate';
          reject(error);
          return;
        }
        learningRate = patch.learningRate;
        resolve(state());
      }, 30); // slower than getState: replies come back out of order
    }),
    play: () => Promise.resolve(undefined),
    pause: () => Promise.resolve(undefined),
    step: ({ steps }) => Promise.resolve({ step: steps, epoch: 0 }),
    reset: () => Promise.resolve(undefined),
    loadLesson: (id) => Promise.resolve({ lesson: id }),
    on: (type, fn) => events.on(type, fn),
  };
}

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

test('calls made before the frame listens wait for it; each reply goes to its own call', async () => {
  const { parent, iframe, loadFrame } = pair();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, win: parent });
  const slow = playground.setState({ learningRate: 0.5 });
  const quick = playground.getState();
  const step = playground.step({ steps: 7 });
  await wait(50);
  loadFrame();
  await playground.connected;
  expect(await quick).toEqual({ config: { learningRate: 0.03 }, playing: false });
  expect(await step).toEqual({ step: 7, epoch: 0 });
  expect(await slow).toEqual({ config: { learningRate: 0.5 }, playing: false });
  expect(await playground.getState()).toMatchObject({ config: { learningRate: 0.5 } });
  playground.destroy();
});

test('a refusal rejects with the frame\'s message and field', async () => {
  const { parent, iframe, loadFrame } = pair();
  loadFrame();
  const playground = connectPlayground(iframe, { win: parent }); // the origin from the iframe's src
  await expect(playground.setState({ learningRate: 99 })).rejects.toMatchObject({ field: 'learningRate', message: expect.stringMatching(/range/) });
  await expect(playground.loadLesson('x')).resolves.toEqual({ lesson: 'x' });
  playground.destroy();
});

test('events reach the listeners; resize sets the iframe\'s height', async () => {
  const { parent, iframe, loadFrame, api } = pair();
  loadFrame();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, win: parent });
  await playground.connected;
  const seen = [];
  const off = playground.on('progress', (data) => seen.push(data));
  playground.on('resize', (data) => seen.push(data));
  api.events.emit('progress', { step: 10 });
  api.events.emit('resize', { height: 812.4 });
  await wait(20);
  expect(seen).toEqual([{ step: 10 }, { height: 812.4 }]);
  expect(iframe.style.height).toBe('813px');
  off();
  api.events.emit('progress', { step: 20 });
  await wait(20);
  expect(seen).toHaveLength(2);
  expect(() => playground.on('tick', () => {})).toThrow(/unknown event "tick".*ready/);
  playground.destroy();
});

test('autoHeight: false leaves the iframe\'s height alone', async () => {
  const { parent, iframe, loadFrame, api } = pair();
  loadFrame();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, autoHeight: false, win: parent });
  await playground.connected;
  api.events.emit('resize', { height: 500 });
  await wait(20);
  expect(iframe.style.height).toBeUndefined();
  playground.destroy();
});

test('messages from another window, or the frame\'s window under another origin, are ignored', async () => {
  const { parent, iframe, loadFrame, toParent, frameWindow } = pair();
  loadFrame();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, win: parent });
  await playground.connected;
  const seen = [];
  playground.on('resize', (data) => seen.push(data));
  const resize = { 'relu-playground': 1, event: 'resize', data: { height: 5000 } };
  toParent({ postMessage() {} }, PLAYGROUND, resize); // another frame claiming the playground's origin
  toParent(frameWindow, 'https://evil.example', resize); // the frame navigated elsewhere
  toParent(frameWindow, PLAYGROUND, { 'relu-playground': 2, event: 'resize', data: { height: 5000 } }); // another version
  toParent(frameWindow, PLAYGROUND, 'pymxPYMxidxPYMxheightxPYMx5000');
  await wait(20);
  expect(seen).toEqual([]);
  expect(iframe.style.height).toBeUndefined();
  playground.destroy();
});

test('requests go only to the given origin, never to *', async () => {
  const { parent, iframe, loadFrame, frameWindow } = pair();
  const sent = [];
  const post = frameWindow.postMessage.bind(frameWindow);
  frameWindow.postMessage = (data, targetOrigin) => { sent.push(targetOrigin); post(data, targetOrigin); };
  loadFrame();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, win: parent });
  await playground.play();
  expect(new Set(sent)).toEqual(new Set([PLAYGROUND]));
  playground.destroy();
  for (const origin of ['*', `${PLAYGROUND}/`, `${PLAYGROUND}/index.html`, 'javascript:alert(1)', 42]) {
    expect(() => connectPlayground(iframe, { origin, win: parent })).toThrow(TypeError);
  }
  expect(() => connectPlayground({}, { origin: PLAYGROUND, win: parent })).toThrow(/iframe/);
});

test('a frame that does not list this page never answers: calls reject after the timeout, naming origins=', async () => {
  const { parent, iframe, loadFrame } = pair({ listed: ['https://elsewhere.example'] });
  loadFrame();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, timeoutMs: 300, win: parent });
  const call = playground.play();
  await expect(playground.connected).rejects.toMatchObject({ field: 'origin', message: expect.stringMatching(/origins=/) });
  await expect(call).rejects.toMatchObject({ field: 'origin' });
  playground.destroy();
});

test('destroy rejects the waiting calls and stops listening', async () => {
  const { parent, iframe, loadFrame, api } = pair();
  const playground = connectPlayground(iframe, { origin: PLAYGROUND, win: parent });
  const waiting = playground.getState();
  playground.destroy();
  await expect(waiting).rejects.toThrow(/closed/);
  await expect(playground.play()).rejects.toThrow(/closed/);
  loadFrame();
  api.events.emit('resize', { height: 300 });
  await wait(20);
  expect(iframe.style.height).toBeUndefined();
  expect(API_EVENTS).toContain('resize');
});
