// scripts/gen-config.mjs: every copy of the config field list is written from
// web/shared/config-fields.js, and a stale copy is named with the command that
// rewrites it.
import * as declared from '../../../web/shared/config-fields.js';
import { REGENERATE, generate, staleFiles } from '../../../scripts/gen-config.mjs';

/** The declared list with one field changed (a copy: the module itself is frozen). */
function withField(name, change) {
  return { ...declared, FIELDS: { ...declared.FIELDS, [name]: { ...declared.FIELDS[name], ...change } } };
}

test('the checked-in generated files are what the field list makes', () => {
  const stale = staleFiles();
  // The message a developer sees: which file, and the command that rewrites it.
  expect(stale.map((path) => `${path} is stale: run ${REGENERATE}`)).toEqual([]);
});

test('a changed range reaches the C++ table, the C++ struct comment, the .d.ts and the docs', () => {
  const files = generate(withField('noise', { max: 40 }));
  const text = Object.fromEntries(files.map(({ path, text: body }) => [path, body]));
  expect(text['cpp/model/config/config_fields.inc']).toContain('Number("noise", &Config::noise, 0.0, 40.0, kRebuild)');
  expect(text['cpp/model/config/config_generated.h']).toContain('float noise = 0.0f;  // [0, 40]');
  expect(text['web/api/index.d.ts']).toMatch(/Default `0`; allowed \[0, 40\]\. \*\/\n {2}noise: number;/);
  expect(text['docs/CONFIG.md']).toContain('| `noise` | number | `0` | [0, 40] | no |');
  expect(staleFiles(withField('noise', { max: 40 })).sort()).toEqual([
    'cpp/model/config/config_fields.inc', 'cpp/model/config/config_generated.h', 'docs/CONFIG.md', 'web/api/index.d.ts',
  ]);
});

test('a changed live flag or default reaches the core and the docs', () => {
  const live = Object.fromEntries(generate(withField('preluInit', { live: true, default: 0.5 })).map((f) => [f.path, f.text]));
  expect(live['cpp/model/config/config_fields.inc']).toContain('Number("preluInit", &Config::preluInit, 0.0, 1.0, kLive)');
  expect(live['cpp/model/config/config_generated.h']).toContain('float preluInit = 0.5f;  // [0, 1]; live');
  expect(live['docs/CONFIG.md']).toContain('| `preluInit` | number | `0.5` | [0, 1] | yes |');
});

test('a new value of an enum becomes a C++ enumerator, a name in the table and a member of the union', () => {
  const files = generate({ ...declared, ...withField('optimizer', { values: [...declared.OPTIMIZERS, 'ada-grad'] }) });
  const text = Object.fromEntries(files.map((f) => [f.path, f.text]));
  expect(text['cpp/model/config/config_generated.h']).toMatch(/enum class Optimizer : uint8_t \{[^}]*kAdaGrad, {2}\/\/ "ada-grad"\n\};/);
  expect(text['cpp/model/config/config_fields.inc']).toContain('kOptimizerNames = {"sgd", "momentum", "rmsprop", "adam", "ada-grad"}');
  expect(text['web/api/index.d.ts']).toContain("export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'ada-grad';");
});

test('a field the generator cannot place is refused with the field named', () => {
  expect(() => generate(withField('noise', { group: 'misc' }))).toThrow('noise: group "misc" is not in FIELD_GROUPS');
  expect(() => generate(withField('noise', { kind: 'complex' }))).toThrow('noise: unknown kind "complex"');
  expect(() => generate(withField('noise', { doc: '' }))).toThrow('noise: doc is missing');
  // The list-valued kinds each serve one member the core reads by name.
  expect(() => generate(withField('noise', { kind: 'intList' }))).toThrow('kind "intList" is the core\'s "hidden" alone, not noise, hidden');
});

test('files without their markers are named, not overwritten', () => {
  const readFile = (path) => (path === 'docs/CONFIG.md' ? '# no markers here\n' : generate().find((f) => f.path === path)?.text ?? '');
  expect(() => generate(declared, readFile)).toThrow('docs/CONFIG.md: no "BEGIN config fields" ... "END config fields" markers');
});
