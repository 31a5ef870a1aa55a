// The "Embed this" snippets (web/ui/embed-snippet.js): what a tutorial author
// pastes must open the same state. Each snippet is read back as a browser
// reads HTML attributes, and its link with the page's own parser.
import fc from 'fast-check';
import { embedSnippets, escapeAttribute, EMBED_SIZES, FRAME_PIXELS } from '../../../web/ui/embed-snippet.js';
import { parseQuery, defaultState, withPreset, withConfig, PANEL_CONTROLS, isControlName, decodeFlag } from '../../../web/ui/state.js';
import { FIELD_NAMES } from '../../../web/shared/schema.js';
import { PRESETS } from '../../../web/shared/presets.js';
import { VIEW_FLAG_VALUES, THEME_FLAG_VALUES } from '../../../web/ui/view-layouts.js';

const BASE = 'https://playground.example/relu/index.html?old=1#hidden=3';
const CONTROLS = [...PANEL_CONTROLS, ...FIELD_NAMES];

/** The tags of an HTML snippet as a browser reads them: [{tag, attributes: {name: decoded value}}]. */
function readTags(html) {
  const decode = (text) => text.replace(/&(quot|#39|lt|gt|amp);/g, (_, name) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[name]);
  const tags = [];
  for (const [, tag, body] of html.matchAll(/<([a-z-]+)((?:\s+[a-z-]+="[^"]*")*)\s*>/g)) {
    const attributes = {};
    for (const [, name, value] of body.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      expect(Object.hasOwn(attributes, name)).toBe(false); // no attribute twice
      attributes[name] = decode(value);
    }
    tags.push({ tag, attributes });
  }
  return tags;
}

/** Every `<` of a snippet opens or closes one of its own tags: no value leaks markup. */
function expectOnlyTags(html, names) {
  const opened = [...html.matchAll(/<\/?([a-z-]+)/g)].map((m) => m[1]);
  expect(new Set(opened)).toEqual(new Set(names));
  expect(html.split('<').length - 1).toBe(names.length * 2);
}

const sorted = (list) => [...list].sort();

/** A lesson's state with a learning rate of its own and custom hidden layers, as a reader leaves it. */
function editedLesson(id = 'dead-relu-high-lr') {
  const preset = PRESETS.find((p) => p.id === id);
  let state = withPreset(defaultState(), preset);
  state = withConfig(state, { learningRate: 0.7, hidden: [5, 3], activation: 'relu' }).state;
  return state;
}

describe('embedSnippets', () => {
  test('the iframe opens the same state: config, hide, lock, view, theme, autoplay, origins', () => {
    const state = editedLesson();
    const { iframe, query, src, errors } = embedSnippets(state, {
      baseUrl: BASE, hide: ['exports'], lock: ['learningRate'], view: 'boundary+loss', theme: 'dark',
      origins: 'https://tutorial.example, http://127.0.0.1:8080', autoplay: false,
    });
    expect(errors).toEqual([]);
    const [frame] = readTags(iframe);
    expect(frame.tag).toBe('iframe');
    expect(frame.attributes.src).toBe(src);
    expect(src).toBe(`https://playground.example/relu/index.html#${query}`);
    const read = parseQuery(new URL(src).hash, PRESETS);
    expect(read.notices).toEqual([]);
    expect(read.state.config).toEqual(state.config);
    expect(read.state.ui).toMatchObject({
      lesson: 'dead-relu-high-lr', view: 'boundary+loss', theme: 'dark', autoplay: false, embed: true,
      origins: ['https://tutorial.example', 'http://127.0.0.1:8080'],
    });
    expect(read.state.ui.hide).toEqual(['exports']);
    expect(read.state.ui.lock).toEqual(['learningRate']);
    expect(frame.attributes).toMatchObject({ title: 'ReLU Playground: Dead ReLUs at a high learning rate', width: '640', height: '480', loading: 'lazy' });
  });

  test('the element opens the same state from its config, view and theme attributes, and loads its script from beside the page', () => {
    const state = editedLesson();
    const { element, elementConfig, scriptUrl } = embedSnippets(state, {
      baseUrl: BASE, hide: ['exports'], lock: ['learningRate'], view: 'boundary+loss', theme: 'dark', origins: 'https://tutorial.example',
    });
    expectOnlyTags(element, ['script', 'relu-playground']);
    const [script, widget] = readTags(element);
    expect(script).toEqual({ tag: 'script', attributes: { type: 'module', src: 'https://playground.example/relu/embed/relu-playground.js' } });
    expect(scriptUrl).toBe(script.attributes.src);
    expect(widget.attributes.config).toBe(elementConfig);
    const read = parseQuery(widget.attributes.config, PRESETS);
    expect(read.notices).toEqual([]);
    expect(read.state.config).toEqual(state.config);
    expect(read.state.ui).toMatchObject({ hide: ['exports'], lock: ['learningRate'], view: 'auto', theme: 'auto', origins: [] });
    // view and theme are attributes of their own, read as the element reads them.
    expect(decodeFlag('view', widget.attributes.view)).toEqual({ value: 'boundary+loss' });
    expect(decodeFlag('theme', widget.attributes.theme)).toEqual({ value: 'dark' });
  });

  test('auto view and theme leave the attributes out; the lesson\'s own locks stay implied by lesson=', () => {
    const preset = PRESETS.find((p) => p.ui?.lock?.length);
    const state = withPreset(defaultState(), preset);
    const { element, query } = embedSnippets(state, { baseUrl: BASE, view: 'auto', theme: 'auto', lock: ['run'] });
    const [, widget] = readTags(element);
    expect(Object.keys(widget.attributes)).toEqual(['config']);
    const params = new URLSearchParams(query);
    expect(params.get('lock')).toBe('run'); // the lesson's own are not repeated
    const read = parseQuery(query, PRESETS);
    expect(sorted(read.state.ui.lock)).toEqual(sorted([...preset.ui.lock, 'run']));
  });

  test('quotes, <, > and & in a value are escaped in every attribute', () => {
    expect(escapeAttribute('a"b\'c<d>e&f')).toBe('a&quot;b&#39;c&lt;d&gt;e&amp;f');
    const presets = [{ id: 'q', title: 'Say "hi" <b>&\' bye', summary: '', config: { dataset: 'xor' } }];
    const state = withPreset(defaultState(), presets[0]);
    const { iframe, element } = embedSnippets(state, { baseUrl: 'https://x.example/a"b<c>/index.html', presets });
    expectOnlyTags(iframe, ['iframe']);
    expectOnlyTags(element, ['script', 'relu-playground']);
    const [frame] = readTags(iframe);
    expect(frame.attributes.title).toBe('ReLU Playground: Say "hi" <b>&\' bye');
    // The address as URL writes it (quotes and brackets percent-encoded), & of the query as &amp; in the HTML.
    expect(frame.attributes.src).toMatch(/^https:\/\/x\.example\/a%22b%3Cc%3E\/index\.html#lesson=q&/);
    expect(iframe).toContain('&amp;');
    expect(iframe).not.toMatch(/&(?!amp;|quot;|#39;|lt;|gt;)/);
  });

  test('no parameter appears twice in a snippet\'s link, and hide and lock hold controls only, each once', () => {
    const state = editedLesson();
    const { query, elementConfig, errors } = embedSnippets(state, {
      baseUrl: BASE, hide: ['data', 'data', 'nonsense', 'exports'], lock: ['hidden', '__proto__', 'hidden'],
    });
    expect(errors).toEqual([
      'hide: "nonsense" is not a control that can be hidden or locked; left out',
      'lock: "__proto__" is not a control that can be hidden or locked; left out',
    ]);
    for (const link of [query, elementConfig]) {
      const keys = [...new URLSearchParams(link).keys()];
      expect(keys).toEqual([...new Set(keys)]);
      for (const kind of ['hide', 'lock']) {
        const list = new URLSearchParams(link).get(kind)?.split(',') ?? [];
        expect(list).toEqual([...new Set(list)]);
        for (const name of list) expect(isControlName(name)).toBe(true);
      }
    }
    expect(new URLSearchParams(query).get('hide')).toBe('data,exports');
  });

  test('the addresses are absolute whatever the page\'s address: a file or a folder, with a query and a fragment', () => {
    for (const [base, page] of [
      ['https://h.example/a/b/index.html?x=1#lesson=y', 'https://h.example/a/b/index.html'],
      ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173/'],
      ['https://h.example/pg/#hidden=3', 'https://h.example/pg/'],
    ]) {
      const { src, scriptUrl } = embedSnippets(defaultState(), { baseUrl: base });
      expect(src.startsWith(`${page}#`)).toBe(true);
      expect(new URL(scriptUrl).href).toBe(scriptUrl);
      expect(scriptUrl).toBe(new URL('embed/relu-playground.js', page).href);
    }
    for (const bad of ['index.html', '/pg/', 'javascript:alert(1)', 'data:text/html,x', undefined]) {
      expect(() => embedSnippets(defaultState(), { baseUrl: bad })).toThrow(/^baseUrl: .* is not an absolute http\(s\) address/);
    }
  });

  test('origins are checked as the page checks its link: a bad entry is named and left out, the rest kept', () => {
    const { query, errors } = embedSnippets(defaultState(), { baseUrl: BASE, origins: 'https://ok.example, https://bad.example/path, *' });
    expect(errors).toEqual([expect.stringMatching(/^origins: "https:\/\/bad\.example\/path" is not an origin/)]);
    expect(new URLSearchParams(query).get('origins')).toBe('https://ok.example,*');
    expect(new URLSearchParams(embedSnippets(defaultState(), { baseUrl: BASE, origins: ['https://a.example'] }).query).get('origins')).toBe('https://a.example');
  });

  test('a bad size, view or theme is named with what it allows and the default is used', () => {
    const { iframe, errors } = embedSnippets(defaultState(), { baseUrl: BASE, width: '12', height: '50%', view: 'sideways', theme: 'blue' });
    expect(errors).toEqual([
      'view: "sideways" is not one of ' + VIEW_FLAG_VALUES.join(', '),
      'theme: "blue" is not one of ' + THEME_FLAG_VALUES.join(', '),
      `width: "12" is not a frame size; give whole pixels from ${FRAME_PIXELS.min} to ${FRAME_PIXELS.max} or a percentage from 10% to 100%`,
      `height: "50%" is not a frame size; give whole pixels from ${FRAME_PIXELS.min} to ${FRAME_PIXELS.max}`,
    ]);
    expect(readTags(iframe)[0].attributes).toMatchObject({ width: EMBED_SIZES[0].width, height: EMBED_SIZES[0].height });
    for (const size of EMBED_SIZES) {
      const { errors: none, iframe: sized } = embedSnippets(defaultState(), { baseUrl: BASE, width: size.width, height: size.height });
      expect(none).toEqual([]);
      expect(readTags(sized)[0].attributes).toMatchObject({ width: size.width, height: size.height });
    }
  });

  test('without options the snippets keep the state\'s own flags and the embedder\'s controls, not the lesson\'s', () => {
    const read = parseQuery('lesson=dead-relu-high-lr&learningRate=0.5&hide=exports&lock=run&theme=dark&autoplay=false', PRESETS);
    const { query } = embedSnippets(read.state, { baseUrl: BASE });
    const again = parseQuery(query, PRESETS).state;
    expect(again.config).toEqual(read.state.config);
    expect(again.ui).toMatchObject({ hide: read.state.ui.hide, lock: read.state.ui.lock, theme: 'dark', autoplay: false, embed: true });
  });

  test('property: any lesson, hide and lock choice, view, theme and autoplay round-trip through both snippets', () => {
    const lessonIds = [null, ...PRESETS.map((p) => p.id)];
    fc.assert(fc.property(
      fc.constantFrom(...lessonIds), fc.subarray(CONTROLS), fc.subarray(CONTROLS),
      fc.constantFrom(...VIEW_FLAG_VALUES), fc.constantFrom(...THEME_FLAG_VALUES), fc.boolean(),
      fc.double({ min: 1e-4, max: 10, noNaN: true }),
      (lesson, hide, lock, view, theme, autoplay, learningRate) => {
        const preset = PRESETS.find((p) => p.id === lesson);
        let state = preset ? withPreset(defaultState(), preset) : defaultState();
        state = withConfig(state, { learningRate: Math.fround(learningRate) }).state;
        const { query, element, errors } = embedSnippets(state, { baseUrl: BASE, hide, lock, view, theme, autoplay });
        expect(errors).toEqual([]);
        const own = (kind) => preset?.ui?.[kind] ?? [];
        for (const link of [query, readTags(element)[1].attributes.config]) {
          const read = parseQuery(link, PRESETS);
          expect(read.notices).toEqual([]);
          expect(read.state.config).toEqual(state.config);
          expect(sorted(read.state.ui.hide)).toEqual(sorted(new Set([...own('hide'), ...hide])));
          expect(sorted(read.state.ui.lock)).toEqual(sorted(new Set([...own('lock'), ...lock])));
          expect(read.state.ui.autoplay).toBe(autoplay);
        }
        expect(parseQuery(query, PRESETS).state.ui).toMatchObject({ view, theme });
      },
    ), { seed: 20261203, numRuns: 150 });
  });
});
