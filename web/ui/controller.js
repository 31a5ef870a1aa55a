// The training controller: the one place that moves the state and talks to
// the worker. Panels, the lessons menu, files, the URL, the <relu-playground>
// element and the public API all call these methods; none keeps a flag of its own.
//
// - State moves are store.js actions; the worker gets the config fields that
//   changed, in order (one configure at a time).
// - A network dearer than web/shared/cost.js's thresholds is built only once
//   the user confirms (the cost gate), whether it comes from a link, a file or an edit.
// - Start-up retries the core with the field it refused put back (recoverState).
//
// No DOM: what the page shows goes through `view` (see createController), so
// tests/js/ui/controller.test.js drives it in Node with a fake client.

import { FIELDS, changedFields, defaultConfig, validateConfig } from '../shared/schema.js';
import { estimateCost, needsConfirmationOver } from '../shared/cost.js';
import { withConfig, lockingControl, lockedMessage, recoverState } from './state.js';
import { SLOW_PARAMS } from './panels/network-panel.js';
import { reduce, fieldError } from './store.js';
import { createEmitter } from './emitter.js';
import { autoplays, lifecycleDecision } from './lifecycle.js';
import { regionsState } from './regions.js';
import { Divergence, createRequestsInFlight, divergenceVerdict } from './requests-in-flight.js';
import { configOfModel, modelLockedChange } from './model-file-config.js';

/** The public API's `progress` event comes at most this often (ms): 4 a second. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * deps:
 *   client        the training client (web/shared/client.js)
 *   state         the initial state (state.js)
 *   presets       the lessons
 *   wasm          {baseUrl, origins} for client.init
 *   view          what the page shows, all called synchronously:
 *     render(state, info)       the controls follow the state
 *     writeUrl(state, push)     the address follows the state
 *     notify(text, {kind, key, timeoutMs}), clearNotice(key)
 *     gate                      {ask(cost, options) -> Promise<true|false|null>, close(), open}
 *     setPlaying(playing), setDiverged({step, cause, learningRate} | null)
 *     setBuildStatus(text | null), setUnbuilt(unbuilt), built(result)
 *     newNetwork(state, info)   new weights: clear the history, redraw the structure
 *     cleared()                 training went back to step 0 (reset)
 *     invalidate(), needPoints()  a new snapshot (with the data points) is wanted
 *   clock         ms, for the progress event's throttle
 *   reducedMotion the reader asks for reduced motion: no autoplay (lifecycle.js)
 *   timeline      () -> getState().timeline: what the replay timeline shows (replay.js), or null
 */
