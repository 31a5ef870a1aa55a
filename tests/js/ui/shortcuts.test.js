// The shortcut list and which key events it answers (the handler and the help
// dialog are driven in tests/e2e/health.test.js).
import { SHORTCUTS, shortcutFor } from '../../../web/ui/shortcuts.js';

const key = (k, fields = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, repeat: false, defaultPrevented: false, target: { tagName: 'BODY' }, ...fields });

test('one entry per key, each with a description for the help dialog', () => {
  expect(SHORTCUTS.map((s) => s.action)).toEqual(['togglePlay', 'step', 'reset', 'toggleCompare', 'help']);
  expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  for (const s of SHORTCUTS) expect(s.description.length).toBeGreaterThan(5);
});

test('space, s, r, c and ? map to their actions; S with shift too', () => {
  expect(shortcutFor(key('c')).action).toBe('toggleCompare');
  expect(shortcutFor(key('C')).action).toBe('toggleCompare');
  expect(shortcutFor(key('c', { repeat: true }))).toBeNull(); // a held c does not flicker B on and off
  expect(shortcutFor(key(' ')).action).toBe('togglePlay');
  expect(shortcutFor(key('s')).action).toBe('step');
  expect(shortcutFor(key('S')).action).toBe('step');
  expect(shortcutFor(key('r')).action).toBe('reset');
  expect(shortcutFor(key('?')).action).toBe('help');
  expect(shortcutFor(key('x'))).toBeNull();
});

test('never while typing, with a modifier, or once handled', () => {
  for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) {
    expect(shortcutFor(key('s', { target: { tagName } }))).toBeNull();
    expect(shortcutFor(key('c', { target: { tagName } }))).toBeNull();
  }
  expect(shortcutFor(key('s', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull(); // reload stays the browser's
  expect(shortcutFor(key('r', { metaKey: true }))).toBeNull();
  expect(shortcutFor(key('s', { defaultPrevented: true }))).toBeNull();
});

test('space on a button is the button\'s; a held key repeats only the step', () => {
  expect(shortcutFor(key(' ', { target: { tagName: 'BUTTON' } }))).toBeNull();
  expect(shortcutFor(key('s', { target: { tagName: 'BUTTON' } })).action).toBe('step');
  expect(shortcutFor(key(' ', { repeat: true }))).toBeNull();
  expect(shortcutFor(key('s', { repeat: true })).action).toBe('step');
});

test('inside a shadow root the focused element is the path\'s first', () => {
  const event = key('s', { target: { tagName: 'RELU-PLAYGROUND' }, composedPath: () => [{ tagName: 'INPUT' }] });
  expect(shortcutFor(event)).toBeNull();
});
