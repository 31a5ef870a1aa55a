// A "try this" action applied to a <relu-playground> through its public API
// (docs/EMBEDDING.md): setState(patch), then play() when the action asks for
// it. No DOM of its own, so tests/js/tutorial/actions.test.js can drive it
// with a stand-in widget.

/**
 * Applies `action` ({patch, play?}) to `widget`; resolves with the widget's
 * state afterwards. A refusal rejects with the widget's own Error (its
 * `field` names the culprit) and leaves the widget as it was: setState is
 * all or nothing, and play() is not called after a refused patch.
 */
export async function runAction(widget, { patch, play = false }) {
  await widget.setState(patch);
  if (play) await widget.play();
  return widget.getState();
}

/** The sentence a screen reader hears after an action: what was done, or why it was refused. */
export function actionReport(label, error = null) {
  if (!error) return `Done: ${label}.`;
  const field = error.field ? ` (${error.field})` : '';
  return `Could not apply “${label}”${field}: ${error.message}`;
}

/** True when every field of `patch` has that value in `config` (lists compared item by item). */
export function patchApplied(config, patch) {
  return Object.entries(patch).every(([name, value]) => sameValue(config?.[name], value));
}

function sameValue(actual, expected) {
  if (Array.isArray(expected)) {
    // A single activation name stands for "every layer": the config keeps one per layer.
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => sameValue(actual[i], item));
  }
  if (Array.isArray(actual)) return actual.length > 0 && actual.every((item) => sameValue(item, expected));
  return Object.is(actual, expected);
}
