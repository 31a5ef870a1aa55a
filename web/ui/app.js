// Wires the page: state (URL) <-> control panels, the training client (worker)
// -> views. One instance per mount element, no globals, so several
// playgrounds can live on one page.
//
//   const playground = mountPlayground(element, {useUrl: true});
//   await playground.ready;  ...  playground.destroy();

import uPlotCssUrl from 'uplot/dist/uPlot.min.css?url';
import pageCssUrl from './styles.css?url';
import { createTrainingClient } from '../shared/client.js';
import { FEATURES, FIELDS, changedFields, defaultConfig, validateConfig } from '../shared/schema.js';
import { estimateCost, needsConfirmation } from '../shared/cost.js';
import { PRESETS } from '../shared/presets.js';
import { checkWasmBase, originOf } from '../shared/wasm-origin.js';
import {
  parseQuery, serializeState, withConfig, withPreset, withHidden, withLayerActivation, withAddedPoint,
  lockingControl, lockedChange, lockedMessage, presetConflict,
  recoverState, locationParams, linkOmitsPoints, LINK_POINTS_MAX_CHARS,
} from './state.js';
import { pointsToCsv } from './csv.js';
import { download } from './dom.js';
import { MetricsHistory } from './chart-data.js';
import { MAX_DRAWN_UNITS, gridPlan, outputScale } from './network-layout.js';
import { createLayout, linkStyles } from './layout.js';
import { createNotices } from './components/notices.js';
import { createCostGate } from './components/cost-gate.js';
import { createViews } from './views.js';
import { createDataPanel } from './panels/data-panel.js';
import { createNetworkPanel, SLOW_PARAMS } from './panels/network-panel.js';
import { createHyperPanel } from './panels/hyper-panel.js';
import { createRunPanel } from './panels/run-panel.js';
import { createLessonsMenu } from './panels/lessons-menu.js';
import { createExportPanel } from './panels/export-panel.js';
import { createExporter } from './exporter.js';
import { createFrameMeter } from './frame-meter.js';
import { createSnapshotLoop } from './snapshot-loop.js';

const CHART_INTERVAL_MS = 250; // charts and the diagnostics table: 4 updates a second are plenty
const STATS_INTERVAL_MS = 100; // the run bar's figures

/**
 * Mounts a playground into `root`.
 * options:
 *   query       initial state as a query string (default: the page's, when useUrl)
 *   useUrl      keep the state in the page URL and follow back/forward (default false)
 *   presets     the lessons (default web/shared/presets.js)
 *   wasmBaseUrl where relu-core-*.{mjs,wasm} are served (default: the build's wasm/ folder);
 *               on this page's origin, or on one of allowedWasmOrigins
 *   allowedWasmOrigins  other origins the core may load from (['https://cdn.example'])
 *   client      a training client to use instead of starting the worker
 * Returns {ready: Promise, getState(), getQuery(), setQuery(q), client, destroy()}.
 */
