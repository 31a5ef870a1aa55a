// The divergence banner's words: the step, the cause, the rate, and what to do.
// (The DOM side is covered by the end-to-end tests: the unit project has no DOM.)
import { divergenceWords } from '../../../web/ui/components/divergence-banner.js';

test('names the step, the cause and the learning rate, then says what to do', () => {
  const text = divergenceWords({ step: 2, cause: 'loss exploded: 4.8e+05 > 4.4e+04 at step 2', learningRate: 3 }).join('');
  expect(text).toMatch(/^Training diverged at step 2 \(loss exploded: 4\.8e\+05 > 4\.4e\+04 at step 2\)\. /);
  expect(text).toContain('Learning rate 3 is too large');
  expect(text).toMatch(/lower the rate or set gradient clipping, then press Play \(or Reset\)\.$/);
});

test('a divergence without a cause says the values stopped being finite', () => {
  expect(divergenceWords({ step: 40, learningRate: 0.5 })[0]).toMatch(/^Training diverged at step 40 \(non-finite values\)\./);
});
