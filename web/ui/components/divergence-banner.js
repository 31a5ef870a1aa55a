// The divergence banner: training stopped because the loss blew up. It sits
// with the page's notices, above the run bar, so every view shows it — the
// exploding-loss lesson's own view (output + loss) has no diagnostics panel,
// where it used to live — and it costs the dashboard two lines, not five.

import { el, formatValue } from '../dom.js';

/** The banner's words for {step, cause, learningRate}: [what happened, why and what to do]. */
export function divergenceWords({ step, cause, learningRate }) {
  return [
    `Training diverged at step ${step} (${cause || 'non-finite values'}). `,
    `Learning rate ${formatValue(learningRate)} is too large for this network. `
      + 'The weights are back to before the blow-up: lower the rate or set gradient clipping, then press Play (or Reset).',
  ];
}

/** Mounts a hidden banner in container; set(diverged | null) shows or hides it. */
export function createDivergenceBanner(container) {
  const banner = el('div', { class: 'banner banner-diverged', role: 'alert', hidden: true });
  container.append(banner);
  return {
    set(diverged) {
      banner.hidden = !diverged;
      if (!diverged) return;
      const [what, advice] = divergenceWords(diverged);
      if (banner.textContent !== what + advice) banner.replaceChildren(el('strong', { text: what }), advice);
    },
    destroy: () => banner.remove(),
  };
}
