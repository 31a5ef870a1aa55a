// Wires the page: state (URL) <-> control panels, the training client (worker)
// -> views. One instance per mount element, no globals, so several
// playgrounds can live on one page.
//
//   const playground = mountPlayground(element, {useUrl: true});
//   await playground.ready;  ...  playground.destroy();

import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import pageCss from './styles.css?inline';
import { createTrainingClient } from '../shared/client.js';
import { FEATURES, changedFields, defaultConfig } from '../shared/schema.js';
import { PRESETS } from '../shared/presets.js';
import {
  parseQuery, serializeState, withConfig, withPreset, withHidden, withLayerActivation, withAddedPoint,
} from './state.js';
import { MetricsHistory } from './chart-data.js';
import { gridPlan, outputScale } from './network-layout.js';
import { createLayout, injectStyles } from './layout.js';
import { createNotices } from './components/notices.js';
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
 *   wasmBaseUrl where relu-core-*.{mjs,wasm} are served (default: the build's wasm/ folder)
 *   client      a training client to use instead of starting the worker
 * Returns {ready: Promise, getState(), getQuery(), setQuery(q), client, destroy()}.
 */
export function mountPlayground(root, options = {}) {
  const presets = options.presets ?? PRESETS;
  const useUrl = Boolean(options.useUrl);
  const initialQuery = options.query ?? (useUrl ? window.location.search : '');
  // The core sits in wasm/ beside ui/ (dev) or beside assets/ (build): relative to this module, so an embedding page elsewhere finds it too.
  const wasmBaseUrl = options.wasmBaseUrl ?? new URL(/* @vite-ignore */ '../wasm/', import.meta.url).href;
  const parsed = parseQuery(initialQuery, presets);
  let state = parsed.state;

  injectStyles(root, uPlotCss + pageCss);
  const layout = createLayout(root, { embed: state.ui.embed });
  const notices = createNotices(layout.notices);
  for (const text of parsed.notices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });

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
  const timing = { snapshotMs: 0, renderMs: 0 }; // smoothed, for getStats()

  // --- Views ----------------------------------------------------------------
  const views = createViews(layout, {
    plotClick: ({ x1, x2, shiftKey }) => addPoint([x1, x2, dataPanel.labelForClick(shiftKey)]),
    weightSubmit: (edit) => client.setWeight(edit).then(() => { dirty = true; }),
    toggle: (name, checked) => commit({ ...state, ui: { ...state.ui, [name]: checked } }),
  });

  // --- Panels ---------------------------------------------------------------
  const edit = (patch) => applyResult(withConfig(state, patch));
  const runPanel = createRunPanel(layout.run, {
    togglePlay: () => (playing ? pause() : play()),
    step: () => client.step({ steps: 1 }).then(() => { dirty = true; }, report),
    reset: () => client.reset().then(() => { dirty = true; history.clear(); views.setDiverged(null); }, report),
    setSpeed: (speed) => commit({ ...state, ui: { ...state.ui, speed } }),
  });
  const lessons = createLessonsMenu(layout.lessons, presets, { loadPreset: (preset) => commit(withPreset(state, preset)) });
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
    onImported: (result) => {
      const next = withConfig(state, result.config);
      state = next.error ? state : next.state;
      renderControls();
      writeUrl(true);
      afterNewNetwork(result);
    },
  });
  createExportPanel(layout.right, exporter);

  function report(error) {
    if (!destroyed) notices.show(error.message ?? String(error), { kind: 'error', key: error.field || undefined });
  }

  function applyResult({ state: next, error }) {
    if (error) {
      notices.show(error, { kind: 'error', key: 'edit' });
      renderControls(); // puts the inputs back to the valid values
      return;
    }
    notices.clear('edit');
    commit(next);
  }

  function addPoint(point) {
    applyResult(withAddedPoint(state, point, shownPoints));
  }

  // --- State ----------------------------------------------------------------
  function writeUrl(push) {
    if (!useUrl) return;
    const query = serializeState(state, presets);
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (`${window.location.pathname}${window.location.search}${window.location.hash}` === url) return;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
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
  }

  /** Sends the worker the fields that changed since `previous` (a state it has). */
  function sendConfig(previous) {
    const changed = changedFields(previous.config, state.config);
    if (!changed.length) return;
    const patch = Object.fromEntries(changed.map((name) => [name, state.config[name]]));
    configureChain = configureChain.then(() => client.configure(patch)).then((result) => {
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

  function afterNewNetwork(result) {
    info = { ...info, layers: result.layers, paramCount: result.paramCount };
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
      return client.snapshot({ gridSize: plan.gridSize, hidden: plan.hidden, params: true, points: wantPoints, evaluate })
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
      params: snapshot.params, outputs: info.layers.at(-1).outputs, outputScale: outputScale(state.config),
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
  const onPopState = () => {
    const next = parseQuery(window.location.search, presets);
    for (const text of next.notices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
    commit(next.state, { push: false });
  };
  if (useUrl) window.addEventListener('popstate', onPopState);
  const unsubscribe = [
    client.on('diverged', ({ step, cause }) => {
      playing = false;
      runPanel.setPlaying(false);
      views.setDiverged({ step, cause, learningRate: state.config.learningRate });
      dirty = true;
    }),
    client.on('error', ({ message }) => notices.show(message, { kind: 'error' })),
  ];

  renderControls();
  const ready = (async () => {
    let result;
    let initial = state;
    try {
      result = await client.init({ config: initial.config, build: initial.ui.build, wasmBaseUrl });
    } catch (error) {
      if (destroyed) return null;
      // Never a blank page: the core refused the link's settings, so start from the defaults.
      notices.show(`The core refused these settings (${error.message}); showing the defaults instead.`, { kind: 'warn' });
      initial = { config: defaultConfig(), ui: { ...state.ui, lesson: null } };
      try {
        result = await client.init({ config: initial.config, build: initial.ui.build, wasmBaseUrl });
      } catch (again) {
        report(again);
        return null;
      }
      state = initial;
      renderControls();
      writeUrl(false);
    }
    if (destroyed) return null;
    info = result;
    runPanel.setBuild(result);
    layout.shell.dataset.ready = 'true';
    setStructure();
    warnIfSlow(result.paramCount);
    sendConfig(initial); // edits made while the core was loading
    sendSpeedToWorker();
    if (state.ui.autoplay) play();
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
      loop.stop();
      cancelAnimationFrame(rafId);
      if (useUrl) window.removeEventListener('popstate', onPopState);
      for (const off of unsubscribe) off();
      client.terminate();
      views.destroy();
      layout.shell.remove();
    },
  };
}

function smooth(previous, value) {
  return previous ? previous * 0.9 + value * 0.1 : value;
}

function* chunks(flat) {
  if (!flat) return;
  for (let i = 0; i + 2 < flat.length; i += 3) yield [flat[i], flat[i + 1], flat[i + 2]];
}
