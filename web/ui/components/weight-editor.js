// A small form to set one weight: opened by clicking a link in the network
// diagram (pre-filled), or from its button for keyboard users.

import { el, uid, formatValue } from '../dom.js';
import { quoted } from '../../shared/excerpt.js';
import { FLOAT32_MAX } from '../../shared/limits.js';

// Indices reach the core as 32-bit ints.
const MAX_INDEX = 2 ** 31;

// A number input reports text it cannot read as badInput with an empty value.
function unreadable(input) {
  return input.validity?.badInput || input.value.trim() === '';
}

function checkIndex(input, name) {
  const n = Number(input.value);
  if (unreadable(input) || !Number.isInteger(n) || n < 1 || n > MAX_INDEX) {
    return `${name}: enter a whole number from 1 (the first) up to the layer's size`;
  }
  return null;
}

function checkValue(input) {
  const n = Number(input.value);
  if (unreadable(input) || !Number.isFinite(n)) return 'weight: enter a number, such as -0.5 or 2';
  if (!Number.isFinite(Math.fround(n))) return `weight: ${quoted(input.value)} is outside the range ±${FLOAT32_MAX.toPrecision(2)} a weight can hold`;
  return null;
}

/** onSubmit({layer, to, from, value}) returns a Promise that rejects with a message on error. */
export function createWeightEditor(container, { onSubmit }) {
  const id = uid('weight');
  const number = (label, attrs = {}) => el('input', { type: 'number', step: 1, min: 1, 'aria-label': label, ...attrs });
  const layer = number('Weight layer (1 = first hidden layer)');
  const from = number('From unit');
  const to = number('To unit');
  const value = el('input', { type: 'number', step: 'any', id, 'aria-label': 'Weight value' });
  const message = el('span', { class: 'small', role: 'status' });
  // novalidate: the browser would block unreadable text with a bubble that names
  // no box; the checks below say which box and what it takes.
  const form = el('form', { class: 'weight-editor', hidden: true, novalidate: true, 'aria-label': 'Edit a weight' },
    el('span', { text: 'Layer' }), layer, el('span', { text: 'from' }), from, el('span', { text: 'to' }), to,
    el('label', { for: id, text: 'weight' }), value,
    el('button', { type: 'submit', text: 'Set' }),
    el('button', { type: 'button', text: 'Close', onClick: () => { form.hidden = true; } }),
    message);
  const opener = el('button', { type: 'button', class: 'link-button', text: 'Edit a weight…', onClick: () => open({}) });
  // One control: hiding or locking `weights` covers the form too.
  container.append(el('div', { class: 'weights', 'data-control': 'weights' }, opener, form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // An empty or unreadable box is a message, never the weight 0 or unit 0.
    const problem = checkIndex(layer, 'layer') ?? checkIndex(from, 'from unit') ?? checkIndex(to, 'to unit') ?? checkValue(value);
    if (problem) {
      message.textContent = problem;
      return;
    }
    const edit = { layer: Number(layer.value) - 1, from: Number(from.value) - 1, to: Number(to.value) - 1, value: Number(value.value) };
    try {
      await onSubmit(edit);
      message.textContent = `Set to ${formatValue(edit.value)}.`;
    } catch (error) {
      message.textContent = error.message;
    }
  });

  /** Opens the form, pre-filled with {layer, to, from, value} (0-based indices). */
  function open(link) {
    form.hidden = false;
    if (link.layer !== undefined) {
      layer.value = String(link.layer + 1);
      from.value = String(link.from + 1);
      to.value = String(link.to + 1);
      value.value = Number.isFinite(link.value) ? String(Number(link.value.toPrecision(4))) : '0';
    }
    message.textContent = '';
    value.focus();
    value.select?.();
  }

  return { open, opener };
}
