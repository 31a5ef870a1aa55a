// Compare mode on the page: the "Compare A/B" toggle, B's output plot beside
// A's, a short editor of B's fields (with the note that the seed and data are
// shared), the loss curves of both runs on one chart (A solid, B dashed, the
// same colour per split), B's gradient norms, and the two runs' diagnostics
// side by side with the differences marked. Plain data in, edits out through
// callbacks; knows nothing of the worker.

import { createBoundaryView } from './boundary-view.js';
import { createDigitsView } from './digits-view.js';
import { createLineChart } from './line-chart.js';
import { layerSeries } from './diagnostics-view.js';
import { THEMES, paletteFor, cssColor } from '../colors.js';
import { el, uid } from '../dom.js';
import { FIELDS } from '../../shared/schema.js';
import { SHARED_FIELDS, compareConfig } from '../compare-link.js';
import { overlayLossSeries, compareLayerRows } from '../compare-charts.js';

/** B's fields offered in the editor: those the comparison lessons change. Others come by link or setState. */
export const EDITED_FIELDS = Object.freeze(['activation', 'init', 'learningRate', 'optimizer', 'hidden', 'clipNorm', 'l2']);
const LABELS = {
  activation: 'Activation', init: 'Initialisation', learningRate: 'Learning rate', optimizer: 'Optimiser',
  hidden: 'Hidden layers', clipNorm: 'Gradient clip', l2: 'L2',
};

const lossSeries = (palette) => {
  const train = cssColor(palette.positive);
  const test = cssColor(palette.negative);
  return [
    { label: 'A train', color: train, spanGaps: true }, { label: 'A test', color: test, spanGaps: true },
    { label: 'B train', color: train, dash: [6, 4], spanGaps: true }, { label: 'B test', color: test, dash: [6, 4], spanGaps: true },
  ];
};

// B's layers dashed, as B's losses are.
const bLayerSeries = (count, palette) => layerSeries(count, palette).map((s) => ({ ...s, dash: [6, 4] }));
const text = (value) => (Array.isArray(value) ? value.join(',') : String(value));
const fixed = (value, digits) => (value === null || value === undefined ? '—' : Number(value).toPrecision(digits));

/**
 * layout: layout.js's containers. on: {toggle(on), editB(name, text)}; editB
 * gets the input's text, decoded as a link's value is.
 * Returns {show(on), update(state), setStructure, setPoints, drawFrame, drawCharts, setStatus, destroy}.
 */
