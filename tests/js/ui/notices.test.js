// Notices: repeats are counted on the one shown, and only MAX_NOTICES are shown.
// (The DOM side is covered by the end-to-end tests: the unit project has no DOM.)
import { MAX_NOTICES, createNoticeBook, noticeText } from '../../../web/ui/components/notices.js';

const texts = (book) => book.shown.map(noticeText);

test('120 identical errors make one notice with a count', () => {
  const book = createNoticeBook();
  for (let i = 0; i < 120; i++) book.show('worker: the core stopped', { kind: 'error' });
  expect(texts(book)).toEqual(['worker: the core stopped (×120)']);
});

test('only equal text of the same kind collapses; different ones stay apart', () => {
  const book = createNoticeBook();
  book.show('a', { kind: 'error' });
  book.show('b', { kind: 'error' });
  book.show('a', { kind: 'warn' });
  book.show('a', { kind: 'error' });
  expect(texts(book)).toEqual(['a (×2)', 'b', 'a']);
});

test('a key names one slot: a new text replaces the old one, the same text is counted', () => {
  const book = createNoticeBook();
  book.show('New network: hidden', { key: 'rebuilt' });
  book.show('learningRate applies from the next step', { key: 'rebuilt' });
  expect(texts(book)).toEqual(['learningRate applies from the next step']);
  book.show('learningRate applies from the next step', { key: 'rebuilt' });
  expect(texts(book)).toEqual(['learningRate applies from the next step (×2)']);
  // A keyed notice does not swallow an unkeyed one with the same text, nor the reverse.
  book.show('learningRate applies from the next step');
  expect(book.shown).toHaveLength(2);
});

test(`at most ${MAX_NOTICES} are shown: the oldest go first`, () => {
  const book = createNoticeBook();
  const dropped = [];
  for (let i = 1; i <= MAX_NOTICES + 3; i++) dropped.push(...book.show(`notice ${i}`).dropped.map((n) => n.text));
  expect(texts(book)).toEqual(Array.from({ length: MAX_NOTICES }, (_, i) => `notice ${i + 4}`));
  expect(dropped).toEqual(['notice 1', 'notice 2', 'notice 3']);
  // A repeat of a shown one pushes nothing out.
  expect(book.show(`notice ${MAX_NOTICES + 3}`).dropped).toEqual([]);
});

test('a dismissed notice comes back as new, counted from 1', () => {
  const book = createNoticeBook();
  const { notice } = book.show('x');
  book.show('x');
  book.dismiss(notice.id);
  expect(book.show('x').added).toBe(true);
  expect(texts(book)).toEqual(['x']);
});