export function mountPlayground(root, options = {}) {
  const presets = options.presets ?? PRESETS;
  const useUrl = Boolean(options.useUrl);
  // The state lives in the fragment; an old ?query link is read too (and rewritten to #).
  const initialQuery = options.query ?? (useUrl ? locationParams(window.location.search, window.location.hash) : '');
  // The core sits in wasm/ beside ui/ (dev) or beside assets/ (build): relative to this module, so an embedding page elsewhere finds it too.
  const defaultWasmBase = new URL(/* @vite-ignore */ '../wasm/', import.meta.url).href;
  const wasm = wasmSource(options, defaultWasmBase);
  const wasmBaseUrl = wasm.url ?? defaultWasmBase;
  const parsed = parseQuery(initialQuery, presets);
  let state = parsed.state;

  const stylesLoaded = linkStyles(root, [uPlotCssUrl, pageCssUrl]);
  const layout = createLayout(root, { embed: state.ui.embed });
  // Unstyled, the layout would flash up for a moment: shown once the stylesheets are in.
  layout.shell.style.visibility = 'hidden';
  stylesLoaded.then(() => { layout.shell.style.visibility = ''; });
  const notices = createNotices(layout.notices);
  const gate = createCostGate(layout.notices);
  for (const text of parsed.notices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
  for (const text of wasm.errors) notices.show(text, { kind: 'error' });

  const client = options.client ?? createTrainingClient();
  const history = new MetricsHistory();
  const meter = createFrameMeter();
  let info = null; // {build, simd, layers, paramCount} of the current network
  let plan = null;
  let playing = false;
  let dirty = true; // a snapshot is wanted even while paused
  let needPoints = true;
  let playRequests = 0; // snapshots asked for before the latest play/pause do not say whether it is playing
  let lastCharts = 0;
  let lastStats = 0;
  let lastEvaluate = -Infinity;
  let shownPoints = [];
  let destroyed = false;
  let rafId = 0;
  let configureChain = Promise.resolve();
  let builtCost = null; // estimate of the network the worker has (web/shared/cost.js)
  let heldFrom = null; // while a dearer network waits for confirmation: the state the worker has
  const timing = { snapshotMs: 0, renderMs: 0 }; // smoothed, for getStats()

  // --- Views ----------------------------------------------------------------
  const views = createViews(layout, {
    plotClick: ({ x1, x2, shiftKey }) => addPoint([x1, x2, dataPanel.labelForClick(shiftKey)]),
    linkClick: () => !refuseLocked('weights'),
    weightSubmit: (edit) => (refuseLocked('weights')
      ? Promise.reject(new Error(lockedMessage({ control: lockingControl(state.ui.lock, 'weights') })))
      : client.setWeight(edit).then(() => { dirty = true; })),
    toggle: (name, checked) => {
      if (refuseLocked(name)) renderControls();
      else commit({ ...state, ui: { ...state.ui, [name]: checked } });
    },
  });

  // --- Panels ---------------------------------------------------------------
  const edit = (patch) => applyResult(withConfig(state, patch));
  // A locked control is inert; these checks also hold for any other way in (a script's click(), a stale form).
  const runPanel = createRunPanel(layout.run, {
    togglePlay: () => refuseLocked('run') || (playing ? pause() : play()),
    step: () => refuseLocked('run') || client.step({ steps: 1 }).then(() => { dirty = true; }, report),
    reset: () => refuseLocked('run') || client.reset().then(() => { dirty = true; history.clear(); views.setDiverged(null); }, report),
    setSpeed: (speed) => (refuseLocked('speed') ? renderControls() : commit({ ...state, ui: { ...state.ui, speed } })),
  });
  const lessons = createLessonsMenu(layout.lessons, presets, { loadPreset });
  const dataPanel = createDataPanel(layout.left, {
    edit,
    addPoint,
    setPoints: (points) => edit({ dataset: 'custom', points }),
    shownPoints: () => (state.config.dataset === 'custom' ? state.config.points : shownPoints),
  });
  const networkPanel = createNetworkPanel(layout.left, {
    setHidden: (hidden) => applyResult(withHidden(state, hidden)),
    setLayerActivation: (layer, name) => applyResult(withLayerActivation(state, layer, name)),
  });
  const hyperPanel = createHyperPanel(layout.right, { edit });
  const exporter = createExporter({
    client, history, notices,
    canvases: views.canvases,
    mayImport: modelKeepsLocks,
    beforeImport: (text, fileName) => confirmCost(configOfModel(text), { subject: `The model in ${fileName}`, confirmLabel: 'Load this model', cancelLabel: 'Keep the current network' }),
    onImported: (result) => {
      const next = withConfig(state, result.config);
      state = next.error ? state : next.state;
      renderControls();
      writeUrl(true);
      afterNewNetwork(result);
    },
  });
  createExportPanel(layout.right, { ...exporter, loadModel });

  function report(error) {
    if (error.field === 'core') return; // the core restarted: its 'restarted' notice says so once
    if (!destroyed) notices.show(error.message ?? String(error), { kind: 'error', key: error.field || undefined });
  }

  function applyResult({ state: next, error }) {
    if (error) {
      notices.show(error, { kind: 'error', key: 'edit' });
      renderControls(); // puts the inputs back to the valid values
      return;
    }
    // Every user edit of the config comes through here: controls, plot clicks, CSV files, the network editor.
    const locked = lockedChange(state, next.config);
    if (locked) {
      showLocked(locked);
      renderControls();
      return;
    }
    notices.clear('edit');
    commit(next);
  }

  function showLocked(locked) {
    notices.show(lockedMessage(locked), { kind: 'warn', key: 'locked', timeoutMs: 8000 });
  }

  /** True (and says so) when `name` is locked on this page. */
  function refuseLocked(name) {
    const control = lockingControl(state.ui.lock, name);
    if (control) showLocked({ control, field: name });
    return Boolean(control);
  }

  function loadPreset(preset) {
    const locked = presetConflict(state, preset);
    if (locked) {
      showLocked(locked);
      renderControls(); // the menu goes back to the current lesson
      return;
    }
    commit(withPreset(state, preset));
  }

  /** A model file replaces the weights and the config: refused when weights are locked. */
  function loadModel(file) {
    if (!refuseLocked('weights')) exporter.loadModel(file);
  }

  /** After the file is read: refused when its config would change something locked. */
  function modelKeepsLocks(text) {
    let config = null;
    try {
      config = JSON.parse(text)?.config;
    } catch {
      // Not JSON: the core names the fault.
    }
    // The core reads a model's config over the defaults, as here.
    const locked = config && typeof config === 'object' ? lockedChange(state, validateConfig(config, defaultConfig()).config) : null;
    if (locked) showLocked(locked);
    return !locked;
  }

  function addPoint(point) {
    applyResult(withAddedPoint(state, point, shownPoints));
  }

  // --- State ----------------------------------------------------------------
  let urlState = null; // the address last written or read, so popstate and hashchange for one move act once
  function writeUrl(push) {
    if (!useUrl) return;
    const query = serializeState(state, presets);
    const url = `${window.location.pathname}${query ? `#${query}` : ''}`;
    showOmittedPoints();
    urlState = url;
    if (`${window.location.pathname}${window.location.search}${window.location.hash}` === url) return;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  /** Past LINK_POINTS_MAX_CHARS the link leaves the points out: say so, and offer them as CSV. */
  let omittedShown = 0;
  function showOmittedPoints() {
    const omitted = linkOmitsPoints(state);
    if (omitted === omittedShown) return; // once per change, not at every edit
    omittedShown = omitted;
    if (!omitted) {
      notices.clear('link-points');
      return;
    }
    const item = notices.show(`The link to this page leaves out your ${omitted.toLocaleString('en')} custom points (too many for a link: `
      + `it holds about ${LINK_POINTS_MAX_CHARS.toLocaleString('en')} characters of points). To share them, save them as CSV.`,
    { kind: 'warn', key: 'link-points' });
    if (item.querySelector('[data-action="link-points-csv"]')) return; // the notice was updated, not added
    const save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save points CSV';
    save.dataset.action = 'link-points-csv';
    save.addEventListener('click', () => download('points.csv', pointsToCsv(state.config.points), 'text/csv'));
    item.insertBefore(save, item.lastChild);
  }

  function renderControls() {
    dataPanel.update(state);
    networkPanel.update(state, { outputs: info?.layers.at(-1)?.outputs, paramCount: info?.paramCount });
    hyperPanel.update(state);
    runPanel.update(state);
    lessons.update(state);
    views.setOptions({ discretize: state.ui.discretize, showTest: state.ui.showTest, problem: state.config.problem });
    applyControlFlags();
    dirty = true;
  }

  /** Hidden controls disappear; locked ones stay visible but inert. */
  function applyControlFlags() {
    for (const node of layout.shell.querySelectorAll('[data-control]')) {
      const name = node.dataset.control;
      node.hidden = state.ui.hide.includes(name);
      const locked = state.ui.lock.includes(name);
      node.inert = locked;
      node.classList.toggle('locked', locked);
    }
  }

  /** Moves to a new state: controls, URL, then the worker (config changes in order). */
  function commit(next, { push = true } = {}) {
    const previous = state;
    state = next;
    renderControls();
    writeUrl(push);
    if (previous.ui.speed !== state.ui.speed && info) sendSpeedToWorker();
    if (info) sendConfig(previous);
    else if (layout.shell.dataset.unbuilt) gate.close(); // start-up asks again about the edited network
  }

  /** Sends the worker the fields that changed since `previous` (a state it has). */
  function sendConfig(previous) {
    if (holdIfDear(previous)) return;
    if (heldFrom) previous = heldFrom; // the edit that was held no longer needs asking
    heldFrom = null;
    const changed = changedFields(previous.config, state.config);
    if (!changed.length) return;
    const patch = Object.fromEntries(changed.map((name) => [name, state.config[name]]));
    configureChain = configureChain.then(() => client.configure(patch)).then((result) => {
      builtCost = costOf(state.config);
      if (result.rebuilt) {
        notices.show(`New network: changing ${changed.join(', ')} needs new weights, so training starts again from step 0.`, { key: 'rebuilt', timeoutMs: 8000 });
        afterNewNetwork(result);
      } else {
        notices.show(`${changed.join(', ')} applies from the next step; the weights are kept.`, { key: 'rebuilt', timeoutMs: 4000 });
        dirty = true;
      }
    }, (error) => {
      report(error);
      state = previous; // the worker kept the previous config
      renderControls();
      writeUrl(false);
    });
  }

  // --- Cost: a network dearer than the thresholds of web/shared/cost.js is
  // built only when the user confirms, whether it comes from a link, a file or an edit.
  function costOf(config) {
    const { config: full, errors } = validateConfig(config ?? {}, defaultConfig());
    return errors.length ? null : estimateCost(full);
  }

  /** Whether `config` must be confirmed: past a threshold, and dearer than the network running. */
  function isDear(cost) {
    if (!cost || !needsConfirmation(cost)) return false;
    return !builtCost || cost.bytes > builtCost.bytes || cost.stepFlops > builtCost.stepFlops;
  }

  /** Resolves true when `config` may be built: cheap enough, or confirmed. */
  function confirmCost(config, options) {
    const cost = costOf(config);
    if (!isDear(cost)) return Promise.resolve(true);
    if (playing) pause();
    return gate.ask(cost, options).then((answer) => answer === true);
  }

  /** An edit to a dear network waits for confirmation: true while it is held. */
  function holdIfDear(previous) {
    const cost = costOf(state.config);
    if (!isDear(cost)) {
      if (heldFrom) gate.close();
      return false;
    }
    const base = heldFrom ?? previous;
    heldFrom = base;
    if (playing) pause();
    gate.ask(cost, { subject: 'The edited network' }).then((answer) => {
      if (answer === null || heldFrom !== base) return; // a newer edit asks again
      heldFrom = null;
      if (answer) {
        builtCost = cost; // confirmed: not asked again for this network
        sendConfig(base);
      } else {
        state = { ...state, config: base.config };
        renderControls();
        writeUrl(false);
      }
    });
    return true;
  }

  function configOfModel(text) {
    try {
      const model = JSON.parse(text);
      return model !== null && typeof model === 'object' && Object.hasOwn(model, 'config') ? model.config : null;
    } catch {
      return null; // not JSON: the core's message says where
    }
  }

  function afterNewNetwork(result) {
    info = { ...info, layers: result.layers, paramCount: result.paramCount };
    builtCost = costOf(result.config ?? state.config);
    warnIfSlow(result.paramCount);
    history.clear();
    views.setDiverged(null);
    needPoints = true;
    dirty = true;
    setStructure();
  }

  function warnIfSlow(paramCount) {
    if (paramCount > SLOW_PARAMS) {
      notices.show(`${paramCount.toLocaleString('en')} parameters: training and drawing will be slow.`, { kind: 'warn', key: 'slow', timeoutMs: 8000 });
    }
  }

  function setStructure() {
    const samples = state.config.dataset === 'custom' ? state.config.points.length : state.config.numSamples;
    plan = gridPlan(info.layers, 50, samples);
    const inputs = FEATURES.filter((f) => state.config.features.includes(f));
    const activationOf = (l) => (Array.isArray(state.config.activation) ? state.config.activation[l] : state.config.activation);
    views.setStructure({ inputs, layers: info.layers.map((layer, l) => ({ ...layer, activation: l < info.layers.length - 1 ? activationOf(l) : 'output' })) });
    networkPanel.update(state, { outputs: info.layers.at(-1).outputs, paramCount: info.paramCount });
  }

  function sendSpeedToWorker() {
    // A snapshot request waits for the training slice in progress: short slices answer it sooner.
    const budgetMs = 2;
    const speed = state.ui.speed === 'auto' ? { budgetMs, stepsPerFrame: 'auto' } : { budgetMs, epochsPerFrame: Number(state.ui.speed) };
    client.setSpeed(speed).catch(report);
  }

  function play() {
    if (!info) {
      notices.show('Build the network first (or choose a smaller one).', { kind: 'warn', key: 'unbuilt', timeoutMs: 5000 });
      return;
    }
    playRequests += 1;
    playing = true;
    runPanel.setPlaying(true);
    client.play().catch(report);
  }

  function pause() {
    playRequests += 1;
    playing = false;
    runPanel.setPlaying(false);
    client.pause().then(() => { dirty = true; }, report);
  }

  // --- Frames ---------------------------------------------------------------
  // One snapshot per display frame (snapshot-loop.js): the grid and weights
  // every time; the full pass over the data (losses, accuracies, per-layer
  // diagnostics) only every plan.evaluateEveryMs while playing.
  const loop = createSnapshotLoop({
    wanted: () => Boolean(info) && (playing || dirty),
    request(now) {
      dirty = false;
      const wantPoints = needPoints;
      needPoints = false;
      const evaluate = !playing || now - lastEvaluate >= plan.evaluateEveryMs;
      if (evaluate) lastEvaluate = now;
      const item = { requestedAfter: playRequests, askedAt: performance.now(), evaluate, plan };
      return client.snapshot({ gridSize: plan.gridSize, hidden: plan.hidden, paramUnits: MAX_DRAWN_UNITS, points: wantPoints, evaluate })
        .then((snapshot) => ({ ...item, snapshot }), (error) => {
          if (wantPoints) needPoints = true;
          throw error;
        });
    },
    absorb,
    draw,
    onError: report,
  });

  /** Every snapshot, on arrival: what must not be lost when a newer one is drawn instead. */
  function absorb({ snapshot, requestedAfter, askedAt, evaluate }) {
    timing.snapshotMs = smooth(timing.snapshotMs, performance.now() - askedAt);
    if (snapshot.trainPoints) {
      shownPoints = [...chunks(snapshot.trainPoints), ...chunks(snapshot.testPoints)];
      views.setPoints(snapshot.trainPoints, snapshot.testPoints, state.config.problem);
    }
    // Losses and accuracies are fresh only after a full pass; any snapshot
    // tells when a divergence has taken the model back to an earlier step.
    history.rewindTo(snapshot.step);
    if (evaluate) history.push(snapshot);
    if (snapshot.busy) dirty = true; // steps in pieces go on while paused: keep showing them
    if (requestedAfter === playRequests && snapshot.playing !== playing) {
      playing = snapshot.playing; // the worker stopped by itself (e.g. diverged)
      runPanel.setPlaying(playing);
    }
    views.setDiverged(snapshot.diverged
      ? { step: snapshot.divergedAtStep, cause: snapshot.divergedCause, learningRate: snapshot.learningRate }
      : null);
  }

  /** The newest snapshot, at an animation frame. */
  function draw({ snapshot, plan: asked }, now) {
    const started = performance.now();
    meter.tick(now);
    views.drawFrame({
      grid: snapshot.grid, gridSize: snapshot.gridSize, gridNodes: snapshot.gridNodes, gridHidden: asked.hidden,
      params: snapshot.params, paramUnits: snapshot.paramUnits, outputs: info.layers.at(-1).outputs, outputScale: outputScale(state.config),
      multiclass: state.config.problem === 'multiclass', settled: !snapshot.playing,
    });
    // Text changes cost a layout and a paint: 10 a second are as many as anyone can read.
    if (now - lastStats >= STATS_INTERVAL_MS || !playing) {
      lastStats = now;
      runPanel.setStats(snapshot);
      runPanel.setMeter({ fps: meter.fps, stepsPerSecond: snapshot.playing ? snapshot.stepsPerSecond : 0 });
    }
    if (now - lastCharts >= CHART_INTERVAL_MS || !playing) {
      lastCharts = now;
      views.drawCharts(history, snapshot.layers);
    }
    timing.renderMs = smooth(timing.renderMs, performance.now() - started);
  }

  function frame(now) {
    if (destroyed) return;
    rafId = requestAnimationFrame(frame);
    loop.frame(now);
  }

  // --- Start ----------------------------------------------------------------
  // Back/forward (popstate) and an edited fragment (hashchange) both bring a
  // new address; a move between entries can fire both, so each address acts once.
  const onPopState = () => {
    const url = `${window.location.pathname}${window.location.search}${window.location.hash}`;
    if (url === urlState) return;
    const next = parseQuery(locationParams(window.location.search, window.location.hash), presets);
    for (const text of next.notices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
    commit(next.state, { push: false });
  };
  if (useUrl) {
    window.addEventListener('popstate', onPopState);
    window.addEventListener('hashchange', onPopState);
    writeUrl(false); // an old ?query link becomes a #fragment one, in place
  }
  const unsubscribe = [
    client.on('diverged', ({ step, cause }) => {
      playing = false;
      runPanel.setPlaying(false);
      views.setDiverged({ step, cause, learningRate: state.config.learningRate });
      dirty = true;
    }),
    client.on('error', ({ message }) => notices.show(message, { kind: 'error' })),
    client.on('restarted', ({ message, gaveUp }) => {
      notices.show(message, { kind: gaveUp ? 'error' : 'warn', key: 'core' });
      if (gaveUp) {
        playing = false;
        runPanel.setPlaying(false);
      }
      needPoints = true;
      dirty = true;
    }),
  ];

  renderControls();
  const ready = (async () => {
    let result;
    // A dear network from the link opens paused and unbuilt, until the user answers.
    const asked = isDear(costOf(state.config));
    while (isDear(costOf(state.config))) {
      layout.shell.dataset.unbuilt = 'true';
      runPanel.setBuildStatus('not built: waiting for your answer');
      const answer = await gate.ask(costOf(state.config), { subject: 'The network in this link', cancelLabel: 'Use a small network instead' });
      if (destroyed) return null;
      if (answer === false) {
        const defaults = defaultConfig();
        commit({ ...state, config: { ...state.config, hidden: defaults.hidden, activation: defaults.activation, batchSize: Math.min(state.config.batchSize, defaults.batchSize) } }, { push: false });
      } else if (answer === true) {
        builtCost = costOf(state.config);
        break;
      }
    }
    if (asked) runPanel.setBuildStatus(null);
    delete layout.shell.dataset.unbuilt;
    let initial = state;
    const tried = new Set();
    for (;;) {
      try {
        result = await client.init({ config: initial.config, build: initial.ui.build, wasmBaseUrl, wasmOrigins: wasm.origins });
        break;
      } catch (error) {
        if (destroyed) return null;
        // Never a blank page, never all defaults: the field the core refused goes back alone.
        // Only a config field (or none named) can be repaired: a refused protocol
        // version or wasm base is not the link's fault, and the link is kept.
        const repairable = !error.field || Object.hasOwn(FIELDS, error.field);
        const repair = repairable ? recoverState(initial, error.field, presets, tried) : null;
        if (!repair) {
          report(error);
          return null;
        }
        const changed = repair.field ? `only ${repair.field} changed` : 'the lesson\'s or default settings are shown, custom points kept';
        notices.show(`The core refused these settings (${error.message}): ${changed}; the rest of the link is kept.`,
          { kind: 'warn', key: `refused-${repair.field}` });
        initial = repair.state;
        state = initial;
        renderControls();
        writeUrl(false);
      }
    }
    if (destroyed) return null;
    info = result;
    builtCost = costOf(initial.config);
    runPanel.setBuild(result);
    layout.shell.dataset.ready = 'true';
    setStructure();
    warnIfSlow(result.paramCount);
    sendConfig(initial); // edits made while the core was loading
    sendSpeedToWorker();
    if (state.ui.autoplay && !asked && !heldFrom && !gate.open) play(); // a confirmed dear network opens paused
    dirty = true;
    return result;
  })();
  rafId = requestAnimationFrame(frame);

  return {
    ready,
    client,
    getState: () => state,
    /** Frame rate, and how long a snapshot round trip and its drawing take (ms, smoothed). */
    getStats: () => ({ fps: meter.fps, ...timing }),
    getQuery: () => serializeState(state, presets),
    setQuery(query) {
      const next = parseQuery(query, presets);
      commit(next.state);
      return next.notices;
    },
    destroy() {
      destroyed = true;
      gate.close(); // a start-up still waiting for an answer ends
      loop.stop();
      cancelAnimationFrame(rafId);
      if (useUrl) {
        window.removeEventListener('popstate', onPopState);
        window.removeEventListener('hashchange', onPopState);
      }
      for (const off of unsubscribe) off();
      client.terminate();
      views.destroy();
      layout.shell.remove();
    },
  };
}

/** mountPlayground's wasmBaseUrl, checked against the page's origin and allowedWasmOrigins: {url?, origins, errors}. */
function wasmSource({ wasmBaseUrl, allowedWasmOrigins = [] }, defaultWasmBase) {
  const errors = [];
  const origins = [];
  for (const entry of Array.isArray(allowedWasmOrigins) ? allowedWasmOrigins : [allowedWasmOrigins]) {
    try {
      origins.push(originOf(entry));
    } catch (error) {
      errors.push(`allowedWasmOrigins: ${error.message}; ignored.`);
    }
  }
  if (wasmBaseUrl === undefined || wasmBaseUrl === null) return { origins, errors };
  const { url, error } = checkWasmBase(wasmBaseUrl, {
    name: 'wasmBaseUrl', baseUrl: document.baseURI, pageOrigin: globalThis.origin, allowed: origins,
    howToAllow: (origin) => `mountPlayground(element, { allowedWasmOrigins: ['${origin}'] })`,
  });
  if (error) errors.push(`${error} Loading the core from ${defaultWasmBase} instead.`);
  return { url, origins, errors };
}

function smooth(previous, value) {
  return previous ? previous * 0.9 + value * 0.1 : value;
}

function* chunks(flat) {
  if (!flat) return;
  for (let i = 0; i + 2 < flat.length; i += 3) yield [flat[i], flat[i + 1], flat[i + 2]];
}
