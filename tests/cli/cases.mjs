// Config texts for relu_train_test.mjs.

// Hand-picked bad configs and the field their message must start with.
// cppOnly: schema.js cannot see the same thing (JSON.parse fails first, or
// reads 1e400 as Infinity), so only the C++ side is checked.
export const BAD_CONFIGS = [
  { config: '{"learningRate":50}', field: 'learningRate' },
  { config: '{"hidden":[4,4,4,2000]}', field: 'hidden[3]' },
  { config: '{"hidden":[8,8],"activation":["relu","swish"]}', field: 'activation[1]' },
  { config: '{"dataset":"foo"}', field: 'dataset' },
  { config: '{"seed":"abc"}', field: 'seed' },
  { config: '{"seed":-1}', field: 'seed' },
  { config: '{"fooBar":1}', field: 'fooBar' },
  { config: '{"epochs":100}', field: 'epochs' },
  { config: '{"activation":["relu"]}', field: 'activation' },
  { config: '{"dataset":"reg-plane"}', field: 'problem' },
  { config: '{"dataset":"spiral3"}', field: 'problem' },
  { config: '{"dataset":"digits"}', field: 'problem' },
  { config: '{"dataset":"digits","problem":"regression"}', field: 'problem' },
  { config: '{"dataset":"custom","points":[[0,0,1]]}', field: 'points' },
  { config: '{"dataset":"custom","points":[[0,0,1],[1,1,0.5]]}', field: 'points[1]' },
  { config: '{"dataset":"custom","points":[[0,0,2],[1,1,0]]}', field: 'points' },
  { config: '{"points":[[1,2]]}', field: 'points[0]' },
  { config: '{"features":[]}', field: 'features' },
  { config: '{"features":["x1","x1"]}', field: 'features' },
  { config: '{"batchSize":0}', field: 'batchSize' },
  { config: '{"numSamples":100.5}', field: 'numSamples' },
  { config: '{"decaySteps":1e9}', field: 'decaySteps' },
  { config: '{"eluAlpha":0}', field: 'eluAlpha' },
  { config: '{"nesterov":"yes"}', field: 'nesterov' },
  { config: '{"optimizer":{"name":"adam"}}', field: 'optimizer' },
  // A long string is quoted by its first 60 bytes on both sides, not whole.
  { config: `{"dataset":"${'x'.repeat(100000)}"}`, field: 'dataset' },
  { config: `{"activation":["relu","${'é'.repeat(50000)}"],"hidden":[4,2]}`, field: 'activation[1]' },
  { config: '[]', field: 'config' },
  { config: '42', field: 'config' },
  { config: '{"noise":1e400}', field: 'noise' },  // JSON.parse reads it as Infinity
  { config: '{"hidden":[4,-1e400]}', field: 'hidden[1]' },
  // Values that break only in single precision: schema.js rounds as the core does.
  { config: '{"eluAlpha":1e-50}', field: 'eluAlpha' },
  { config: '{"initScale":1e-46}', field: 'initScale' },
  { config: '{"points":[[1e39,0,0]]}', field: 'points[0]' },
  { config: '{"dataset":"custom","points":[[0,0,0],[1,1,1.0000001]]}', field: 'points[1]' },
  { config: 'not json', field: 'config', cppOnly: true },
  { config: '{"seed":1,}', field: 'config', cppOnly: true },
  { config: '', field: 'config', cppOnly: true },
];

const WRONG_TYPES = ['"x"', 'true', 'null', '[]', '{}', '[1]'];

function valuesFor(field) {
  const { kind, min, max } = field;
  switch (kind) {
    case 'int':
      return [min, max, min - 1, max + 1, min + 0.5, (min + max) / 2, 1e300, -1e300];
    case 'number': {
      const span = max - min;
      return [min, max, min - span * 1e-3, max + span * 1e-3, min + span / 3, min + span * 1e-9, -0, 1e300];
    }
    case 'bool':
      return [true, false, 0, 'true'];
    case 'enum':
      return [...field.values, 'bogus', field.values[0].toUpperCase(), 3];
    case 'set':
      return [[], [field.values[0]], [...field.values], [field.values[1], field.values[1]], ['bogus'],
        field.values[0], [1]];
    case 'intList':
      return [[], [min], [max], [min - 1], [max + 1], [2.5], ['8'], '8', Array(field.maxItems).fill(1),
        Array(field.maxItems + 1).fill(1), [3, 3]];
    case 'enumList':
      return [...field.values, ...field.values.map((v) => [v, v]), [field.values[0]], ['bogus'], [], 5,
        ['relu', 'bogus']];
    case 'points':
      return [[], [[0, 0, 0], [1, 1, 1]], [[0, 0]], [[0, 0, 'a']], [[0, 0, 0, 0]], [1], 'x',
        [[0.5, -2.25, 3], [1, 1, 9]]];
    default:
      throw new Error(`no cases for kind ${kind}`);
  }
}

// One-field configs over every field of the schema, plus the same values
// where a second field makes them matter (custom points, regression data).
export function* boundaryConfigs(fields) {
  for (const [name, field] of Object.entries(fields)) {
    for (const value of valuesFor(field)) yield JSON.stringify({ [name]: value });
    for (const text of WRONG_TYPES) yield `{"${name}":${text}}`;
  }
  for (const problem of fields.problem.values) {
    for (const points of valuesFor(fields.points)) {
      yield JSON.stringify({ dataset: 'custom', problem, points });
    }
    for (const dataset of fields.dataset.values) yield JSON.stringify({ dataset, problem });
  }
  for (const hidden of [[], [5], [5, 5, 5]]) {
    yield JSON.stringify({ hidden, activation: 'tanh' });
    yield JSON.stringify({ activation: ['elu', 'selu', 'gelu'], hidden });
  }
}
