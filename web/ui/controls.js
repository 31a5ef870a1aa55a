// The page's views and control panels, with every input turned into a call
// of the training controller (controller.js): a store action, play/pause, a
// model file. No input path keeps state of its own or talks to the worker.

import { createViews } from './views.js';
import { createDataPanel } from './panels/data-panel.js';
import { createNetworkPanel } from './panels/network-panel.js';
import { createHyperPanel } from './panels/hyper-panel.js';
import { createRunPanel } from './panels/run-panel.js';
import { createLessonsMenu } from './panels/lessons-menu.js';
import { createExportPanel } from './panels/export-panel.js';
import { createExporter } from './exporter.js';
import { resolveView, resolveTheme } from './view-layouts.js';
import { createDashboard } from './dashboard.js';
import { withCollapsed } from './dashboard-layout.js';

/**
 * layout: layout.js's containers. deps: {client, presets, history, notices,
 * controller() (made after the controls), shownPoints() (the points drawn now), invalidate(),
 * embedded (in an iframe or the element: a lesson opens on its own view)}.
 * Returns {views, runPanel, networkPanel, render(state, info), destroy()}.
 */
export function createControls(layout, { client, presets, history, notices, controller, shownPoints, invalidate, embedded = false }) {
  const dispatch = (action) => controller().dispatch(action);
  let shownRegions = false;
  const views = createViews(layout, {
    plotClick: ({ x1, x2, shiftKey }) => dispatch({ type: 'addPoint', point: [x1, x2, dataPanel.labelForClick(shiftKey)], shownPoints: shownPoints() }),
    linkClick: () => !controller().refuseLocked('weights'),
    weightSubmit: (edit) => controller().setWeight(edit),
    toggle: (name, checked) => dispatch({ type: 'flag', name, value: checked }),
    classify: (input) => client.classify(input), // a question to the live network, no state to change
  });
  const runPanel = createRunPanel(layout.run, {
    togglePlay: () => controller().togglePlay(),
    step: () => controller().stepOnce(),
    reset: () => controller().resetRun(),
    setSpeed: (speed) => dispatch({ type: 'flag', name: 'speed', value: speed }),
  });
  const lessons = createLessonsMenu(layout.lessons, presets, { loadPreset: (preset) => dispatch({ type: 'lesson', preset }) });
  const edit = (patch) => dispatch({ type: 'config', patch });
  const dataPanel = createDataPanel(layout.left, {
    edit,
    addPoint: (point) => dispatch({ type: 'addPoint', point, shownPoints: shownPoints() }),
    setPoints: (points) => edit({ dataset: 'custom', points }),
    shownPoints: () => {
      const { config } = controller().state;
      return config.dataset === 'custom' ? config.points : shownPoints();
    },
  });
  const networkPanel = createNetworkPanel(layout.left, {
    setHidden: (hidden) => dispatch({ type: 'hidden', hidden }),
    setLayerActivation: (layer, name) => dispatch({ type: 'layerActivation', layer, name }),
  });
  const hyperPanel = createHyperPanel(layout.right, { edit });
  const exporter = createExporter({
    client, history, notices,
    canvases: views.canvases,
    mayImport: (text) => controller().modelKeepsLocks(text),
    beforeImport: (text, fileName) => controller().confirmModel(text, fileName),
    onImported: (result) => controller().imported(result),
  });
  // A model file replaces the weights and the config: refused when weights are locked.
  const loadModel = (file) => controller().refuseLocked('weights') || exporter.loadModel(file);
  createExportPanel(layout.right, { ...exporter, loadModel });
  // A file dropped on the playground goes where the file pickers send it, through
  // the same checks (size, locks); without this the browser would open it and leave the page.
  listenForDroppedFiles(layout.shell, (file) => (isModelFile(file) ? loadModel(file) : dataPanel.loadCsv(file)));
  // Every panel is in: the dashboard puts each in its place, with its collapse button.
  const dashboard = createDashboard(layout, {
    onToggle: (name, collapsed) => dispatch({ type: 'flag', name: 'collapse', value: withCollapsed(controller().state.ui.collapse, name, collapsed) }),
  });

  // theme=auto follows the browser's setting, also when it changes while the page is open.
  const prefersDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  let themeFlag = 'auto';
  function applyTheme() {
    const theme = resolveTheme(themeFlag, Boolean(prefersDark?.matches));
    layout.setTheme(theme);
    views.setTheme(theme);
    dataPanel.setTheme(theme);
  }
  const followScheme = () => {
    applyTheme();
    invalidate();
  };
  prefersDark?.addEventListener('change', followScheme);

  /** The view and the theme the state asks for. */
  function applyLook(state) {
    const view = resolveView(state.ui, presets, embedded);
    if (layout.shell.dataset.view !== view) {
      layout.setView(view);
      views.relayout();
    }
    themeFlag = state.ui.theme;
    applyTheme();
  }

  /** The controls follow the state: values, hidden and locked controls, the view and the theme. */
  function render(state, info) {
    applyLook(state);
    dataPanel.update(state);
    networkPanel.update(state, { outputs: info?.layers.at(-1)?.outputs, paramCount: info?.paramCount });
    hyperPanel.update(state);
    runPanel.update(state);
    lessons.update(state);
    dashboard.update(state.ui.collapse);
    views.setOptions({ discretize: state.ui.discretize, showTest: state.ui.showTest, problem: state.config.problem, regions: state.ui.regions });
    // The regions come with a snapshot: a new one is wanted even while paused.
    if (state.ui.regions !== shownRegions) invalidate?.();
    shownRegions = state.ui.regions;
    // Hidden controls disappear; locked ones stay visible but inert.
    for (const node of layout.shell.querySelectorAll('[data-control]')) {
      const name = node.dataset.control;
      node.hidden = state.ui.hide.includes(name);
      const locked = state.ui.lock.includes(name);
      node.inert = locked;
      node.classList.toggle('locked', locked);
    }
    invalidate();
  }

  return { views, runPanel, networkPanel, render, destroy: () => prefersDark?.removeEventListener('change', followScheme) };
}

/** A model export is JSON; anything else dropped is read as points CSV (whose parser names what is wrong). */
export function isModelFile(file) {
  return /\.json$/i.test(file.name ?? '') || file.type === 'application/json';
}

function listenForDroppedFiles(target, onFile) {
  const carriesFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  target.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer.files?.[0];
    if (file) onFile(file);
  });
}