export function createCompareView(layout, aHistory, on) {
  const outputSection = layout.boundaryHost.closest('section') ?? layout.boundaryHost.parentElement;
  const toggleId = uid('compare');
  const toggleBox = el('input', { type: 'checkbox', id: toggleId, onChange: () => on.toggle(toggleBox.checked) });
  layout.boundaryToggles.append(el('span', { class: 'check compare-toggle' }, toggleBox,
    el('label', { for: toggleId, text: 'Compare A/B (c)' })));

  const bHost = el('div', { class: 'boundary-host compare-b-host', hidden: true });
  layout.boundaryHost.after(bHost);
  const boundary = createBoundaryView(bHost);
  // Dataset "digits" has no plane: B shows its test digits and confusion matrix, as A does.
  const digits = createDigitsView(bHost);
  const status = el('p', { class: 'small compare-status', hidden: true, role: 'status' });

  const inputs = {};
  const editorRows = EDITED_FIELDS.map((name) => {
    const id = uid(`b-${name}`);
    const field = FIELDS[name];
    const choices = field.kind === 'enum' || field.kind === 'enumList' ? field.values : null;
    const input = choices
      ? el('select', { id }, choices.map((value) => el('option', { value, text: value })))
      : el('input', { id, type: 'text', inputmode: field.kind === 'intList' ? 'numeric' : 'decimal', size: 8 });
    input.addEventListener('change', () => on.editB(name, input.value));
    const aValue = el('span', { class: 'compare-a-value small' });
    inputs[name] = { input, aValue, row: null };
    const row = el('div', { class: 'compare-field', 'data-b-field': name }, el('label', { for: id, text: LABELS[name] }), input, aValue);
    inputs[name].row = row;
    return row;
  });
  // Folded by default: open, its dozen fields would push the charts below a laptop's first screen.
  const summary = el('summary', { class: 'compare-summary', text: 'Run B: A with these changes' });
  const editor = el('details', { class: 'compare-editor', hidden: true },
    summary,
    el('div', { class: 'compare-fields' }, editorRows),
    el('p', { class: 'small compare-shared', title: `Shared: ${SHARED_FIELDS.join(', ')}`, text: 'A and B share the seed and the data, start from weights drawn the same way and train step for step, each in its own worker. A marked field differs from A (A\'s value beside it).' }));
  // Its labels repeat A's (Optimiser, Learning rate): while B is off they name A's alone (see places).

  let palette = THEMES.light;
  let theme = 'light';
  const lossChart = createLineChart(layout.chartsHost, { title: 'Loss: A solid, B dashed', logAbove: 1e3, series: lossSeries(palette) });
  lossChart.element.classList.add('chart-compare-loss');
  lossChart.element.hidden = true;
  const gradientChart = createLineChart(layout.diagnosticsHost, { title: 'Gradient norm per layer, run B', log: true, series: layerSeries(1, palette) });
  gradientChart.element.classList.add('chart-compare-gradients');
  gradientChart.element.hidden = true;
  const tableBody = el('tbody');
  const table = el('table', { class: 'compare-table' },
    el('caption', { text: 'A and B side by side, from the newest full pass; marked cells differ' }),
    el('thead', {},
      el('tr', {}, el('th', { scope: 'col', rowspan: 2, text: 'Layer' }),
        ['Dead units', 'Sparsity', 'Gradient norm'].map((t) => el('th', { scope: 'colgroup', colspan: 2, text: t }))),
      el('tr', {}, ['A', 'B', 'A', 'B', 'A', 'B'].map((t) => el('th', { scope: 'col', text: t })))),
    tableBody);
  const tableHost = el('div', { class: 'compare-table-host', hidden: true }, table);
  layout.diagnosticsHost.append(tableHost);
  const shell = outputSection.closest('.relu-playground');
  // B's pieces are in the page only while B exists: without B the page is exactly A's (one output
  // canvas, one loss chart), for the reader and for anything that looks an element up.
  const places = [
    [bHost, () => layout.boundaryHost.after(bHost)],
    [editor, () => outputSection.append(editor)],
    [status, () => editor.after(status)],
    // In A's loss chart's place (A's is hidden meanwhile: the overlay has A's curves too).
    [lossChart.element, () => {
      const aLoss = layout.chartsHost.querySelector(':scope > .chart-loss');
      if (aLoss) aLoss.before(lossChart.element);
      else layout.chartsHost.append(lossChart.element);
    }],
    [gradientChart.element, () => layout.diagnosticsHost.append(gradientChart.element)],
    [tableHost, () => layout.diagnosticsHost.append(tableHost)],
  ];
  for (const [node] of places) node.remove();

  function followTheme() {
    const next = shell?.dataset.theme === 'dark' ? 'dark' : 'light';
    if (next === theme) return;
    theme = next;
    palette = paletteFor(theme);
    boundary.setTheme(theme);
    lossChart.setTheme(theme);
    lossChart.setSeries(lossSeries(palette));
    gradientChart.setTheme(theme);
    gradientChart.setSeries(bLayerSeries(gradientChart.seriesCount, palette));
  }

  function drawTable(bHistory) {
    const rows = compareLayerRows(aHistory, bHistory);
    tableBody.replaceChildren(...rows.map((row) => el('tr', {},
      el('th', { scope: 'row', text: row.label }),
      ...[['deadUnits', (v) => (v === null ? '—' : String(v))], ['sparsity', (v) => fixed(v, 2)], ['gradNorm', (v) => fixed(v, 2)]]
        .flatMap(([name, format]) => ['a', 'b'].map((run) => el('td', {
          class: row.differs[name] ? 'differs' : null, text: format(row[run][name]),
          title: row.differs[name] ? 'A and B differ here' : null,
        }))))));
  }

  return {
    show(active) {
      toggleBox.checked = active;
      for (const [node, place] of places) {
        node.hidden = !active || (node === status && !status.textContent);
        if (active && !node.isConnected) place();
        else if (!active) node.remove();
      }
      outputSection.classList.toggle('is-comparing', active);
      if (shell) {
        if (active) shell.dataset.compare = 'true';
        else delete shell.dataset.compare;
      }
    },
    /** The editor and the plot's options follow the state. */
    update(state) {
      followTheme();
      toggleBox.checked = Boolean(state.compare);
      boundary.setOptions({ discretize: state.ui.discretize, showTest: state.ui.showTest });
      if (!state.compare) return;
      const b = compareConfig(state.config, state.compare).config;
      for (const name of EDITED_FIELDS) {
        const { input, aValue, row } = inputs[name];
        const bText = text(b[name]);
        if (input.tagName === 'SELECT' && ![...input.options].some((o) => o.value === bText)) {
          input.append(el('option', { value: bText, text: bText })); // a per-layer list from a link
        }
        if (document.activeElement !== input || input.tagName === 'SELECT') input.value = bText;
        const differs = text(state.config[name]) !== bText;
        row.classList.toggle('differs', differs);
        aValue.textContent = differs ? `A: ${text(state.config[name])}` : '';
      }
      const changed = EDITED_FIELDS.filter((name) => inputs[name].row.classList.contains('differs')).map((name) => LABELS[name].toLowerCase());
      summary.textContent = changed.length ? `Run B: A with ${changed.join(', ')} changed` : 'Run B: the same as A (open to change its fields)';
    },
    setStructure({ layers }) {
      const count = layers.length;
      if (count !== gradientChart.seriesCount) gradientChart.setSeries(bLayerSeries(count, palette));
    },
    setPoints(train, test, problem) {
      boundary.setPoints({ train, test }, problem);
    },
    /** A frame of B's: {grid, ...} on the plane, or {digits} (the worker's digits report). */
    drawFrame(frame) {
      bHost.classList.toggle('showing-digits', Boolean(frame.digits));
      if (frame.digits) digits.update(frame.digits);
      else boundary.update(frame);
    },
    drawCharts(bHistory) {
      followTheme();
      lossChart.setData(overlayLossSeries(aHistory, bHistory));
      if (bHistory.layerCount && bHistory.layerCount !== gradientChart.seriesCount) {
        gradientChart.setSeries(bLayerSeries(bHistory.layerCount, palette));
      }
      gradientChart.setData(bHistory.gradientSeries(1));
      drawTable(bHistory);
    },
    setStatus(message) {
      status.hidden = !message;
      status.textContent = message ?? '';
    },
    destroy() {
      boundary.destroy();
      digits.destroy();
      lossChart.destroy();
      gradientChart.destroy();
      bHost.remove();
      editor.remove();
      status.remove();
      tableHost.remove();
      toggleBox.closest('.compare-toggle')?.remove();
    },
  };
}
