// The replay timeline under the loss chart: a slider over the run's steps
// (keyboard: arrows, Page Up/Down, Home/End), its marks (divergence, restore,
// setting changes, weight edits, forks), a Live button and "Continue from
// here" with an inline confirmation. Plain data in, callbacks out: it knows
// nothing of the worker.

import { el, uid } from '../dom.js';
import { fractionOf, markLabel, stepAfterKey, stepAtFraction, valueText } from '../timeline-scrub.js';

/** The legend's word for each kind of mark. */
const MARK_KEYS = Object.freeze({ diverged: 'diverged', restored: 'restored', changed: 'setting changed', edited: 'weight edited', forked: 'continued' });

/**
 * on: {scrub(step), live(), fork(step)}
 * Returns {element, setTimeline(timeline), setShown(step | null), destroy()}.
 */
export function createTimelineView(container, on) {
  const labelId = uid('timeline');
  const thumb = el('div', { class: 'timeline-thumb' });
  const marksLayer = el('div', { class: 'timeline-marks' });
  const track = el('div', {
    class: 'timeline-track', role: 'slider', tabindex: '0', 'aria-labelledby': labelId,
    'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0', 'aria-valuetext': 'step 0, the present',
  }, el('div', { class: 'timeline-rail' }), marksLayer, thumb);
  const status = el('span', { class: 'timeline-status small', 'aria-live': 'polite' });
  const live = el('button', { type: 'button', 'data-action': 'timeline-live', text: 'Live', title: 'Back to the present (and to training, if it was running)', onClick: () => on.live() });
  const fork = el('button', { type: 'button', 'data-action': 'timeline-fork', text: 'Continue from here', title: 'Train on from the step shown; the later steps are dropped', onClick: askFork });
  const question = el('span', { class: 'timeline-question' });
  const confirmFork = el('button', { type: 'button', class: 'primary', 'data-action': 'timeline-fork-confirm', text: 'Drop them and continue', onClick: doFork });
  const cancelFork = el('button', { type: 'button', 'data-action': 'timeline-fork-cancel', text: 'Cancel', onClick: closeConfirm });
  const confirm = el('div', { class: 'timeline-confirm', role: 'group', 'aria-label': 'Continue from here?', hidden: true }, question, confirmFork, cancelFork);
  const scaleStart = el('span');
  const scaleEnd = el('span');
  const legend = el('span', { class: 'timeline-legend' });
  // Inside the charts section: hide=charts or lock=charts takes it along (no control of its own in locks.js).
  const element = el('div', { class: 'timeline' },
    el('div', { class: 'timeline-head' }, el('span', { id: labelId, class: 'timeline-label', text: 'Replay' }), status, live, fork),
    track,
    el('div', { class: 'timeline-scale small', 'aria-hidden': 'true' }, scaleStart, legend, scaleEnd),
    confirm);
  container.append(element);

  let timeline = { enabled: true, reason: '', steps: [0], marks: [], present: 0 };
  let shown = null; // the step on screen while scrubbing; null: live
  let target = null; // the step last asked for: keys move on from it before its picture arrives
  let asked = null; // the step a pending confirmation is about

  function first() { return timeline.steps[0] ?? 0; }
  // A divergence past the step the core went back to still shows, at its own step.
  function last() { return Math.max(timeline.present, timeline.steps.at(-1) ?? 0, ...timeline.marks.map((mark) => mark.step)); }
  function current() { return target ?? shown ?? timeline.present; }

  function render() {
    const step = current();
    track.setAttribute('aria-valuemin', String(first()));
    track.setAttribute('aria-valuemax', String(last()));
    track.setAttribute('aria-valuenow', String(step));
    track.setAttribute('aria-valuetext', valueText(step, timeline.present, timeline.marks));
    track.setAttribute('aria-disabled', String(!timeline.enabled));
    thumb.style.left = `${(fractionOf(first(), last(), step) * 100).toFixed(3)}%`;
    element.classList.toggle('is-scrubbing', shown !== null);
    live.disabled = shown === null;
    live.setAttribute('aria-pressed', String(shown === null));
    fork.disabled = shown === null || shown === timeline.present;
    if (!timeline.enabled) status.textContent = `Off: ${timeline.reason}`;
    else if (shown === null) status.textContent = `Live · step ${timeline.present.toLocaleString('en')}`;
    else status.textContent = `Showing step ${shown.toLocaleString('en')} of ${timeline.present.toLocaleString('en')} · training paused`;
  }

  function renderMarks() {
    scaleStart.textContent = `step ${first().toLocaleString('en')}`;
    scaleEnd.textContent = last().toLocaleString('en');
    const counts = new Map();
    for (const mark of timeline.marks) if (mark.kind !== 'start') counts.set(mark.kind, (counts.get(mark.kind) ?? 0) + 1);
    legend.replaceChildren(...[...counts].map(([kind, count]) => el('span', { class: 'timeline-key' },
      el('span', { class: `timeline-swatch mark-${kind}` }), `${MARK_KEYS[kind] ?? kind}${count > 1 ? ` ×${count}` : ''}`)));
    marksLayer.replaceChildren(...timeline.marks.filter((mark) => mark.kind !== 'start').map((mark) => el('span', {
      class: `timeline-mark mark-${mark.kind}`, 'data-kind': mark.kind, 'data-step': String(mark.step),
      title: markLabel(mark), style: { left: `${(fractionOf(first(), last(), mark.step) * 100).toFixed(3)}%` },
    })));
  }

  function scrubTo(step) {
    if (step === null || !timeline.enabled) return;
    closeConfirm();
    target = step;
    render();
    on.scrub(step);
  }

  function fractionAt(event) {
    const box = track.getBoundingClientRect();
    return box.width > 0 ? (event.clientX - box.left) / box.width : 1;
  }
  let dragging = false;
  track.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    dragging = true;
    track.setPointerCapture?.(event.pointerId);
    track.focus();
    scrubTo(stepAtFraction(timeline.steps, fractionAt(event)));
  });
  track.addEventListener('pointermove', (event) => {
    if (dragging) scrubTo(stepAtFraction(timeline.steps, fractionAt(event)));
  });
  const stopDrag = () => { dragging = false; };
  track.addEventListener('pointerup', stopDrag);
  track.addEventListener('pointercancel', stopDrag);
  track.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const step = stepAfterKey(timeline.steps, current(), event.key);
    if (step === null) return;
    event.preventDefault();
    event.stopPropagation(); // the page's shortcuts (Space, s, r) are not the slider's keys, but arrows are ours
    scrubTo(step);
  });

  function askFork() {
    if (shown === null) return;
    asked = shown;
    const later = timeline.present - shown;
    question.textContent = `Continue from step ${shown.toLocaleString('en')}? The ${later.toLocaleString('en')} later steps and their loss history are dropped.`;
    confirm.hidden = false;
    confirmFork.focus();
  }
  function closeConfirm() {
    asked = null;
    confirm.hidden = true;
  }
  function doFork() {
    const step = asked;
    closeConfirm();
    if (step !== null) on.fork(step);
  }

  render();
  return {
    element,
    /** The worker's timeline reply: {enabled, reason, steps, marks, present}. */
    setTimeline(next) {
      timeline = { ...next, steps: next.steps.length ? next.steps : [next.present] };
      renderMarks();
      render();
    },
    /** The step on screen while scrubbing, or null when live. */
    setShown(step) {
      shown = step;
      if (step === null) {
        target = null;
        closeConfirm();
      }
      render();
    },
    destroy() {
      element.remove();
    },
  };
}
