// The public API (docs/EMBEDDING.md, web/embed/index.d.ts) over the training
// controller: the same methods for the mountPlayground() handle and the
// <relu-playground> element. Input is checked as a link's is (own
// properties, the schema's ranges and float32 rules), the embedder's locks
// hold, and every refusal rejects with an Error whose .field names the culprit.

import { lockingControl, lockedMessage } from './state.js';
import { readPatch, applyPatch, reduce, fieldError } from './store.js';
import { applyCompareEntries, splitComparePatch } from './compare-link.js';
import { decodeField } from './state.js';

export const API_EVENTS = Object.freeze(['ready', 'progress', 'diverged', 'statechange', 'error', 'resize']);

/**
 * {getState, setState, play, pause, step, reset, loadLesson, on} for `controller` (controller.js).
 * compare: run B (compare-run.js), whose publicState() is getState().compare while B exists.
 */
export function createPublicApi(controller, presets, compare = null) {
  /** Rejects unless the control the call stands for is free: the embedder's locks hold for every door. */
  function unlocked(name) {
    const control = lockingControl(controller.state.ui.lock, name);
    return control ? Promise.reject(fieldError(lockedMessage({ control, field: name }), control)) : null;
  }

  // The controller's moves resolve with their failure: here it becomes a rejection.
  async function settled(promise, value = () => undefined) {
    const result = await promise;
    if (result instanceof Error) throw result;
    return value(result);
  }

  function getState() {
    const state = controller.getState();
    const b = compare?.publicState();
    return b ? { ...state, compare: b } : state;
  }

  return {
    getState,
    /**
     * Some config fields and view flags (an object or a query string), all or none; resolves with the state.
     * b.<field> keys change run B, after A's fields; compare: true opens B as a copy of A, false ends it.
     */
    async setState(patch) {
      const { rest, entries } = splitComparePatch(patch);
      const read = readPatch(rest, presets);
      if (read.error) throw read.error;
      const applied = applyPatch(controller.state, read);
      if (applied.error) throw applied.error;
      const withB = applyCompareEntries(applied.state, entries, decodeField);
      if (withB.error) throw fieldError(withB.error.message, withB.error.field);
      return settled(controller.commit(withB.state), getState);
    },
    play: () => unlocked('run') ?? settled(controller.play()),
    pause: () => unlocked('run') ?? settled(controller.pause()),
    /** {steps} or {epochs}: trains now; resolves with the progress. */
    step(amount = { steps: 1 }) {
      const { steps, epochs } = amount ?? {};
      if ((steps === undefined) === (epochs === undefined)) return Promise.reject(fieldError('step: give {steps} or {epochs}, one of them', 'steps'));
      return unlocked('run') ?? settled(controller.step(steps === undefined ? { epochs } : { steps }), (progress) => progress);
    },
    reset: () => unlocked('run') ?? settled(controller.reset()),
    async loadLesson(id) {
      const preset = typeof id === 'string' ? presets.find((p) => p.id === id) : null;
      if (!preset) throw fieldError(`lesson: no lesson called ${JSON.stringify(id)}`, 'lesson');
      const result = reduce(controller.state, { type: 'lesson', preset });
      if (result.locked) throw fieldError(lockedMessage(result.locked), result.locked.field);
      return settled(controller.commit(result.state), getState);
    },
    /** on(type, listener) -> off(), for the API_EVENTS. */
    on(type, listener) {
      if (!API_EVENTS.includes(type)) throw new TypeError(`on: unknown event ${JSON.stringify(type)}; the events are ${API_EVENTS.join(', ')}`);
      return controller.events.on(type, listener);
    },
  };
}
