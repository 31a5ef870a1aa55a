// The output panel for dataset "digits", which has no plane to draw: a grid
// of test digits with their predicted label (mistakes marked), the test set's
// confusion matrix and the accuracy per class. Takes the worker's report
// (web/worker/digits-report.js) as plain data.

import { el } from '../dom.js';

const PIXELS = 8; // the images are 8x8

/**
 * Per class (true label): {correct, total, accuracy (NaN without samples)},
 * from a confusion matrix [true x predicted] of `classes` classes.
 */
export function perClassAccuracy(confusion, classes) {
  return Array.from({ length: classes }, (_, c) => {
    let total = 0;
    for (let p = 0; p < classes; p++) total += confusion[c * classes + p];
    const correct = confusion[c * classes + c];
    return { correct, total, accuracy: total ? correct / total : NaN };
  });
}

/** The diagonal's sum: test digits predicted right. */
export function confusionCorrect(confusion, classes) {
  let correct = 0;
  for (let c = 0; c < classes; c++) correct += confusion[c * classes + c];
  return correct;
}

const percent = (value) => (Number.isNaN(value) ? '–' : `${Math.round(value * 100)}%`);

/** Returns {element, update(report | null), destroy}; null hides the view. */
export function createDigitsView(container) {
  const grid = el('div', { class: 'digits-grid', role: 'list', 'aria-label': 'Test digits and the network\'s predictions' });
  const table = el('table', { class: 'digits-confusion' });
  const caption = el('p', { class: 'digits-caption' });
  const element = el('div', { class: 'digits-view', hidden: true },
    el('div', { class: 'digits-sample' }, el('h3', { text: 'Test digits: prediction (true label when wrong)' }), grid),
    el('div', { class: 'digits-matrix' }, el('h3', { text: 'Confusion matrix (test set): rows true, columns predicted' }), table, caption));
  container.append(element);
  let cells = [];

  function buildGrid(count) {
    cells = Array.from({ length: count }, () => {
      const canvas = el('canvas', { width: PIXELS, height: PIXELS, 'aria-hidden': 'true' });
      const label = el('span', { class: 'digit-label' });
      const item = el('div', { class: 'digit', role: 'listitem' }, canvas, label);
      return { item, canvas, label };
    });
    grid.replaceChildren(...cells.map((cell) => cell.item));
  }

  function drawDigit(canvas, pixels, offset) {
    const context = canvas.getContext('2d');
    if (!context) return;
    const image = context.createImageData(PIXELS, PIXELS);
    for (let i = 0; i < PIXELS * PIXELS; i++) {
      const ink = Math.round(255 * (1 - pixels[offset + i])); // dark ink on white, as written
      image.data.set([ink, ink, ink, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }

  function updateSample(sample) {
    if (cells.length !== sample.count) buildGrid(sample.count);
    cells.forEach((cell, i) => {
      drawDigit(cell.canvas, sample.pixels, i * PIXELS * PIXELS);
      const predicted = sample.predicted[i];
      const truth = sample.labels[i];
      const wrong = predicted >= 0 && predicted !== truth;
      cell.item.classList.toggle('digit-wrong', wrong);
      cell.label.textContent = predicted < 0 ? '?' : wrong ? `${predicted} (${truth})` : String(predicted);
      cell.item.setAttribute('aria-label', predicted < 0 ? `a ${truth}, not yet predicted`
        : wrong ? `a ${truth}, predicted ${predicted}: wrong` : `a ${truth}, predicted right`);
    });
  }

  function updateMatrix({ classes, total, confusion }) {
    const rows = perClassAccuracy(confusion, classes);
    const head = el('tr', {}, el('th', { scope: 'col', text: '' }),
      ...Array.from({ length: classes }, (_, p) => el('th', { scope: 'col', text: String(p) })),
      el('th', { scope: 'col', class: 'digits-accuracy', text: 'right' }));
    const body = rows.map((row, c) => el('tr', {}, el('th', { scope: 'row', text: String(c) }),
      ...Array.from({ length: classes }, (_, p) => {
        const count = confusion[c * classes + p];
        const share = row.total ? count / row.total : 0;
        // Right answers in blue, mistakes in orange, stronger with more of the row.
        const colour = c === p ? `rgba(63, 160, 227, ${share})` : `rgba(245, 147, 34, ${Math.min(1, share * 3)})`;
        return el('td', { text: count ? String(count) : '', style: { background: count ? colour : 'transparent' } });
      }),
      el('td', { class: 'digits-accuracy', text: percent(row.accuracy) })));
    table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...body));
    const correct = confusionCorrect(confusion, classes);
    table.dataset.total = String(total);
    table.dataset.correct = String(correct);
    caption.textContent = total ? `${correct} of ${total} test digits right (${percent(correct / total)}).`
      : 'Not evaluated yet.';
  }

  function update(report) {
    element.hidden = !report;
    if (!report) return;
    updateSample(report.sample);
    updateMatrix(report);
  }

  return { element, update, destroy: () => element.remove() };
}
