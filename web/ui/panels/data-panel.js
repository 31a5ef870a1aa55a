// Data controls: the dataset (thumbnails), noise, train/test split, sample
// count, batch size, the seed with a regenerate button, the input features,
// and custom data (click the plot, type a point, or load a CSV).

import { DATASETS, FEATURES, FIELDS } from '../../shared/schema.js';
import { parsePointsCsv, pointsToCsv } from '../csv.js';
import { fileLabel, readTextFile } from '../file-text.js';
import { el, uid, download } from '../dom.js';
import { createDatasetPicker } from '../components/dataset-picker.js';
import { datasetEdit } from '../../shared/dataset-fields.js';
import { createFieldControl, createPanel } from './fields.js';
import { controlApplies, dataDescription, moreSummary } from './data-applies.js';

const FEATURE_LABELS = Object.freeze({
  x1: 'x1', x2: 'x2', x1sq: 'x1²', x2sq: 'x2²', x1x2: 'x1·x2', sinx1: 'sin x1', sinx2: 'sin x2',
});

/** Labels the user can give a new point for the problem type. */
export function pointLabels(problem) {
  if (problem === 'regression') return [{ value: -1, text: '−1 (orange)' }, { value: 1, text: '+1 (blue)' }];
  if (problem === 'binary') return [{ value: 0, text: 'class 0 (orange)' }, { value: 1, text: 'class 1 (blue)' }];
  return Array.from({ length: 10 }, (_, k) => ({ value: k, text: `class ${k}` }));
}

/**
 * ctx: {edit(patch), addPoint([x1, x2, label]), setPoints(points), notify(text, kind)}
 * Returns {update(state), labelForClick(shiftKey)}.
 */