export function createController({ client, state: initial, presets, wasm = {}, view, clock = () => performance.now(), reducedMotion = false, timeline = () => null }) {
  const events = createEmitter();
  let state = initial;
  let info = null; // {build, simd, layers, paramCount} of the network the worker has
  let playing = false; // the user's (or the API's) wish; the worker trains only while also seen
  let seen = { inView: true, tabVisible: true }; // lifecycle.js: off-screen or in a hidden tab, the worker pauses
  let playRequests = 0; // snapshots asked for before the latest play/pause do not say whether it is playing
  let unbuilt = false; // start-up waits for the user to confirm a dear network
  let destroyed = false;
  let configureChain = Promise.resolve();
  let builtCost = null; // estimate of the network the worker has
  let heldFrom = null; // while a dearer network waits for confirmation: the state the worker has
  let progress = null;
  let metrics = null;
  let regions = null; // the regions toggle's count: {step, count} or {step, count: 0, error}
  let lastProgressAt = -Infinity;
  let lastProgressStep = null;
  let held = false; // compare mode: A waits for run B to catch up (lockstep.js)
  const inFlight = createRequestsInFlight(); // tells a stale 'diverged' from the current run's

  function report(error) {
    if (error.field === 'core') return; // the core restarted: its 'restarted' notice says so once
    if (destroyed) return;
    view.notify(error.message ?? String(error), { kind: 'error', key: error.field || undefined });
    events.emit('error', { message: error.message ?? String(error), field: error.field ?? '' });
  }

  function showLocked(locked) {
    view.notify(lockedMessage(locked), { kind: 'warn', key: 'locked', timeoutMs: 8000 });
  }

  /** True (and says so) when `name` is locked on this page. */
  function refuseLocked(name) {
    const control = lockingControl(state.ui.lock, name);
    if (control) showLocked({ control, field: name });
    return Boolean(control);
  }

  const EDITS = new Set(['config', 'hidden', 'layerActivation', 'addPoint']);
  /** A user's move (a store action): refused ones say why and put the controls back. Returns the reducer's result. */
  function dispatch(action) {
    const result = reduce(state, action);
    if (result.error) view.notify(result.error, { kind: 'error', key: 'edit' });
    else if (result.locked) showLocked(result.locked);
    if (result.error || result.locked) {
      view.render(state, info); // the inputs go back to the valid values
      return result;
    }
    if (EDITS.has(action.type)) view.clearNotice('edit');
    commit(result.state);
    return result;
  }

  /** Moves to a new state: controls, URL, then the worker. Resolves when the worker has it (or refused it). */
  function commit(next, { push = true, quiet = false } = {}) {
    const previous = state;
    state = next;
    view.render(state, info);
    view.writeUrl(state, push);
    announce();
    if (previous.ui.speed !== state.ui.speed && info) sendSpeedToWorker();
    if (info) return sendConfig(previous, { quiet });
    if (unbuilt) view.gate.close(); // start-up asks again about the edited network
    return Promise.resolve(null);
  }

  /**
   * The address moved (back/forward, an edited fragment) to `next`. As with
   * a fresh link, when the core refuses it only the field it names goes back
   * (recoverState), with one notice, and the rest of the new address is kept;
   * the whole previous state comes back only when no field can be repaired.
   */
  async function follow(next, { push = false } = {}) {
    const tried = new Set();
    let attempt = next;
    let error = await commit(attempt, { push, quiet: true });
    while (error && !destroyed) {
      const repairable = !error.field || Object.hasOwn(FIELDS, error.field);
      const repair = repairable ? recoverState(attempt, error.field, presets, tried) : null;
      if (!repair) {
        report(error); // the previous state, which the worker still has, stays
        return error;
      }
      const changed = repair.field ? `only ${repair.field} changed` : 'the lesson\'s or default settings are shown, custom points kept';
      view.notify(`The core refused these settings (${error.message}): ${changed}; the rest of the link is kept.`,
        { kind: 'warn', key: `refused-${repair.field}` });
      attempt = repair.state;
      error = await commit(attempt, { push: false, quiet: true });
    }
    return error;
  }

  /** Sends the worker the fields that changed since `previous`; resolves with its error or null. */
  function sendConfig(previous, { quiet = false } = {}) {
    if (holdIfDear(previous)) return Promise.resolve(null);
    if (heldFrom) previous = heldFrom; // the edit that was held no longer needs asking
    heldFrom = null;
    const changed = changedFields(previous.config, state.config);
    if (!changed.length) return configureChain.then(() => null);
    const patch = Object.fromEntries(changed.map((name) => [name, state.config[name]]));
    configureChain = inFlight.configure(configureChain.then(() => client.configure(patch)).then((result) => {
      builtCost = costOf(state.config);
      if (result.rebuilt) {
        view.notify(`New network: changing ${changed.join(', ')} needs new weights, so training starts again from step 0.`, { key: 'rebuilt', timeoutMs: 8000 });
        afterNewNetwork(result);
      } else {
        view.notify(`${changed.join(', ')} applies from the next step; the weights are kept.`, { key: 'rebuilt', timeoutMs: 4000 });
        view.invalidate();
      }
      return null;
    }, (error) => {
      if (!quiet) report(error); // quiet: the caller repairs the state, and says so
      state = previous; // the worker kept the previous config
      view.render(state, info);
      view.writeUrl(state, false);
      announce();
      return error;
    }));
    return configureChain;
  }

  function costOf(config) {
    const { config: full, errors } = validateConfig(config ?? {}, defaultConfig());
    return errors.length ? null : estimateCost(full);
  }

  /** Resolves true when `config` may be built: cheap enough, or confirmed. */
  function confirmCost(config, options) {
    const cost = costOf(config);
    if (!needsConfirmationOver(cost, builtCost)) return Promise.resolve(true);
    if (playing) pause();
    return view.gate.ask(cost, options).then((answer) => answer === true);
  }

  /** An edit to a dear network waits for confirmation: true while it is held. */
  function holdIfDear(previous) {
    const cost = costOf(state.config);
    if (!needsConfirmationOver(cost, builtCost)) {
      if (heldFrom) view.gate.close();
      return false;
    }
    const base = heldFrom ?? previous;
    heldFrom = base;
    if (playing) pause();
    view.gate.ask(cost, { subject: 'The edited network' }).then((answer) => {
      if (answer === null || heldFrom !== base) return; // a newer edit asks again
      heldFrom = null;
      if (answer) {
        builtCost = cost; // confirmed: not asked again for this network
        sendConfig(base);
      } else {
        state = { ...state, config: base.config };
        view.render(state, info);
        view.writeUrl(state, false);
        announce();
      }
    });
    return true;
  }

  function afterNewNetwork(result) {
    info = { ...info, layers: result.layers, paramCount: result.paramCount };
    builtCost = costOf(result.config ?? state.config);
    warnIfSlow(result.paramCount);
    view.newNetwork(state, info);
  }

  function warnIfSlow(paramCount) {
    if (paramCount > SLOW_PARAMS) {
      view.notify(`${paramCount.toLocaleString('en')} parameters: training and drawing will be slow.`, { kind: 'warn', key: 'slow', timeoutMs: 8000 });
    }
  }

  function sendSpeedToWorker() {
    // A snapshot request waits for the training slice in progress: short slices answer it sooner.
    const budgetMs = 2;
    const speed = state.ui.speed === 'auto' ? { budgetMs, stepsPerFrame: 'auto' } : { budgetMs, epochsPerFrame: Number(state.ui.speed) };
    client.setSpeed(speed).catch(report);
  }

  // play, pause, step and reset never reject: they report a failure and resolve with it (the API rethrows it).
  /** Whether the worker should be training now: wanted, and seen (lifecycle.js). */
  function trainsNow() {
    return !held && lifecycleDecision({ ...seen, near: true, userPaused: !playing }).train;
  }

  function play() {
    if (!info) {
      view.notify('Build the network first (or choose a smaller one).', { kind: 'warn', key: 'unbuilt', timeoutMs: 5000 });
      return Promise.resolve(fieldError('play: the network is not built yet (it waits for the cost question to be answered)', 'hidden'));
    }
    playRequests += 1;
    setPlaying(true);
    if (!trainsNow()) return Promise.resolve(null); // starts when seen again
    return sendPlay().then(() => null, failed);
  }

  function pause() {
    playRequests += 1;
    setPlaying(false);
    return client.pause().then(() => { view.invalidate(); return null; }, failed);
  }

  function sendPlay() {
    return inFlight.play(client.play());
  }

  function failed(error) {
    report(error);
    return error;
  }

  function setPlaying(next) {
    if (playing === next) return view.setPlaying(next);
    playing = next;
    view.setPlaying(next);
    announce();
  }

  function step(amount = { steps: 1 }) {
    return client.step(amount).then((result) => { view.invalidate(); return result; }, failed);
  }

  function reset() {
    return client.reset().then(() => { view.cleared(); return null; }, failed);
  }

  /** A snapshot has arrived (the frame driver): whether the worker stopped by itself, and the progress event. */
  function observe(snapshot, { requestedAfter, evaluated }) {
    // e.g. diverged; a worker paused because the widget is out of sight says nothing about the wish
    if (requestedAfter === playRequests && trainsNow() && snapshot.playing !== playing) setPlaying(snapshot.playing);
    progress = { step: snapshot.step, epoch: snapshot.epoch };
    if (evaluated) {
      const { trainLoss, testLoss, trainAccuracy, testAccuracy } = snapshot;
      metrics = { trainLoss, testLoss, trainAccuracy, testAccuracy };
    }
    regions = regionsState(snapshot);
    const now = clock();
    // At most 4 a second; and the last one when training settles, so a listener sees where it stopped.
    if (now - lastProgressAt >= PROGRESS_INTERVAL_MS || (!snapshot.busy && snapshot.step !== lastProgressStep)) {
      lastProgressAt = now;
      lastProgressStep = snapshot.step;
      events.emit('progress', { ...progress, playing, metrics });
    }
  }

  /** statechange: the state is copied only when someone listens (custom points can be 20,000). */
  function announce() {
    if (events.listening('statechange')) events.emit('statechange', publicState());
  }

  function publicState() {
    return structuredClone({ config: state.config, ui: state.ui, lesson: state.ui.lesson, playing, progress, metrics, regions, timeline: timeline() });
  }

  // --- Start: a dear network from the link opens paused and unbuilt, until the user answers.
  async function start() {
    let result;
    const asked = needsConfirmationOver(costOf(state.config), builtCost);
    while (needsConfirmationOver(costOf(state.config), builtCost)) {
      unbuilt = true;
      view.setUnbuilt(true);
      view.setBuildStatus('not built: waiting for your answer');
      const answer = await view.gate.ask(costOf(state.config), { subject: 'The network in this link', cancelLabel: 'Use a small network instead' });
      if (destroyed) return null;
      if (answer === false) {
        const defaults = defaultConfig();
        commit({ ...state, config: { ...state.config, hidden: defaults.hidden, activation: defaults.activation, batchSize: Math.min(state.config.batchSize, defaults.batchSize) } }, { push: false });
      } else if (answer === true) {
        builtCost = costOf(state.config);
        break;
      }
    }
    if (asked) view.setBuildStatus(null);
    unbuilt = false;
    view.setUnbuilt(false);
    let initialState = state;
    const tried = new Set();
    for (;;) {
      try {
        result = await client.init({ config: initialState.config, build: initialState.ui.build, wasmBaseUrl: wasm.baseUrl, wasmOrigins: wasm.origins });
        break;
      } catch (error) {
        if (destroyed) return null;
        // The worker did not start: the client's 'error' event has shown why already.
        if (error.field === 'worker') {
          view.setBuildStatus(coreFailedStatus(error));
          return null;
        }
        // Never a blank page, never all defaults: the field the core refused goes back alone.
        // Only a config field (or none named) can be repaired: a refused protocol
        // version or wasm base is not the link's fault, and the link is kept.
        const repairable = !error.field || Object.hasOwn(FIELDS, error.field);
        const repair = repairable ? recoverState(initialState, error.field, presets, tried) : null;
        if (!repair) {
          // A trap while loading comes back as field 'core' with no 'restarted' event (nothing to restart from): shown here.
          if (error.field === 'core') view.notify(error.message, { kind: 'error', key: 'core' });
          else report(error);
          // The run bar said "loading core…": it now says that loading failed (the notice has the cause).
          view.setBuildStatus(coreFailedStatus(error));
          return null;
        }
        view.setBuildStatus(null);
        const changed = repair.field ? `only ${repair.field} changed` : 'the lesson\'s or default settings are shown, custom points kept';
        view.notify(`The core refused these settings (${error.message}): ${changed}; the rest of the link is kept.`,
          { kind: 'warn', key: `refused-${repair.field}` });
        initialState = repair.state;
        state = initialState;
        view.render(state, info);
        view.writeUrl(state, false);
      }
    }
    if (destroyed) return null;
    info = result;
    builtCost = costOf(initialState.config);
    view.built(result);
    warnIfSlow(result.paramCount);
    const editedWhileLoading = changedFields(initialState.config, state.config).length > 0;
    const edits = sendConfig(initialState); // edits made while the core was loading
    sendSpeedToWorker();
    if (state.ui.autoplay && reducedMotion) {
      // With the run bar hidden there is no Play button to point at: Space (shortcuts.js) still plays.
      const how = lockingControl(state.ui.hide, 'run') ? 'press Space in the playground' : 'you press Play';
      view.notify(`Paused: your system asks for reduced motion, so nothing moves until ${how}.`, { key: 'reduced-motion', timeoutMs: 10000 });
    }
    const startsPlaying = autoplays({ autoplay: state.ui.autoplay, reducedMotion });
    const mayAutoplay = () => startsPlaying && !asked && !heldFrom && !view.gate.open; // a confirmed dear network opens paused
    if (mayAutoplay() && !editedWhileLoading) play();
    else if (mayAutoplay()) {
      // Not one step on the config the reader already changed (a lesson's rate of 3 diverges in two):
      // play once the worker has the edits, unless someone played or paused meanwhile.
      const wishes = playRequests;
      edits.then(() => { if (!destroyed && playRequests === wishes && mayAutoplay()) play(); });
    }
    view.invalidate();
    events.emit('ready', { build: result.build, simd: result.simd, paramCount: result.paramCount });
    return result;
  }

  const unsubscribe = [
    client.on('diverged', ({ step: at, cause }) => {
      view.invalidate(); // the core went back to a checkpoint, whichever run this was
      const verdict = divergenceVerdict({ playing, ...inFlight.counts() });
      if (verdict === Divergence.PLAY_AGAIN && trainsNow()) {
        playRequests += 1; // snapshots asked for before this play say stopped: they must not undo the wish
        sendPlay().catch(report);
      }
      // Steps from before a newer play or config change: the run the reader asked for goes on, without the old run's banner.
      if (verdict !== Divergence.STOP) return;
      setPlaying(false);
      view.setDiverged({ step: at, cause, learningRate: state.config.learningRate });
      events.emit('diverged', { step: at, cause, learningRate: state.config.learningRate });
    }),
    client.on('error', ({ message, field = '' }) => {
      view.notify(message, { kind: 'error' });
      events.emit('error', { message, field });
    }),
    client.on('restarted', ({ message, gaveUp }) => {
      view.notify(message, { kind: gaveUp ? 'error' : 'warn', key: 'core' });
      if (gaveUp) {
        setPlaying(false);
        view.setBuildStatus('core stopped after repeated faults (see the notice)');
      }
      view.needPoints();
      view.invalidate();
    }),
  ];

  return {
    events,
    get state() { return state; },
    get info() { return info; },
    get playing() { return playing; },
    get playRequests() { return playRequests; },
    /** {step, epoch} of the newest snapshot, or null. */
    get progress() { return progress; },
    start,
    observe,
    dispatch,
    refuseLocked,
    showLocked,
    confirmCost,
    report,
    /** A new whole state (setQuery): no lock check, as a link is the embedder's. */
    replace: (next, { push = true } = {}) => commit(next, { push }),
    /** The address moved to `next` (or setQuery gave it): a field the core refuses goes back alone (see follow). */
    follow,
    togglePlay: () => refuseLocked('run') || (playing ? pause() : play()),
    stepOnce: () => refuseLocked('run') || step(),
    resetRun: () => refuseLocked('run') || reset(),
    /** A model file was imported: its config becomes the state, its weights the network. */
    imported(result) {
      const next = withConfig(state, result.config);
      state = next.error ? state : next.state;
      view.render(state, info);
      view.writeUrl(state, true);
      announce();
      afterNewNetwork(result);
    },
    /** Resolves true when the model in `text` may be built: cheap enough, or confirmed. */
    confirmModel(text, fileName) {
      return confirmCost(configOfModel(text), { subject: `The model in ${fileName}`, confirmLabel: 'Load this model', cancelLabel: 'Keep the current network' });
    },
    /** Whether a model file's config keeps the locks (says so when not). */
    modelKeepsLocks(text) {
      const locked = modelLockedChange(state, text);
      if (locked) showLocked(locked);
      return !locked;
    },
    setWeight(edit) {
      if (refuseLocked('weights')) return Promise.reject(new Error(lockedMessage({ control: lockingControl(state.ui.lock, 'weights') })));
      return client.setWeight(edit).then(() => { view.invalidate(); });
    },

    // For the public API (public-api.js): these resolve with the failure (an Error) or null, never reject.
    commit,
    play,
    pause,
    step,
    reset,
    getState: publicState,
    /**
     * Whether the widget is in view and its tab visible (lifecycle.js): out of
     * sight the worker pauses, and resumes on return if still wanted.
     */
    setSeen({ inView, tabVisible }) {
      const before = trainsNow();
      seen = { inView: Boolean(inView), tabVisible: Boolean(tabVisible) };
      const after = trainsNow();
      if (before === after || !info || destroyed) return;
      playRequests += 1; // snapshots asked for before this do not tell the wish
      (after ? sendPlay() : client.pause()).catch(report);
    },
    /** Compare mode's lockstep: while held, A's worker waits (the wish to play is kept). */
    hold(next) {
      const before = trainsNow();
      held = Boolean(next);
      const after = trainsNow();
      if (before === after || !info || destroyed) return;
      playRequests += 1; // snapshots asked for before this do not tell the wish
      (after ? sendPlay() : client.pause()).catch(report);
    },
    destroy() {
      destroyed = true;
      view.gate.close(); // a start-up still waiting for an answer ends
      for (const off of unsubscribe) off();
      events.clear();
    },
  };
}

/** What the run bar says when the core could not be started: short; the notice has the whole message. */
export const CORE_FAILED_STATUS_MAX_CHARS = 80;
export function coreFailedStatus(error) {
  const cause = String(error?.message ?? error ?? 'unknown error').replace(/\s+/g, ' ').trim();
  const status = `core failed to start: ${cause}`;
  return status.length <= CORE_FAILED_STATUS_MAX_CHARS ? status : `${status.slice(0, CORE_FAILED_STATUS_MAX_CHARS - 1)}…`;
}
