// Picking digits brings what the data need (multiclass) and a network that can
// learn them, but never overrides what the user or the link chose.
import { datasetEdit, DIGITS_HIDDEN } from '../../../web/shared/dataset-fields.js';
import { FIELDS } from '../../../web/shared/config-fields.js';
import { parseQuery } from '../../../web/ui/state.js';
import { validateConfig } from '../../../web/shared/schema.js';

describe('datasetEdit', () => {
  test('digits over the default network brings multiclass and the digits network', () => {
    expect(datasetEdit('digits')).toEqual({ dataset: 'digits', problem: 'multiclass', hidden: [32] });
    expect(datasetEdit('digits', {}, FIELDS.hidden.default)).toEqual({ dataset: 'digits', problem: 'multiclass', hidden: [32] });
  });

  test('a network the user built stays', () => {
    expect(datasetEdit('digits', {}, [8, 8])).toEqual({ dataset: 'digits', problem: 'multiclass' });
    expect(datasetEdit('digits', {}, [4])).toEqual({ dataset: 'digits', problem: 'multiclass' });
  });

  test('fields given with it stay', () => {
    expect(datasetEdit('digits', { hidden: [4, 2] })).toEqual({ dataset: 'digits', problem: 'multiclass' });
    expect(datasetEdit('digits', { problem: 'binary' })).toEqual({ dataset: 'digits', hidden: [32] });
  });

  test('other datasets change nothing else', () => {
    expect(datasetEdit('spiral', {}, [4, 2])).toEqual({ dataset: 'spiral' });
  });

  test('the digits network is a valid hidden value', () => {
    const { errors } = validateConfig({ dataset: 'digits', problem: 'multiclass', hidden: [...DIGITS_HIDDEN] });
    expect(errors).toEqual([]);
  });
});

describe('a link naming dataset=digits', () => {
  test('without a network gets the digits network', () => {
    const { state, notices } = parseQuery('dataset=digits');
    expect(notices).toEqual([]);
    expect(state.config).toMatchObject({ dataset: 'digits', problem: 'multiclass', hidden: [32] });
  });

  test('with a network keeps it, even the plane default', () => {
    expect(parseQuery('dataset=digits&hidden=4,2').state.config.hidden).toEqual([4, 2]);
    expect(parseQuery('dataset=digits&hidden=64,32').state.config.hidden).toEqual([64, 32]);
  });
});
