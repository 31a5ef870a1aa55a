// A small form to set one weight: opened by clicking a link in the network
// diagram (pre-filled), or from its button for keyboard users.

import { el, uid, formatValue } from '../dom.js';

/** onSubmit({layer, to, from, value}) returns a Promise that rejects with a message on error. */
export function createWeightEditor(container, { onSubmit }) {
  const id = uid('weight');
  const number = (label, attrs = {}) => el('input', { type: 'number', step: 1, min: 1, 'aria-label': label, ...attrs });
  const layer = number('Weight layer (1 = first hidden layer)');
  const from = number('From unit');
  const to = number('To unit');
  const value = el('input', { type: 'number', step: 'any', id, 'aria-label': 'Weight value' });
  const message = el('span', { class: 'small', role: 'status' });
  const form = el('form', { class: 'weight-editor', hidden: true, 'aria-label': 'Edit a weight' },
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
