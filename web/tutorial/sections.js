// What the tutorial's buttons and scroll steps do to its widgets, declared
// once: index.html holds the prose and one <relu-playground> per lesson;
// tutorial.js renders these actions beside them and calls the widget's public
// API (docs/EMBEDDING.md). Pure data, so tests/js/tutorial/sections.test.js
// can check every patch against the playground's own patch rules and the
// e2e test can click every button.
//
// action: {label, patch, play?, watch}
//   patch  what setState() receives (config fields of web/shared/config-fields.js)
//   play   then play(): the reader pressed a button, so training may start
//          even under prefers-reduced-motion
//   watch  one sentence on what to look at afterwards

const tenOf = (units) => Array.from({ length: 10 }, () => units);

/** One entry per lesson, in the order of docs/LESSONS.md; `lesson` is a preset id of web/shared/presets.js. */
export const SECTIONS = Object.freeze([
  {
    id: 'nonlinearity',
    lesson: 'linear-xor',
    actions: [
      {
        label: 'Switch the hidden layer to ReLU',
        patch: { activation: 'relu' },
        play: true,
        watch: 'The straight boundary breaks into bent pieces, and within a few epochs the four corners of xor are split correctly.',
      },
      {
        label: 'Back to no activation, on the circle',
        patch: { activation: 'linear', dataset: 'circle' },
        play: true,
        watch: 'Without an activation the boundary stays one straight line, so it can never enclose the inner ring.',
      },
      {
        label: 'ReLU on the circle',
        patch: { activation: 'relu', dataset: 'circle' },
        play: true,
        watch: 'Eight kinks are enough to build a closed polygon around the inner class.',
      },
    ],
  },
  {
    id: 'sparsity',
    lesson: 'relu-spiral',
    actions: [
      {
        label: 'Start every bias at 0.5',
        patch: { biasInit: 0.5 },
        play: true,
        watch: 'The sparsity column starts lower: the bias lifts many sums above zero, leaving about 0.40 of the outputs at zero instead of a half.',
      },
      {
        label: 'Use Leaky ReLU instead',
        patch: { biasInit: 0, activation: 'leaky-relu' },
        play: true,
        watch: 'Leaky ReLU gives no exact zeros, so the sparsity column falls to 0; compare the train and test accuracy with ReLU\'s.',
      },
    ],
  },
  {
    id: 'vanishing',
    lesson: 'sigmoid-vanishing',
    actions: [
      {
        label: 'Switch to ReLU with He initialisation',
        patch: { activation: 'relu', init: 'he-normal' },
        play: true,
        watch: 'The gradient-norm lines of the ten layers move close together instead of fanning out over many decades.',
      },
      {
        label: 'Try tanh with Xavier initialisation',
        patch: { activation: 'tanh', init: 'xavier-normal' },
        play: true,
        watch: 'The lines stay close here too: the sigmoid, not the lack of ReLU, was the problem at this depth.',
      },
    ],
  },
  {
    id: 'init-depth',
    lesson: 'xavier-depth-30',
    actions: [
      {
        label: 'Use He initialisation',
        patch: { init: 'he-normal' },
        play: true,
        watch: 'The loss, flat under Xavier, starts to fall and the boundary takes the shape of the circle.',
      },
      {
        label: 'Use the naive U(−0.5, 0.5)',
        patch: { init: 'playground' },
        play: true,
        watch: 'Now each layer multiplies the signal by about 1.3 instead of halving it, so it grows some 400-fold over the thirty layers.',
      },
      {
        label: 'Start every weight at zero',
        patch: { init: 'zeros' },
        play: true,
        watch: 'The output is one flat colour: every unit computes the same zero, no weight receives a gradient, and the network cannot learn.',
      },
    ],
  },
  {
    id: 'dead-relus',
    lesson: 'dead-relu-high-lr',
    // No extra buttons: this section's actions are its scroll steps (SCROLL_STEPS), each with its own button.
    actions: [],
  },
  {
    id: 'born-dead',
    lesson: 'born-dead',
    actions: [
      {
        label: 'Widen every layer to eight units',
        patch: { hidden: tenOf(8) },
        play: true,
        watch: 'The same depth, four times wider: the output is no longer constant and the loss starts to fall.',
      },
      {
        label: 'Back to two units, with another seed',
        patch: { hidden: tenOf(2), seed: 2 },
        play: true,
        watch: 'A new draw of the same narrow shape: see whether this one is born dead too. At this depth most of them are.',
      },
    ],
  },
  {
    id: 'exploding',
    lesson: 'exploding-lr',
    actions: [
      {
        label: 'Lower the rate to 0.03 and carry on',
        patch: { learningRate: 0.03 },
        play: true,
        watch: 'Training continues from the checkpoint kept before the blow-up, and the loss falls steadily.',
      },
      {
        label: 'Rate 3 again, with the gradient clipped at 0.1',
        patch: { learningRate: 3, clipNorm: 0.1 },
        play: true,
        watch: 'The same rate no longer explodes: every step is at most 0.3 long, and the loss still falls.',
      },
    ],
  },
  {
    id: 'prelu',
    lesson: 'prelu-spiral',
    actions: [
      {
        label: 'Learn one slope per unit',
        patch: { preluPerUnit: true },
        play: true,
        watch: 'The diagnostics now list a slope for every unit; after a few hundred epochs they spread far wider than the per-layer ones.',
      },
      {
        label: 'Compare with plain ReLU',
        patch: { preluPerUnit: false, activation: 'relu' },
        play: true,
        watch: 'The same network with the negative slope fixed at 0: compare how fast the boundary and the accuracy develop.',
      },
    ],
  },
  {
    id: 'cost',
    lesson: 'activation-cost',
    actions: [
      {
        label: 'Switch to GELU',
        patch: { activation: 'gelu' },
        play: true,
        watch: 'Compare the steps per second in the run bar with ReLU\'s: the gap is far smaller than the kernels\' 48 times.',
      },
      {
        label: 'Switch to sigmoid',
        patch: { activation: 'sigmoid' },
        play: true,
        watch: 'Again the speed barely changes: the matrix products, not the activation, take most of each step.',
      },
      {
        label: 'Back to ReLU',
        patch: { activation: 'relu' },
        play: true,
        watch: 'The step rate you see now is the baseline the other two were compared with.',
      },
    ],
  },
]);

