// Wires one playground: the layout and panels (DOM), the training controller
// (controller.js: state moves and the worker), the frame driver (frames.js:
// snapshots to views) and the address (url-sync.js). One instance per mount
// element, no globals, so several playgrounds can live on one page.
//
//   const playground = mountPlayground(element, {useUrl: true});
//   await playground.ready;  ...  playground.destroy();

import uPlotCssUrl from 'uplot/dist/uPlot.min.css?url';
import pageCssUrl from './styles.css?url';
import dashboardCssUrl from './dashboard.css?url';
import { createTrainingClient } from '../shared/client.js';
import { PRESETS } from '../shared/presets.js';
import { parseQuery, serializeState, locationParams } from './state.js';
import { MetricsHistory } from './chart-data.js';
import { createLayout, linkStyles } from './layout.js';
import { createNotices } from './components/notices.js';
import { createCostGate } from './components/cost-gate.js';
import { createControls } from './controls.js';
import { createFrameMeter } from './frame-meter.js';
import { createController } from './controller.js';
import { createPublicApi } from './public-api.js';
import { createFrameDriver } from './frames.js';
import { createUrlSync } from './url-sync.js';
import { createShortcuts } from './shortcuts.js';
import { wasmSource } from './wasm-source.js';
import { createLazyClient } from './lazy-client.js';
import { lifecycleDecision } from './lifecycle.js';
import { observeLifecycle } from './lifecycle-observers.js';
import { throttle } from './throttle.js';
import { createEmbedDialog } from './components/embed-dialog.js';
import { createTimelineView } from './components/timeline-view.js';
import { createReplay } from './replay.js';
import { mountCompare } from './compare-mount.js';

/** The resize event comes at most this often (ms): a frame's height follows without a message per layout. */
export const RESIZE_INTERVAL_MS = 100;

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
 *   alwaysInView the playground is the page itself: load and train at once (lifecycle.js);
 *               otherwise the core loads when it comes near the viewport and trains only in view
 *   embedded    true in an iframe or an element: view=auto opens a lesson on its own view
 * Returns the public API (docs/EMBEDDING.md, web/embed/index.d.ts) and
 * {ready, client, getStats(), getQuery(), setQuery(q), showNotice(text, how), destroy()}.
 */
