// web/api/index.d.ts is written by hand: check it against the runtime API.
import { readFileSync } from 'node:fs';
import * as api from '../../../web/api/index.js';
import { FIELDS, FIELD_NAMES } from '../../../web/shared/schema.js';
import { requireBuilds } from './builds.js';

requireBuilds();

const DTS = readFileSync(new URL('../../../web/api/index.d.ts', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\/\/.*$/gm, '');

/** The body of `interface Name {...}` or `class Name {...}` (no nested braces at depth > 1 needed). */
function block(kind, name) {
  const start = DTS.search(new RegExp(`\\b${kind} ${name}\\b[^{]*\\{`));
  expect(start).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = DTS.indexOf('{', start); i < DTS.length; i++) {
    if (DTS[i] === '{') depth++;
    if (DTS[i] === '}' && --depth === 0) return DTS.slice(DTS.indexOf('{', start) + 1, i);
  }
  throw new Error(`unterminated ${kind} ${name}`);
}

/** Member names at the top level of a block: `name(`, `name?:`, `readonly name:`. */
function members(body) {
  const names = new Set();
  let depth = 0;
  for (const line of body.split(/[;\n]/)) {
    if (depth === 0) {
      const match = /^\s*(?:readonly\s+|private\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/.exec(line);
      if (match) names.add(match[1]);
    }
    depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
  }
  return names;
}

function typeUnion(name) {
  const match = new RegExp(`type ${name} =([^;]*);`).exec(DTS);
  expect(match).not.toBeNull();
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

test('the .d.ts declares exactly the runtime exports', () => {
  const declared = [...DTS.matchAll(/export declare (?:const|function|class) ([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  expect(declared.sort()).toEqual(Object.keys(api).sort());
});

test('the Trainer class declares exactly the runtime methods and getters', () => {
  const runtime = Object.getOwnPropertyNames(api.Trainer.prototype);
  const declared = [...members(block('class', 'Trainer'))];
  expect(declared.sort()).toEqual(runtime.sort());
});

test('Config lists every schema field, and its unions every allowed value', () => {
  expect([...members(block('interface', 'Config'))].sort()).toEqual([...FIELD_NAMES].sort());
  expect(typeUnion('Dataset')).toEqual([...FIELDS.dataset.values]);
  expect(typeUnion('Activation')).toEqual([...FIELDS.activation.values]);
  expect(typeUnion('Init')).toEqual([...FIELDS.init.values]);
  expect(typeUnion('Feature')).toEqual([...FIELDS.features.values]);
  expect(typeUnion('Problem')).toEqual([...FIELDS.problem.values]);
  expect(typeUnion('BinaryHead')).toEqual([...FIELDS.binaryHead.values]);
  expect(typeUnion('OptimizerName')).toEqual([...FIELDS.optimizer.values]);
  expect(typeUnion('ScheduleName')).toEqual([...FIELDS.schedule.values]);
  expect(typeUnion('BuildName')).toEqual([...api.BUILDS]);
});

test('the result types list exactly what the runtime returns', async () => {
  const trainer = await api.createTrainer({ hidden: [3], activation: 'prelu' });
  try {
    trainer.step(2);
    trainer.evaluate();
    const metrics = trainer.metrics();
    const keysOf = (object) => Object.keys(object).sort();
    const declaredOf = (name) => [...members(block('interface', name))];
    const progressFields = declaredOf('Progress');
    expect(keysOf(trainer.progress())).toEqual(progressFields.sort());
    expect(keysOf(metrics)).toEqual([...progressFields, ...declaredOf('Metrics')].sort());
    expect(keysOf(metrics.layers[0])).toEqual(declaredOf('LayerDiagnostics').sort());
    expect(keysOf(trainer.layers()[0])).toEqual(declaredOf('LayerInfo').sort());
    expect(keysOf(trainer.points())).toEqual(declaredOf('Points').sort());
    expect(keysOf(await api.coreStats())).toEqual(declaredOf('CoreStats').sort());
  } finally {
    trainer.delete();
  }
});