export function createDataPanel(container, ctx) {
  const panel = createPanel(container, 'Data', 'data');
  const onEdit = (name, value) => ctx.edit({ [name]: value });

  let currentHidden; // the network in force: the Digits tile replaces only the default one
  const picker = createDatasetPicker(panel, { datasets: DATASETS, onChange: (name) => ctx.edit(datasetEdit(name, {}, currentHidden)) });

  const controls = [
    createFieldControl('noise', { label: 'Noise', step: 1, onEdit }),
    createFieldControl('trainRatio', { label: 'Training share', step: 0.05, onEdit }),
    createFieldControl('numSamples', { label: 'Samples', step: 50, onEdit }),
    createFieldControl('batchSize', { label: 'Batch size', onEdit }),
    createFieldControl('seed', { label: 'Seed', onEdit }),
  ];
  const grid = el('div', { class: 'field-grid' }, controls.map((c) => c.element));
  const regenerate = el('button', {
    type: 'button', 'data-control': 'regenerate', text: 'Regenerate',
    title: 'New data and weights from a new random seed',
    onClick: () => ctx.edit({ seed: Math.floor(Math.random() * FIELDS.seed.max) }),
  });
  // The dataset stays in view; the rest is folded away, so the controls a lesson asks for fit a laptop's first screen.
  const moreTitle = el('summary', { text: moreSummary('') });
  const more = el('details', { class: 'more-settings' }, moreTitle);
  const description = el('p', { class: 'small data-description', hidden: true });
  panel.append(description, more);
  more.append(grid, regenerate);

  // Input features: a set, shown as checkboxes.
  const featureBoxes = new Map();
  const features = el('fieldset', { class: 'features', 'data-control': 'features' }, el('legend', { text: 'Input features' }));
  for (const name of FEATURES) {
    const id = uid(`feature-${name}`);
    const box = el('input', { type: 'checkbox', id, value: name, onChange: () => editFeatures() });
    featureBoxes.set(name, box);
    features.append(el('span', { class: 'check' }, box, el('label', { for: id, text: FEATURE_LABELS[name] })));
  }
  more.append(features);
  function editFeatures() {
    ctx.edit({ features: FEATURES.filter((name) => featureBoxes.get(name).checked) });
  }

  // Custom data.
  const labelSelect = el('select', { id: uid('point-label') });
  const x1Input = el('input', { type: 'number', step: 'any', min: -6, max: 6, value: '0', 'aria-label': 'new point x1' });
  const x2Input = el('input', { type: 'number', step: 'any', min: -6, max: 6, value: '0', 'aria-label': 'new point x2' });
  const csvInput = el('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'visually-hidden', id: uid('csv') });
  const message = el('p', { class: 'small', role: 'status' });
  const custom = el('fieldset', { class: 'custom-data', 'data-control': 'customData' },
    el('legend', { text: 'Your points' }),
    el('p', { class: 'small', text: 'Click the output plot to add a point (Shift+click: the other class), or type one:' }),
    el('div', { class: 'inline' },
      el('label', { for: labelSelect.id, text: 'Label' }), labelSelect, x1Input, x2Input,
      el('button', { type: 'button', text: 'Add point', onClick: () => ctx.addPoint([Number(x1Input.value), Number(x2Input.value), Number(labelSelect.value)]) })),
    el('div', { class: 'inline' },
      el('label', { for: csvInput.id, class: 'button', tabindex: '0', role: 'button', text: 'Load CSV…', onKeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); csvInput.click(); } } }),
      csvInput,
      el('button', { type: 'button', text: 'Save points CSV', onClick: () => download('points.csv', pointsToCsv(ctx.shownPoints()), 'text/csv') })),
    message);
  more.append(custom);

  let problem = null;
  let currentProblem = 'binary';
  csvInput.addEventListener('change', () => {
    const file = csvInput.files?.[0];
    csvInput.value = '';
    if (file) loadCsv(file);
  });

  /** Points from a CSV file (chosen or dropped); on any error the previous data are kept. */
  async function loadCsv(file) {
    // The size is checked before reading; the file's name and cells are quoted short.
    const read = await readTextFile(file, 'csv');
    if (read.error) {
      showMessage(`${read.error} Your previous data are kept.`, true);
      return;
    }
    const result = parsePointsCsv(read.text, currentProblem);
    if (result.error) {
      showMessage(`${fileLabel(file)}: ${result.error}. Your previous data are kept.`, true);
      return;
    }
    showMessage(`${fileLabel(file)}: ${result.points.length} points loaded.`, false);
    ctx.setPoints(result.points);
  }

  function update(state) {
    const { config } = state;
    picker.setValue(config.dataset);
    for (const control of controls) control.set(config[control.name]);
    for (const [name, box] of featureBoxes) box.checked = config.features.includes(name);
    currentProblem = config.problem;
    currentHidden = config.hidden;
    if (problem !== config.problem) {
      problem = config.problem;
      labelSelect.replaceChildren(...pointLabels(problem).map((l) => el('option', { value: String(l.value), text: l.text })));
    }
    custom.querySelector('legend').textContent = config.dataset === 'custom' ? `Your points (${config.points.length})` : 'Your points';
    showWhatApplies(config);
  }

  /** Hides the controls the dataset does not use (their values stay in the config) and says what the data are. */
  function showWhatApplies(config) {
    for (const element of [...controls.map((c) => c.element), features, custom]) {
      // A class, not `hidden`: the page's hide list (state.ui.hide) owns that attribute.
      element.classList.toggle('not-applicable', !controlApplies(element.dataset.control, config.dataset));
    }
    const text = dataDescription(config);
    description.hidden = !text;
    description.textContent = text ?? '';
    moreTitle.textContent = moreSummary(config.dataset);
  }

  /** The label a click on the plot adds: the chosen one, or the other class with Shift. */
  function labelForClick(shiftKey) {
    const labels = pointLabels(currentProblem).map((l) => l.value);
    const chosen = Number(labelSelect.value);
    if (!shiftKey) return chosen;
    return labels[(labels.indexOf(chosen) + 1) % (currentProblem === 'multiclass' ? labels.length : 2)];
  }

  function showMessage(text, isError) {
    message.textContent = text;
    message.classList.toggle('error', Boolean(isError));
  }

  return { update, labelForClick, showMessage, loadCsv, setDatasetDisabled: picker.setDisabled, setTheme: picker.setTheme };
}
