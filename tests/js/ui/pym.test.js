// The Pym.js height message (web/ui/pym.js) and the link reading Pym's parameters without complaint.
import { pymChildId, pymHeightMessage, PYM_PARAMS } from '../../../web/ui/pym.js';
import { parseQuery } from '../../../web/ui/state.js';

test('the height message is Pym\'s string, the height rounded up', () => {
  expect(pymHeightMessage('lesson-1', 640.2)).toBe('pymxPYMxlesson-1xPYMxheightxPYMx641');
});

test('childId is read from the query; an id that is not a plain element id is not echoed', () => {
  expect(pymChildId('?initialWidth=640&childId=example-1&parentTitle=T&parentUrl=https%3A%2F%2Fa.example%2F')).toBe('example-1');
  expect(pymChildId('?childId=a%3Cb')).toBe(null);
  expect(pymChildId(`?childId=${'x'.repeat(101)}`)).toBe(null);
  expect(pymChildId('')).toBe(null);
});

test('the parameters a Pym parent adds are no errors of the link, and change nothing', () => {
  const plain = parseQuery('hidden=3');
  const pym = parseQuery(`hidden=3&${PYM_PARAMS.map((name) => `${name}=x`).join('&')}`);
  expect(pym.notices).toEqual([]);
  expect(pym.state).toEqual(plain.state);
  expect(parseQuery('childIdx=1').notices).toEqual(['childIdx: unknown parameter ignored']);
});
