// The page's views together: output plot (with its toggles), network diagram
// and weight editor, loss and accuracy charts, diagnostics. Takes plain data
// (structure, snapshots, the metrics history) and reports user actions
// through callbacks; knows nothing of the worker or the URL.

import { createBoundaryView } from './components/boundary-view.js';
import { createNetworkView } from './components/network-view.js';
import { createWeightEditor } from './components/weight-editor.js';
import { createLineChart } from './components/line-chart.js';
import { createDiagnosticsView } from './components/diagnostics-view.js';
import { createHealthView } from './components/health-view.js';
import { createRegionsView } from './components/regions-view.js';
import { createDigitsView } from './components/digits-view.js';
import { createDivergenceBanner } from './components/divergence-banner.js';
import { createDrawDigit } from './components/draw-digit.js';
import { diagnose, unitMarks } from './health.js';
import { THEMES, paletteFor, cssColor } from './colors.js';
import { el, uid } from './dom.js';

const trainTest = (palette) => [{ label: 'train', color: cssColor(palette.positive) }, { label: 'test', color: cssColor(palette.negative), dash: [5, 3] }];

/**
 * layout: the containers of layout.js.
 * on: {plotClick({x1, x2, shiftKey}), linkClick(link) -> false to keep the weight editor closed,
 *      weightSubmit(edit) -> Promise, toggle(name, checked), classify(input) -> Promise (a drawn digit)}
 */
export function createViews(layout, on) {
  const boundary = createBoundaryView(layout.boundaryHost, { onPlotClick: on.plotClick });
  const weightEditor = createWeightEditor(layout.weightHost, { onSubmit: on.weightSubmit });
  const network = createNetworkView(layout.networkHost, { onLinkClick: (link) => { if (on.linkClick?.(link) !== false) weightEditor.open(link); } });
  // A loss that explodes (a learning rate far too high) is only readable on a log axis.
  const lossChart = createLineChart(layout.chartsHost, { title: 'Loss', logAbove: 1e3, series: trainTest(THEMES.light) });
  lossChart.element.classList.add('chart-loss');
  const accuracyChart = createLineChart(layout.chartsHost, { title: 'Accuracy', yRange: [0, 1], series: trainTest(THEMES.light) });
  accuracyChart.element.classList.add('chart-accuracy');
  const diagnostics = createDiagnosticsView(layout.diagnosticsHost);
  // With the notices, above the run bar: every view shows it.
  const divergence = createDivergenceBanner(layout.notices);
  // Under the diagram whose culprits it marks.
  const health = createHealthView(layout.networkHost);
  // Dataset "digits" has no plane: its own view takes the output panel's place.
  const digits = createDigitsView(layout.boundaryHost);
  const drawDigit = createDrawDigit(layout.boundaryHost, { classify: on.classify });
  let drawn = null; // the last drawCharts arguments, to redraw at once when the smoothing changes
  diagnostics.onSmoothingChange(() => { if (drawn) drawGradients(drawn.history); });
  function drawGradients(history) {
    const smoothing = diagnostics.smoothing();
    diagnostics.updateGradients(history.gradientSeries(smoothing), history.zeroGradientLayers(), history.updateRatioSeries(smoothing));
  }
  const toggle = (name, label) => {
    const id = uid(name);
    const box = el('input', { type: 'checkbox', id, onChange: () => on.toggle(name, box.checked) });
    layout.boundaryToggles.append(el('span', { class: 'check', 'data-control': name }, box, el('label', { for: id, text: label })));
    return box;
  };
  let theme = 'light';
  const toggles = { discretize: toggle('discretize', 'Discretize output'), showTest: toggle('showTest', 'Show test data') };
  toggles.regions = toggle('regions', 'Regions');
  const regions = createRegionsView(boundary.canvas.parentNode, layout.boundaryToggles.parentNode);

  return {
    /** View options: {discretize, showTest, problem, regions}. */
    setOptions({ discretize, showTest, problem, regions: showRegions = false }) {
      toggles.discretize.checked = discretize;
      toggles.showTest.checked = showTest;
      toggles.regions.checked = showRegions;
      regions.setEnabled(showRegions);
      boundary.setOptions({ discretize, showTest });
      // Regression has no accuracy: no empty chart.
      accuracyChart.element.hidden = problem === 'regression';
    },
    /** The drawn network: {inputs: [feature names], layers: [{inputs, outputs, weightOffset, activation}]}. */
    setStructure(structure) {
      network.setStructure(structure);
      regions.clear();
    },
    /** The data points: flat [x1, x2, label, ...] arrays. */
    setPoints(train, test, problem) {
      boundary.setPoints({ train, test }, problem);
    },
    /**
     * One frame: the heatmaps and links. frame: {grid, gridSize, gridNodes, gridHidden, params,
     * paramUnits?, outputs, outputScale: {scale, shift}, multiclass, settled, regions?, step}.
     */
    drawFrame(frame) {
      digits.update(frame.digits ?? null);
      drawDigit.update(frame.digits ?? null);
      layout.boundaryHost.classList.toggle('showing-digits', Boolean(frame.digits));
      // The links and marks follow without a plane too (digits): the tiles keep their placeholders.
      network.update(frame);
      if (!frame.grid || !frame.gridSize) return;
      boundary.update({
        grid: frame.grid, gridSize: frame.gridSize, offset: frame.gridNodes - frame.outputs, outputs: frame.outputs,
        ...frame.outputScale, multiclass: frame.multiclass,
        regionIds: regions.enabled && !frame.regions?.error ? frame.regions?.ids : null,
      });
      regions.update(frame.regions, frame.step);
    },
    /** The curves from a MetricsHistory, and the per-layer diagnostics of a snapshot. */
    drawCharts(history, layers) {
      lossChart.setData(history.lossSeries());
      accuracyChart.setData(history.accuracySeries());
      drawn = { history };
      drawGradients(history);
      diagnostics.updateLayers(layers);
      const findings = diagnose(history, layers);
      health.update(findings);
      network.setMarks(unitMarks(layers, findings));
    },
    /** light or dark (resolved): every canvas takes the theme's colours. */
    setTheme(next) {
      if (next === theme) return;
      theme = next;
      boundary.setTheme(theme);
      regions.setTheme(theme);
      network.setTheme(theme);
      diagnostics.setTheme(theme);
      drawDigit.setTheme(theme);
      for (const chart of [lossChart, accuracyChart]) {
        chart.setTheme(theme);
        chart.setSeries(trainTest(paletteFor(theme)));
      }
    },
    /** The diagram's and the charts' sizes follow the space a view gives them. */
    relayout() {
      network.relayout();
      regions.relayout();
      for (const chart of [lossChart, accuracyChart, diagnostics]) chart.relayout();
    },
    /** The divergence banner: {step, cause, learningRate} or null. */
    setDiverged(diverged) {
      divergence.set(diverged);
    },
    /** The replay's step as a line on the loss and accuracy charts, or null when live. */
    setMoment(step) {
      for (const chart of [lossChart, accuracyChart]) chart.setMarker(step);
    },
    /** Canvases for the PNG exports, by name. */
    canvases: {
      boundary: () => [boundary.toCanvas()],
      network: () => [network.toCanvas()],
      charts: () => [lossChart.canvas(), accuracyChart.canvas(), diagnostics.gradientCanvas(), diagnostics.updateRatioCanvas()],
    },
    destroy() {
      for (const view of [regions, boundary, network, lossChart, accuracyChart, diagnostics, health, digits, divergence, drawDigit]) view.destroy();
    },
  };
}
