// The question a large network asks before it is built: its estimated
// parameters, memory and time per step (web/shared/cost.js), and two
// buttons. Until the user answers, the page allocates nothing for it.
// Knows nothing of the worker: ask() resolves with the answer.

import { el, uid } from '../dom.js';
import { MIN_GRID } from '../network-layout.js';
import {
  ASSUMED_FLOPS_PER_SECOND, MAX_MODEL_BYTES, UNBUILT_BYTES, UNBUILT_STEP_FLOPS, estimatedStepSeconds,
} from '../../shared/cost.js';

const MIB = 1024 * 1024;
// The smallest output picture the page draws (gridPlan's floor).
const MIN_PICTURE_PIXELS = MIN_GRID * MIN_GRID;

// MiB throughout: GiB to two decimals would print 1,531 MiB and the 1,536 MiB limit alike.
function formatBytes(bytes) {
  return `${Math.ceil(bytes / MIB).toLocaleString('en')} MiB`;
}

function formatSeconds(seconds) {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return `${Math.round(seconds / 60)} min`;
}

function formatFlops(flops) {
  const units = [[1e12, 'TFLOP'], [1e9, 'GFLOP'], [1e6, 'MFLOP']];
  for (const [size, name] of units) if (flops >= size) return `${(flops / size).toFixed(flops / size < 10 ? 1 : 0)} ${name}`;
  return `${Math.round(flops).toLocaleString('en')} FLOP`;
}

/** The estimate as the rows the panel shows: [label, value]. */
export function costRows(cost) {
  return [
    ['Parameters', Math.round(cost.paramCount).toLocaleString('en')],
    ['Memory', `${formatBytes(cost.bytes)} (the limit is ${formatBytes(MAX_MODEL_BYTES)})`],
    ['Work per step', `${formatFlops(cost.stepFlops)} (batch of ${cost.batchSize.toLocaleString('en')})`],
    ['Time per step', `about ${formatSeconds(estimatedStepSeconds(cost))}`],
  ];
}

export function createCostGate(container) {
  const titleId = uid('cost');
  const title = el('h2', { id: titleId, text: '' });
  const figures = el('dl', { class: 'cost-figures' });
  const note = el('p', { class: 'small', text: '' });
  const confirm = el('button', { type: 'button', class: 'primary', 'data-action': 'build', text: '' });
  const cancel = el('button', { type: 'button', 'data-action': 'cancel', text: '' });
  const panel = el('section', { class: 'cost-gate', role: 'alertdialog', 'aria-labelledby': titleId, hidden: true },
    title, figures, note, el('div', { class: 'button-row' }, confirm, cancel));
  container.append(panel);
  let settle = null;

  function answer(value) {
    const done = settle;
    settle = null;
    panel.hidden = true;
    done?.(value);
  }
  confirm.addEventListener('click', () => answer(true));
  cancel.addEventListener('click', () => answer(false));

  return {
    /**
     * Shows the estimate and asks. Resolves true (build), false (don't), or
     * null when another ask() or close() replaced the question.
     * options: {subject, confirmLabel, cancelLabel}
     */
    ask(cost, { subject = 'This network', confirmLabel = 'Build this network', cancelLabel = 'Keep the current network' } = {}) {
      answer(null);
      title.textContent = `${subject} is large: it is not built yet`;
      figures.replaceChildren(...costRows(cost).flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })]));
      const picture = (MIN_PICTURE_PIXELS * cost.forwardFlopsPerSample) / ASSUMED_FLOPS_PER_SECOND;
      note.textContent = `The page asks before building a network that needs more than ${formatBytes(UNBUILT_BYTES)} or ${formatFlops(UNBUILT_STEP_FLOPS)} a step. ` +
        'Nothing has been allocated yet. Building it takes this memory from the tab. Training runs in short pieces, so Pause answers within a frame' +
        (picture >= 0.1 ? `, but each picture of the network takes about ${formatSeconds(picture)} to compute and the page will lag that much.` : '.');
      confirm.textContent = confirmLabel;
      cancel.textContent = cancelLabel;
      panel.hidden = false;
      return new Promise((resolve) => { settle = resolve; });
    },
    /** Withdraws the question (resolving it with null). */
    close() {
      answer(null);
    },
    get open() {
      return !panel.hidden;
    },
  };
}
