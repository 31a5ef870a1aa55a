// Draw a digit (dataset "digits"): a 32x32 canvas drawn on with mouse, pen or
// finger, reduced as the data set was (digit-ink.js), and the live network's
// answer: the predicted digit, the ten probabilities as labelled bars and
// which hidden units fire. Keyboard users load a test digit instead. Asks
// through `classify(input) -> Promise<{predicted, probabilities, activations}>`
// (the worker's classify request), at most one request in flight and at most
// one a frame; knows nothing of the worker itself.

import { el, uid } from '../dom.js';
import {
  DIGIT_SIDE, INK_SIDE, countsFromInputs, emptyInk, hasInk, inkCounts, inkFromCounts, inputsFromCounts, stampDot, stampLine,
} from '../digit-ink.js';
import { DIGIT_CLASSES, DIGIT_MAX_VALUE, DIGIT_PIXELS } from '../../shared/config-fields.js';

/** Hidden units drawn per row of a layer's strip. */
const UNITS_PER_ROW = 32;

const percent = (p) => `${(100 * p).toFixed(p >= 0.995 || p < 0.0005 ? 0 : 1)}%`;

/** Returns {element, update(report | null), destroy}; null (not digits) hides the panel. */
export function createDrawDigit(container, { classify }) {
  const canvas = el('canvas', {
    class: 'draw-canvas', width: INK_SIDE, height: INK_SIDE, role: 'img',
    'aria-label': 'Drawing area: draw a digit with the mouse, a pen or a finger',
  });
  const seen = el('canvas', { class: 'draw-seen', width: DIGIT_SIDE, height: DIGIT_SIDE, 'aria-hidden': 'true' });
  const selectId = uid('draw-test');
  const select = el('select', { id: selectId, class: 'draw-test', onChange: () => loadTest(Number(select.value)) });
  const clear = el('button', { type: 'button', class: 'draw-clear', text: 'Clear', onClick: () => setInk(emptyInk(), null) });
  const answer = el('p', { class: 'draw-answer', 'aria-live': 'polite' });
  const bars = el('ol', { class: 'draw-bars', 'aria-label': 'Output probabilities' });
  const units = el('div', { class: 'draw-units' });
  const element = el('section', { class: 'draw-digit', hidden: true, 'aria-label': 'Draw a digit' },
    el('h3', { text: 'Draw a digit' }),
    el('div', { class: 'draw-row' },
      el('div', { class: 'draw-pad' },
        canvas,
        el('div', { class: 'draw-tools' },
          clear,
          el('label', { for: selectId, text: 'Load a test digit' }),
          select),
        el('div', { class: 'draw-seen-row' }, seen, el('span', { text: 'what the network sees (8×8)' }))),
      el('div', { class: 'draw-result' }, answer, bars, units)));
  container.append(element);

  const barRows = Array.from({ length: DIGIT_CLASSES }, (_, digit) => {
    const fill = el('span', { class: 'draw-bar-fill' });
    const value = el('span', { class: 'draw-bar-value' });
    const row = el('li', { class: 'draw-bar' }, el('span', { class: 'draw-bar-label', text: String(digit) }), el('span', { class: 'draw-bar-track' }, fill), value);
    bars.append(row);
    return { row, fill, value, digit };
  });

  let ink = emptyInk();
  let version = 0; // the drawing's, so a reply is matched to what it answers
  element.dataset.version = String(version);
  let report = null;
  let shown = null; // the result on screen, to redraw in another theme
  let sample = null;
  let frameRequested = 0;
  let inFlight = false;
  let wanted = false; // a change since the request in flight was sent
  let destroyed = false;

  // --- Drawing ---------------------------------------------------------------
  let stroke = null; // {pointerId, x, y} while a pointer draws
  const cellAt = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * INK_SIDE, y: ((event.clientY - box.top) / box.height) * INK_SIDE };
  };
  canvas.addEventListener('pointerdown', (event) => {
    if (stroke || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    const { x, y } = cellAt(event);
    stroke = { pointerId: event.pointerId, x, y };
    stampDot(ink, x, y);
    changed(null);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    const { x, y } = cellAt(event);
    stampLine(ink, stroke.x, stroke.y, x, y);
    stroke.x = x;
    stroke.y = y;
    changed(null);
  });
  const endStroke = (event) => {
    if (stroke && event.pointerId === stroke.pointerId) stroke = null;
  };
  canvas.addEventListener('pointerup', endStroke);
  canvas.addEventListener('pointercancel', endStroke);
  canvas.addEventListener('lostpointercapture', endStroke);

  function setInk(next, testIndex) {
    ink = next;
    changed(testIndex);
  }

  function loadTest(index) {
    if (!sample || !(index >= 0 && index < sample.count)) return;
    const pixels = sample.pixels.subarray(index * DIGIT_PIXELS, (index + 1) * DIGIT_PIXELS);
    setInk(inkFromCounts(countsFromInputs(pixels)), index);
  }

  function changed(testIndex) {
    version += 1;
    element.dataset.version = String(version);
    if (testIndex === null) select.value = '';
    element.dataset.test = testIndex === null ? '' : String(sample.indices[testIndex]);
    paint();
    ask();
  }

  function paint() {
    const styles = getComputedStyle(element);
    const color = styles.getPropertyValue('--ink').trim() || '#000';
    const context = canvas.getContext('2d');
    if (context) {
      context.clearRect(0, 0, INK_SIDE, INK_SIDE);
      context.fillStyle = color;
      for (let cell = 0; cell < ink.length; cell++) {
        if (ink[cell]) context.fillRect(cell % INK_SIDE, Math.floor(cell / INK_SIDE), 1, 1);
      }
    }
    const small = seen.getContext('2d');
    if (small) {
      small.clearRect(0, 0, DIGIT_SIDE, DIGIT_SIDE);
      small.fillStyle = color;
      const counts = inkCounts(ink);
      for (let pixel = 0; pixel < DIGIT_PIXELS; pixel++) {
        small.globalAlpha = counts[pixel] / DIGIT_MAX_VALUE;
        small.fillRect(pixel % DIGIT_SIDE, Math.floor(pixel / DIGIT_SIDE), 1, 1);
      }
      small.globalAlpha = 1;
    }
  }

  // --- Asking the network: one request in flight, at most one a frame -------
  function ask() {
    if (!report) return;
    if (!hasInk(ink)) {
      show(null, version);
      return;
    }
    wanted = true;
    if (inFlight || frameRequested) return;
    frameRequested = requestAnimationFrame(send);
  }

  function send() {
    frameRequested = 0;
    if (destroyed || inFlight || !wanted || !report) return;
    wanted = false;
    inFlight = true;
    const asked = version;
    element.dataset.state = 'asking';
    classify(inputsFromCounts(inkCounts(ink))).then(
      (result) => { if (asked === version) show(result, asked); },
      (error) => { if (asked === version) failed(error, asked); },
    ).finally(() => {
      inFlight = false;
      if (wanted && !destroyed) ask();
    });
  }

  function show(result, answered) {
    element.dataset.answered = String(answered);
    if (!result) {
      shown = null;
      element.dataset.state = 'empty';
      element.dataset.predicted = '';
      element.dataset.probabilities = '';
      answer.textContent = 'Draw a digit in the box, or load a test digit.';
      for (const bar of barRows) setBar(bar, 0, '–', false);
      units.replaceChildren();
      return;
    }
    shown = result;
    const { predicted, probabilities, activations } = result;
    element.dataset.state = 'shown';
    element.dataset.predicted = String(predicted);
    element.dataset.probabilities = JSON.stringify(Array.from(probabilities));
    answer.replaceChildren('The network reads ', el('strong', { class: 'draw-predicted', text: String(predicted) }),
      ` (${percent(probabilities[predicted])} sure).`);
    barRows.forEach((bar, digit) => setBar(bar, probabilities[digit], percent(probabilities[digit]), digit === predicted));
    showUnits(activations);
  }

  function setBar(bar, share, text, chosen) {
    bar.fill.style.width = `${(100 * share).toFixed(1)}%`;
    bar.value.textContent = text;
    bar.row.setAttribute('aria-label', `${bar.digit}: ${text}${chosen ? ', the prediction' : ''}`);
    bar.row.classList.toggle('draw-bar-chosen', chosen);
  }

  function failed(error, answered) {
    element.dataset.answered = String(answered);
    element.dataset.state = 'error';
    answer.textContent = `No prediction: ${error?.message ?? error}`;
  }

  // Each hidden layer as a strip of cells, brighter where the unit's output is larger.
  function showUnits(activations) {
    const accent = getComputedStyle(element).getPropertyValue('--accent').trim() || '#0877bd';
    units.replaceChildren(...activations.map((layer, l) => {
      const largest = layer.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      const firing = layer.reduce((n, a) => n + (a > 0 ? 1 : 0), 0);
      const columns = Math.min(UNITS_PER_ROW, layer.length);
      const rows = Math.ceil(layer.length / columns);
      const strip = el('canvas', { class: 'draw-strip', width: columns, height: rows, 'aria-hidden': 'true', style: { aspectRatio: `${columns} / ${rows}`, width: `${Math.min(100, (columns / UNITS_PER_ROW) * 100)}%` } });
      const context = strip.getContext('2d');
      if (context) {
        context.fillStyle = accent;
        layer.forEach((a, u) => {
          context.globalAlpha = largest > 0 && a > 0 ? 0.15 + 0.85 * (a / largest) : 0;
          context.fillRect(u % columns, Math.floor(u / columns), 1, 1);
        });
      }
      return el('div', { class: 'draw-layer' },
        el('span', { class: 'draw-layer-caption', text: `Hidden layer ${l + 1}: ${firing} of ${layer.length} units fire` }), strip);
    }));
  }

  function fillTests() {
    const options = [el('option', { value: '', text: 'choose…' })];
    for (let i = 0; i < sample.count; i++) {
      options.push(el('option', { value: String(i), text: `#${i + 1}: a ${sample.labels[i]}` }));
    }
    const kept = select.value;
    select.replaceChildren(...options);
    select.value = kept;
  }

  /** The digits report of each frame (web/worker/digits-report.js), or null. */
  function update(next) {
    const wasShown = Boolean(report);
    element.hidden = !next;
    if (!next) {
      report = null;
      return;
    }
    const refilled = !sample || sample.count !== next.sample.count || !sample.indices.every((v, i) => v === next.sample.indices[i]);
    if (next === report) return;
    report = next;
    const before = sample;
    sample = next.sample;
    if (refilled || !before) fillTests();
    if (!wasShown) {
      paint();
      show(null, version);
    }
    // New weights (or a new sample): the drawing is asked about again.
    if (hasInk(ink)) ask();
    else if (!wasShown) show(null, version);
  }

  return {
    element,
    update,
    /** The canvases take the theme's colours (the CSS variables) again. */
    setTheme() {
      paint();
      if (shown) showUnits(shown.activations);
    },
    destroy() {
      destroyed = true;
      if (frameRequested) cancelAnimationFrame(frameRequested);
      element.remove();
    },
  };
}