/**
 * The scroll-driven section: one sticky widget (the `dead-relus` section's),
 * and one step per paragraph (index.html's [data-step] paragraphs, in order).
 * Scrolling a paragraph to the middle of the screen applies its patch; its
 * button does the same and plays.
 */
export const SCROLL_STEPS = Object.freeze({
  section: 'dead-relus',
  steps: [
    {
      label: 'Step 1: a sane rate, 0.1',
      patch: { activation: 'relu', learningRate: 0.1 },
      watch: 'Few units go grey in the diagram; the spiral is learned.',
    },
    {
      label: 'Step 2: raise the rate to 1',
      patch: { activation: 'relu', learningRate: 1 },
      watch: 'Within a few epochs the diagnostics count many dead units, and they stay dead.',
    },
    {
      label: 'Step 3: switch to Leaky ReLU',
      patch: { activation: 'leaky-relu', learningRate: 1 },
      watch: 'Units still get pushed below zero, but many come back and the network keeps learning.',
    },
    {
      label: 'Step 4: switch to PReLU',
      patch: { activation: 'prelu', learningRate: 1 },
      watch: 'Watch the learned slopes in the diagnostics run far from 0.25 while the accuracy stays near chance.',
    },
  ],
});

/** The section with this id, or undefined. */
export function sectionById(id) {
  return SECTIONS.find((section) => section.id === id);
}
