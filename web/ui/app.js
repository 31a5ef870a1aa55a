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
import { parseQuery, locationParams } from './state.js';
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
import { createCoreLoader } from './core-loader.js';
import { playgroundApi } from './playground-api.js';
import { createShortcuts } from './shortcuts.js';
import { wasmSource } from './wasm-source.js';
import { createLazyClient } from './lazy-client.js';
import { lifecycleDecision } from './lifecycle.js';
import { observeLifecycle } from './lifecycle-observers.js';
import { createEmbedDialog } from './components/embed-dialog.js';
import { mountCompare } from './compare-mount.js';
import { mountReplay } from './replay-mount.js';
import { controllerView } from './controller-view.js';
import { reportHeight } from './resize-report.js';

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
  const core = { baseUrl: wasm.url ?? defaultWasmBase, origins: wasm.origins }; // A's and run B's
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
  // The panels call the controller, made below: they are used only after mounting.
  const { views, runPanel, networkPanel, render, destroy: destroyControls } = createControls(layout, {
    client, presets, history, notices, controller: () => controller, shownPoints: () => frames.shownPoints, invalidate: () => frames?.invalidate(),
    embedded: Boolean(options.embedded),
  });

  // Compare mode: run B beside A, in a second worker, from when A's core is in.
  const compare = mountCompare({
    layout, history, notices, controller: () => controller, wasm: core,
    createClient: () => createLazyClient(() => createTrainingClient()),
  });
  // The replay timeline, under the charts of the loss and accuracy.
  const replay = mountReplay({ layout, client, history });

  const url = createUrlSync({
    useUrl, presets, notices,
    onMove(state, moveNotices) {
      for (const text of moveNotices) notices.show(`Ignored in the link: ${text}`, { kind: 'warn' });
      controller.follow(state);
    },
  });
  const lifecycle = observeLifecycle(layout.shell, { alwaysInView: Boolean(options.alwaysInView), onChange: followLifecycle });
  controller = createController({
    client, presets, reducedMotion: lifecycle.reducedMotion, timeline: () => replay.publicState(), state: parsed.state, wasm: core,
    view: controllerView({
      layout, views, runPanel, history, render, compare, replay, url, notices, gate, frames: () => frames, controller: () => controller,
    }),
  });
  compare.start();
  frames = createFrameDriver({
    client, controller, views, runPanel, networkPanel, history, meter: createFrameMeter(), onError: controller.report,
    onDrawn: (snapshot) => replay.drawn(snapshot),
  });
  replay.start({ controller, frames });

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
  const loader = createCoreLoader(() => controller.start());
  function followLifecycle(signals) {
    const decision = lifecycleDecision({ ...signals, userPaused: !controller.playing });
    if (decision.load) loader.load();
    controller.setSeen(signals);
    frames.setActive(decision.draw);
  }
  followLifecycle(lifecycle.signals());
  // The content's height, for an embedder sizing a frame around it.
  const heights = reportHeight(layout.shell, (size) => controller.events.emit('resize', size));

  return playgroundApi({
    api: createPublicApi(controller, presets, compare.run), loader, client, controller, presets, compareRun: compare.run, frames, notices,
    destroy() {
      loader.cancel();
      controller.destroy();
      replay.destroy();
      compare.destroy();
      frames.stop();
      url.destroy();
      lifecycle.destroy();
      heights.destroy();
      shortcuts.destroy();
      embedDialog?.destroy();
      client.terminate();
      views.destroy();
      destroyControls();
      layout.shell.remove();
    },
  });
}
