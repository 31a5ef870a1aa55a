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
