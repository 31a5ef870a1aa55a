// schema.js on input from outside: names inherited from Object.prototype are
// unknown fields, never the prototype's properties.
import { checkField, validateConfig, defaultConfig } from '../../../web/shared/schema.js';

describe('own fields only', () => {
  test.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'])('%s is an unknown field', (name) => {
    expect(checkField(name, 1)).toMatch(new RegExp(`^${name}: unknown config field \\(known: seed, `));
    // As JSON.parse builds it: an own property, even for __proto__.
    const partial = JSON.parse(`{"${name}": 1, "learningRate": 0.1}`);
    const { config, errors } = validateConfig(partial);
    expect(errors.map((e) => e.field)).toEqual([name]);
    expect(config.learningRate).toBe(0.1);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).toEqual(Object.keys(defaultConfig()));
  });
});

// The core stores reals as float32 (cpp/model/config/config_parse.cc). These values
// passed schema.js but not the core, so the page fell back to all defaults.
describe('judged as the core stores them, in float32', () => {
  test.each([
    ['eluAlpha', 1e-50, 'eluAlpha: 1e-50 is too small for single precision; allowed range (0, 10]'],
    ['initScale', 1e-46, 'initScale: 1e-46 is too small for single precision; allowed range (0, 10]'],
    ['decayRate', 7e-46, 'decayRate: 7e-46 is too small for single precision; allowed range (0, 1]'],
  ])('%s %p underflows to 0', (name, value, message) => {
    expect(checkField(name, value)).toBe(message);
    // The smallest float32 subnormal itself is fine.
    expect(checkField(name, 2 ** -149)).toBeNull();
  });

  test.each([[1e39, 0], [-3.5e38, 1]])('a point at %p overflows float32', (x, index) => {
    const points = [[0, 0, 0], [0, 0, 1]];
    points[index] = [x, 0, index];
    expect(checkField('points', points)).toBe(`points[${index}]: expected [x1, x2, label] of finite numbers`);
    // The largest float32 is fine.
    points[index] = [3.4028234663852886e38, 0, index];
    expect(checkField('points', points)).toBeNull();
  });

  test('labels are classes as float32 reads them', () => {
    const custom = (label) => validateConfig({ dataset: 'custom', points: [[0, 0, 0], [1, 1, label]] });
    expect(custom(1.00000001).errors).toEqual([]); // float32(1.00000001) is 1
    expect(custom(-1e-50).errors).toEqual([]); // -0 in float32
    expect(custom(1.0001).errors.map((e) => e.message)).toEqual(['points[1]: a class label must be a whole number in [0, 9]']);
    expect(validateConfig({ dataset: 'custom', problem: 'multiclass', points: [[0, 0, 0], [1, 1, 9.9999999999]] }).errors.map((e) => e.message))
      .toEqual(['points[1]: a class label must be a whole number in [0, 9]']); // 10 in float32
  });
});

describe('one config, one form, as the core writes it', () => {
  test('features are kept in the schema\'s order', () => {
    expect(validateConfig({ features: ['sinx1', 'x2', 'x1'] }).config.features).toEqual(['x1', 'x2', 'sinx1']);
  });

  test('a long value is quoted up to 60 UTF-8 bytes, never splitting a character', () => {
    const message = checkField('dataset', ['é'.repeat(40)]);
    expect(message).toBe(`dataset: ["${'é'.repeat(29)} is not one of circle, xor, gauss, spiral, reg-plane, reg-gauss, moons, checkerboard, spiral3, custom, digits`);
  });
});

// Found by tests/js/ui/state-fuzz.test.js: ?dataset=custom alone gave a config
// the core refuses (custom data without points), and the page lost the whole link.
test('the config returned always stands, even when a field put back still clashes', () => {
  const { config, errors } = validateConfig({ dataset: 'custom', learningRate: 0.1 });
  expect(errors.map((e) => e.message)).toEqual(['points: the custom dataset needs at least 2 points']);
  expect(config.dataset).toBe('circle');
  expect(config.learningRate).toBe(0.1);
  const lessonBase = validateConfig({ dataset: 'reg-plane', problem: 'regression' }).config;
  const again = validateConfig({ dataset: 'custom', points: [[0, 0, 0.5]] }, lessonBase);
  expect(again.config.dataset).toBe('reg-plane');
  expect(again.config.problem).toBe('regression');
});
