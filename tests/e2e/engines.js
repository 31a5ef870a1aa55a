// Which end-to-end files run in which engine: every file runs in Chromium;
// Firefox runs all but the ones below. Each of these tests the page's own
// logic (parsing, lessons, charts, the digits views), the same JavaScript in
// any engine, while what could differ between engines in them (URLs, workers,
// pointer and keyboard input, layout, embedding, CSP, files) is exercised in
// Firefox by the files that remain. Leaving them to one engine keeps the test
// command on two cores well under 20 minutes (issue #10; the CPU each suite
// costs is in the summary of scripts/test.sh).
export const CHROMIUM_ONLY = Object.freeze({
  'hostile-url-table.test.js': 'the 400-row walk through the page\'s own parser; Firefox loads a sample fresh in both link forms (hostile-urls) and follows edited fragments (history)',
  'tutorial.test.js': 'the tutorial\'s script and content; its widgets\' lifecycle (in view, hidden tab, reduced motion) runs in Firefox in lifecycle',
  'compare.test.js': 'two runs in lockstep: the page\'s logic over two workers, which Firefox starts in cross-origin-contracts (compare=)',
  'timeline.test.js': 'the replay timeline\'s checkpoints and scrubbing, worker and page logic',
  'regions.test.js': 'the count of linear regions, computed by the core',
  'digits.test.js': 'the digits views\' figures (confusion matrix, per-class accuracy); draw-digit runs in Firefox',
  'digits-tiles.test.js': 'what each unit looks for on digits, drawn from the core\'s weights',
  'digits-lessons.test.js': 'the digits lessons\' presets and menu',
  'digits-tile-network.test.js': 'which network the Digits tile brings (a rule unit-tested in dataset-fields)',
  'soak.test.js': 'heap and listener counts come from Chromium\'s DevTools Protocol (the file skips its test in any other engine)',
});
