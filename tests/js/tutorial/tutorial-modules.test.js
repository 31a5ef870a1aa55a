// The tutorial's pure modules: every action of sections.js is accepted by the
// playground's own patch rules on its lesson's state and changes it;
// actions.js calls the public API in order and reports refusals;
// scroll-steps.js picks the step that entered the middle band.
import { readFileSync } from 'node:fs';
import { SECTIONS, SCROLL_STEPS } from '../../../web/tutorial/sections.js';
import { runAction, actionReport, patchApplied } from '../../../web/tutorial/actions.js';
import { pickStep, observeSteps, STEP_BAND_MARGIN } from '../../../web/tutorial/scroll-steps.js';
import { PRESETS } from '../../../web/shared/presets.js';
import { parseQuery } from '../../../web/ui/state.js';
import { readPatch, applyPatch } from '../../../web/ui/store.js';

const html = readFileSync(new URL('../../../web/tutorial/index.html', import.meta.url), 'utf8');

/** Applies `patch` to `state` as the widget's setState does: {state} or {error}. */
function applied(state, patch) {
  const read = readPatch(patch, PRESETS);
  return read.error ? { error: read.error } : applyPatch(state, read);
}

describe('sections.js', () => {
  test('one section per lesson, each a preset, in the order of index.html', () => {
    expect(SECTIONS).toHaveLength(9);
    for (const { lesson } of SECTIONS) expect(PRESETS.map((p) => p.id)).toContain(lesson);
    const inPage = [...html.matchAll(/<relu-playground config="lesson=([\w-]+)[^"]*" data-section="([\w-]+)"/g)].map((m) => [m[2], m[1]]);
    expect(inPage).toEqual(SECTIONS.map((s) => [s.id, s.lesson]));
  });

  test('each section offers one to three actions, counting the scroll steps as the dead-units section\'s', () => {
    for (const section of SECTIONS) {
      const count = section.id === SCROLL_STEPS.section ? SCROLL_STEPS.steps.length : section.actions.length;
      expect({ id: section.id, ok: count >= 1 && count <= (section.id === SCROLL_STEPS.section ? 4 : 3) }).toEqual({ id: section.id, ok: true });
    }
  });

  test('every action, clicked in order from its lesson, is accepted and changes the state', () => {
    for (const section of SECTIONS) {
      const actions = section.id === SCROLL_STEPS.section ? SCROLL_STEPS.steps : section.actions;
      let { state } = parseQuery(`lesson=${section.lesson}`, PRESETS);
      for (const action of actions) {
        expect({ label: action.label, before: patchApplied(state.config, action.patch) }).toEqual({ label: action.label, before: false });
        const result = applied(state, action.patch);
        expect({ label: action.label, error: result.error?.message }).toEqual({ label: action.label, error: undefined });
        expect(patchApplied(result.state.config, action.patch)).toBe(true);
        state = result.state;
      }
    }
  });

  test('the scroll steps match the [data-step] paragraphs of index.html', () => {
    const section = html.slice(html.indexOf(`id="${SCROLL_STEPS.section}"`));
    const indices = [...section.slice(0, section.indexOf('</section>')).matchAll(/data-step="(\d+)"/g)].map((m) => Number(m[1]));
    expect(indices).toEqual(SCROLL_STEPS.steps.map((_, i) => i));
  });
});

describe('actions.js', () => {
  function fakeWidget({ refuse = null } = {}) {
    const calls = [];
    return {
      calls,
      setState: async (patch) => {
        calls.push(['setState', patch]);
        if (refuse) throw Object.assign(new Error(`${refuse}: locked`), { field: refuse });
      },
      play: async () => { calls.push(['play']); },
      getState: () => ({ config: {} }),
    };
  }

  test('setState, then play only when asked', async () => {
    const widget = fakeWidget();
    await runAction(widget, { patch: { learningRate: 1 }, play: true });
    await runAction(widget, { patch: { init: 'he-normal' } });
    expect(widget.calls).toEqual([['setState', { learningRate: 1 }], ['play'], ['setState', { init: 'he-normal' }]]);
  });

  test('a refused patch rejects with the widget\'s error and does not play; the report names the field', async () => {
    const widget = fakeWidget({ refuse: 'learningRate' });
    const error = await runAction(widget, { patch: { learningRate: 1 }, play: true }).catch((e) => e);
    expect(error.field).toBe('learningRate');
    expect(widget.calls).toEqual([['setState', { learningRate: 1 }]]);
    expect(actionReport('Raise the rate', error)).toBe('Could not apply “Raise the rate” (learningRate): learningRate: locked');
    expect(actionReport('Raise the rate')).toBe('Done: Raise the rate.');
  });

  test('patchApplied: one activation name stands for every layer; lists compare item by item', () => {
    expect(patchApplied({ activation: ['relu', 'relu'] }, { activation: 'relu' })).toBe(true);
    expect(patchApplied({ activation: ['relu', 'tanh'] }, { activation: 'relu' })).toBe(false);
    expect(patchApplied({ hidden: [8, 8] }, { hidden: [8, 8] })).toBe(true);
    expect(patchApplied({ hidden: [8, 8] }, { hidden: [8] })).toBe(false);
    expect(patchApplied({ learningRate: 0.1 }, { learningRate: 1 })).toBe(false);
  });
});

describe('scroll-steps.js', () => {
  test('pickStep: the lowest step that entered; unchanged when none entered', () => {
    expect(pickStep([{ index: 1, isIntersecting: true }, { index: 2, isIntersecting: true }], 0)).toBe(2);
    expect(pickStep([{ index: 1, isIntersecting: false }], 3)).toBe(3);
    expect(pickStep([], -1)).toBe(-1);
  });

  test('observeSteps: calls back once per change of step, with the middle band as margin', () => {
    let instance;
    class FakeObserver {
      constructor(callback, options) { instance = this; this.callback = callback; this.options = options; this.targets = []; }
      observe(target) { this.targets.push(target); }
      disconnect() { this.disconnected = true; }
    }
    const elements = [{}, {}, {}];
    const seen = [];
    const stop = observeSteps(elements, (i) => seen.push(i), { Observer: FakeObserver });
    expect(instance.options.rootMargin).toBe(STEP_BAND_MARGIN);
    expect(instance.targets).toEqual(elements);
    instance.callback([{ target: elements[0], isIntersecting: true }]);
    instance.callback([{ target: elements[0], isIntersecting: false }]);
    instance.callback([{ target: elements[1], isIntersecting: true }]);
    instance.callback([{ target: elements[1], isIntersecting: true }]);
    expect(seen).toEqual([0, 1]);
    stop();
    expect(instance.disconnected).toBe(true);
  });
});

describe('index.html', () => {
  test('every figure the tutorial states in bold is one docs/LESSONS.md or its tables report', () => {
    const docs = [readFileSync(new URL('../../../docs/LESSONS.md', import.meta.url), 'utf8')];
    for (const name of ['01-nonlinearity', '02-sparsity', '03-vanishing-gradients', '04-init-depth', '05-dead-relus', '06-born-dead', '07-exploding', '08-prelu', '09-cost']) {
      docs.push(readFileSync(new URL(`../../../docs/lessons/${name}.md`, import.meta.url), 'utf8'));
    }
    const source = docs.join('\n').replace(/−/g, '-');
    const asides = [...html.matchAll(/<aside class="measured"[\s\S]*?<\/aside>/g)].map((m) => m[0]);
    expect(asides).toHaveLength(9);
    const figures = asides.flatMap((aside) => [...aside.matchAll(/<strong>([\s\S]*?)<\/strong>/g)].map((m) => m[1]));
    expect(figures.length).toBeGreaterThan(20);
    for (const figure of figures) {
      // "10<sup>−6.6</sup>" is written 10^-6.6 in the docs; each number of the figure must appear there.
      const numbers = figure.replace(/<sup>/g, '^').replace(/<\/sup>/g, '').replace(/−/g, '-').match(/-?\d+(\.\d+)?/g);
      for (const number of numbers) expect({ figure, number, inDocs: source.includes(number) }).toEqual({ figure, number, inDocs: true });
    }
  });
});
