// docs/EMBEDDING.md's table of the newer link flags is tied to the code: each
// row's link example is read by the page without a notice and sets what the
// row says, and every getState() field the table names is one the page reports.
import { readFileSync } from 'node:fs';
import { parseQuery } from '../../../web/ui/state.js';
import { PRESETS } from '../../../web/shared/presets.js';

const doc = readFileSync(new URL('../../../docs/EMBEDDING.md', import.meta.url), 'utf8');
const section = doc.split('### Newer link flags and state fields, and since when')[1]?.split('\n#')[0] ?? '';
const rows = section.split('\n').filter((line) => /^\| `/.test(line)).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

// What each link example must set in the parsed state.
const EXPECTED = {
  collapse: (state) => expect(state.ui.collapse).toEqual(['network', 'diagnostics']),
  regions: (state) => expect(state.ui.regions).toBe(true),
  'b.<field>': (state) => expect(state.compare).toEqual({ learningRate: 0.3 }),
  compare: (state) => expect(state.compare).toEqual({}),
  'dataset=digits': (state) => expect(state.config).toMatchObject({ dataset: 'digits', problem: 'multiclass' }),
};
// The top-level getState() fields (controller.js publicState, public-api.js for compare).
const STATE_FIELDS = ['config', 'ui', 'lesson', 'playing', 'progress', 'metrics', 'regions', 'timeline', 'compare'];

test('the table lists every newer flag, each with a version', () => {
  expect(rows.map(([name]) => name.replace(/`/g, ''))).toEqual(['collapse', 'regions', 'b.<field>', 'compare', 'timeline', 'dataset=digits']);
  for (const row of rows) expect(row[3]).toMatch(/^\d+\.\d+\.\d+ \(issue #\d+/);
});

test.each(Object.keys(EXPECTED))('the link example of %s is read without a notice and sets it', (name) => {
  const row = rows.find(([cell]) => cell.replace(/`/g, '') === name);
  const link = row[1].match(/^`([^`]+)`/)[1];
  const parsed = parseQuery(link, PRESETS);
  expect(parsed.notices).toEqual([]);
  EXPECTED[name](parsed.state);
});

test('each getState() field the table names is one the page reports', () => {
  for (const [, , reported] of rows) {
    for (const [, path] of reported.matchAll(/`([\w.]+)/g)) expect(STATE_FIELDS).toContain(path.split('.')[0]);
  }
});
