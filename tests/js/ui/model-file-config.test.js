// A model file's config, read before the core: for the cost gate and the locks.
import { configOfModel, modelLockedChange } from '../../../web/ui/model-file-config.js';
import { parseQuery } from '../../../web/ui/state.js';

test('the config is the model\'s own property, else null', () => {
  expect(configOfModel('{"config":{"hidden":[3]},"params":[]}')).toEqual({ hidden: [3] });
  expect(configOfModel('{"params":[]}')).toBeNull();
  expect(configOfModel('null')).toBeNull();
  expect(configOfModel('{"con')).toBeNull();
  // An inherited name is not the file's config.
  expect(configOfModel('{"__proto__":{"config":{"hidden":[3]}}}')).toBeNull();
});

test('a model that changes a locked field is named; one that keeps it, or is not JSON, is not', () => {
  const { state } = parseQuery('lock=hidden&hidden=4,4');
  const locked = modelLockedChange(state, JSON.stringify({ config: { hidden: [8] }, params: [] }));
  expect(locked).toEqual(expect.objectContaining({ field: 'hidden' }));
  expect(modelLockedChange(state, JSON.stringify({ config: { hidden: [4, 4], learningRate: 0.1 }, params: [] }))).toBeNull();
  expect(modelLockedChange(state, 'not json')).toBeNull();
});
