// Labelled form controls for config fields, built from the schema: the input
// type, its range and its choices come from FIELDS, so no range is repeated
// here. Every control's root carries data-control=<field> so the page can hide
// or lock it from the URL.

import { FIELDS } from '../../shared/schema.js';
import { el, uid, formatValue } from '../dom.js';

/**
 * A control for one config field.
 * options: {label, help?, step?, choices?: [{value, label}], onEdit(name, value)}
 * Returns {element, name, set(value)}.
 */
export function createFieldControl(name, { label, help, step, choices, onEdit }) {
  const field = FIELDS[name];
  const id = uid(name);
  const helpId = help ? `${id}-help` : undefined;
  let input;
  let read;
  let write;
  if (field.kind === 'bool') {
    input = el('input', { type: 'checkbox', id, 'aria-describedby': helpId });
    read = () => input.checked;
    write = (v) => { input.checked = Boolean(v); };
  } else if (field.kind === 'enum' || choices) {
    const list = choices ?? field.values.map((v) => ({ value: v, label: v }));
    input = el('select', { id, 'aria-describedby': helpId }, list.map((c) => el('option', { value: c.value, text: c.label })));
    read = () => input.value;
    write = (v) => { input.value = v; };
  } else {
    input = el('input', {
      type: 'number', id, min: field.min, max: field.max, step: step ?? (field.kind === 'int' ? 1 : 'any'),
      inputmode: 'decimal', 'aria-describedby': helpId,
    });
    read = () => (input.value.trim() === '' ? NaN : Number(input.value));
    write = (v) => { input.value = String(v); };
  }
  input.addEventListener('change', () => onEdit(name, read()));
  // A choice whose longest name would be clipped in a half-width column takes the whole row.
  const wide = input.tagName === 'SELECT' && [...input.options].some((option) => option.text.length > 16);
  const element = el('div', { class: `field field-${field.kind}${wide ? ' field-wide' : ''}`, 'data-control': name },
    field.kind === 'bool' ? [input, el('label', { for: id, text: label })] : [el('label', { for: id, text: label }), input],
    help ? el('span', { id: helpId, class: 'help', text: help }) : null);
  return {
    element,
    name,
    input,
    set(value) {
      if (document.activeElement !== input || field.kind === 'bool' || field.kind === 'enum') write(value);
    },
  };
}

const LOG_STEPS = 100; // slider positions per decade

/**
 * The learning rate: a log-scale slider and a typed value, kept in step.
 * The slider moves over the schema's range; the typed value takes any allowed number.
 */
export function createLogControl(name, { label, help, onEdit }) {
  const field = FIELDS[name];
  const id = uid(name);
  const lo = Math.log10(field.min);
  const hi = Math.log10(field.max);
  const slider = el('input', {
    type: 'range', id: `${id}-slider`, min: 0, max: Math.round((hi - lo) * LOG_STEPS), step: 1,
    'aria-label': `${label} (log scale)`,
  });
  const typed = el('input', { type: 'number', id, min: field.min, max: field.max, step: 'any', inputmode: 'decimal' });
  const toSlider = (v) => Math.round((Math.log10(v) - lo) * LOG_STEPS);
  const fromSlider = (p) => Number((10 ** (lo + p / LOG_STEPS)).toPrecision(3));
  slider.addEventListener('input', () => { typed.value = String(fromSlider(Number(slider.value))); });
  slider.addEventListener('change', () => onEdit(name, fromSlider(Number(slider.value))));
  typed.addEventListener('change', () => onEdit(name, typed.value.trim() === '' ? NaN : Number(typed.value)));
  const element = el('div', { class: 'field field-log', 'data-control': name },
    el('label', { for: id, text: label }), el('div', { class: 'log-pair' }, slider, typed),
    help ? el('span', { class: 'help', text: help }) : null);
  return {
    element,
    name,
    input: typed,
    set(value) {
      if (document.activeElement !== slider) slider.value = String(toSlider(value));
      if (document.activeElement !== typed) typed.value = String(value);
      slider.setAttribute('aria-valuetext', formatValue(value));
    },
  };
}

/** A titled group of controls (a <section> with a heading). */
export function createPanel(container, title, control) {
  const headingId = uid('panel');
  const section = el('section', { class: 'panel', 'aria-labelledby': headingId, 'data-control': control },
    el('h2', { id: headingId, text: title }));
  container.append(section);
  return section;
}