export function mountPlayground(root, options = {}) {
  const presets = options.presets ?? PRESETS;
  const useUrl = Boolean(options.useUrl);
  // The state lives in the fragment; an old ?query link is read too (and rewritten to #).
  const initialQuery = options.query ?? (useUrl ? locationParams(window.location.search, window.location.hash) : '');
  // The core sits in wasm/ beside ui/ (dev) or beside assets/ (build): relative to this module, so an embedding page elsewhere finds it too.
  const defaultWasmBase = new URL(/* @vite-ignore */ '../wasm/', import.meta.url).href;
  const wasm = wasmSource(options, defaultWasmBase);
  const parsed = parseQuery(initialQuery, presets);

  const stylesLoaded = linkStyles(root, [uPlotCssUrl, pageCssUrl, dashboardCssUrl]);
  const layout = createLayout(root, { embed: parsed.state.ui.embed });
  // Unstyled, the layout would flash up for a moment: shown once the stylesheets are in.
  layout.shell.style.visibility = 'hidden';
  stylesLoaded.then(() => {
    layout.shell.style.visibility = '';
    views.relayout(); // the sizes the stylesheets ask for (--chart-height, --network-height)
  });
  const notices = createNotices(layout.notices);
  const gate = createCostGate(layout.notices);
  for (const text of parsed.notices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
  for (const text of wasm.errors) notices.show(text, { kind: 'error' });

  // The worker starts with the first request: when the widget comes near the viewport.
  const client = options.client ?? createLazyClient(() => createTrainingClient());
  const history = new MetricsHistory();
  let controller = null;
  let frames = null;
  let replay = null;
  // The panels call the controller, made below: they are used only after mounting.
  const { views, runPanel, networkPanel, render, destroy: destroyControls } = createControls(layout, {
    client, presets, history, notices, controller: () => controller, shownPoints: () => frames.shownPoints, invalidate: () => frames?.invalidate(),
    embedded: Boolean(options.embedded),
  });

  // Compare mode: run B beside A, in a second worker, from when A's core is in.
  const compare = mountCompare({
    layout, history, notices, controller: () => controller, wasm: { baseUrl: wasm.url ?? defaultWasmBase, origins: wasm.origins },
    createClient: () => createLazyClient(() => createTrainingClient()),
  });

  const url = createUrlSync({
    useUrl, presets, notices,
    onMove(state, moveNotices) {
      for (const text of moveNotices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
      controller.follow(state);
    },
  });
  const lifecycle = observeLifecycle(layout.shell, { alwaysInView: Boolean(options.alwaysInView), onChange: followLifecycle });
  controller = createController({
    client, presets, reducedMotion: lifecycle.reducedMotion, timeline: () => replay?.publicState() ?? null, state: parsed.state, wasm: { baseUrl: wasm.url ?? defaultWasmBase, origins: wasm.origins },
    view: {
      render(state, info) {
        render(state, info);
        compare.follow(state);
      },
      gate,
      writeUrl: (state, push) => url.write(state, push),
      notify: (text, how) => notices.show(text, how),
      clearNotice: (key) => notices.clear(key),
      setPlaying(playing) {
        runPanel.setPlaying(playing);
        if (playing) replay?.leave(); // Play while scrubbing: back to the present
      },
      setDiverged: (diverged) => views.setDiverged(diverged),
      setBuildStatus: (text) => runPanel.setBuildStatus(text),
      setUnbuilt(unbuilt) {
        if (unbuilt) layout.shell.dataset.unbuilt = 'true';
        else delete layout.shell.dataset.unbuilt;
      },
      built(result) {
        runPanel.setBuild(result);
        layout.shell.dataset.ready = 'true';
        frames.setStructure();
        compare.follow(controller.state);
      },
      newNetwork() {
        replay?.leave();
        compare.restart();
        history.clear();
        views.setDiverged(null);
        frames.needPoints();
        frames.invalidate();
        frames.setStructure();
      },
      cleared() {
        replay?.leave();
        compare.restart();
        frames.invalidate();
        history.clear();
        views.setDiverged(null);
      },
      invalidate: () => frames.invalidate(),
      needPoints: () => frames.needPoints(),
    },
  });
  compare.start();
  frames = createFrameDriver({
    client, controller, views, runPanel, networkPanel, history, meter: createFrameMeter(), onError: controller.report,
    onDrawn: (snapshot) => replay?.drawn(snapshot),
  });
  // The replay timeline, under the charts of the loss and accuracy.
  const timelineHost = document.createElement('div');
  layout.chartsHost.after(timelineHost);
  const timelineView = createTimelineView(timelineHost, { scrub: (step) => replay.scrub(step), live: () => replay.live(), fork: (step) => replay.fork(step) });
  replay = createReplay({ client, controller, frames, history, view: timelineView });

  // The stand-alone page answers keys anywhere on it; an embedded one only while focus is inside it.
  const shortcuts = createShortcuts(useUrl ? root.ownerDocument : layout.shell, layout.shell.querySelector('.pg-footer') ?? layout.shell, {
    togglePlay: () => controller.togglePlay(), step: () => controller.stepOnce(), reset: () => controller.resetRun(),
    toggleCompare: () => compare.toggle(),
  });

  // "Embed this" on the stand-alone page only: an embedded playground's address is its host's, not a deployment's.
  const embedDialog = useUrl && !options.embedded && !parsed.state.ui.embed
    ? createEmbedDialog(layout.shell.querySelector('.pg-header'), { getState: () => controller.state, presets, pageUrl: () => window.location.href })
    : null;

  if (useUrl) url.write(controller.state, false); // an old ?query link becomes a #fragment one, in place
  render(controller.state, null);
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  /** Loads the core (once): near the viewport, or when the API needs it. */
  const load = () => {
    resolveReady?.(controller.start());
    resolveReady = null;
    return ready;
  };
  function followLifecycle(signals) {
    const decision = lifecycleDecision({ ...signals, userPaused: !controller.playing });
    if (decision.load) load();
    controller.setSeen(signals);
    frames.setActive(decision.draw);
  }
  followLifecycle(lifecycle.signals());
  // The content's height, for an embedder sizing a frame around it.
  let height = 0;
  const emitResize = throttle(() => {
    const now = Math.ceil(layout.shell.getBoundingClientRect().height);
    if (now !== height) controller.events.emit('resize', { height: (height = now) });
  }, RESIZE_INTERVAL_MS);
  const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(() => emitResize()) : null;
  resizes?.observe(layout.shell);

  const api = createPublicApi(controller, presets, compare.run);
  // A call that needs the core loads it, even far from the viewport; it trains once in view.
  const afterLoad = (method) => (...args) => load().then(() => api[method](...args));
  return {
    ...api,
    play: afterLoad('play'),
    step: afterLoad('step'),
    reset: afterLoad('reset'),
    ready,
    client,
    // While run B exists, its own frame rate and step too (compare-run.js).
    getStats: () => (compare.run.active ? { ...frames.stats(), compare: compare.run.stats() } : frames.stats()),
    /** A notice in the playground (the element's attribute checks use it). */
    showNotice: (text, how) => notices.show(text, how),
    getQuery: () => serializeState(controller.state, presets),
    setQuery(query) {
      const next = parseQuery(query, presets);
      controller.follow(next.state, { push: true });
      return next.notices;
    },
    destroy() {
      resolveReady?.(null); // never loaded: ready says so
      resolveReady = null;
      controller.destroy();
      replay.destroy();
      compare.destroy();
      frames.stop();
      url.destroy();
      lifecycle.destroy();
      emitResize.cancel();
      resizes?.disconnect();
      shortcuts.destroy();
      embedDialog?.destroy();
      client.terminate();
      views.destroy();
      destroyControls();
      layout.shell.remove();
    },
  };
}
