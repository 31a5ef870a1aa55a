// Named starting points for the page's "Lessons" menu and for shared links
// (?lesson=<id>). Each preset is a partial config over the schema's defaults
// (web/shared/schema.js validates it), plus optional controls to hide or lock
// so a tutorial can focus on one knob.
//
// Shape: {id, title, summary, view, config: {partial config}, ui?: {hide: [...], lock: [...]},
//         compare?: {fields of run B}}
// `compare`: a lesson whose claim is a comparison opens in compare mode, with a
// run B that is this config with these fields changed (web/ui/compare-link.js:
// never the seed or the data, which A and B share).
// `view` names the panels the summary talks about (web/ui/view-layouts.js):
// an embedded lesson opens on them unless the embedder asks for another view.
// Ids are part of shared URLs, so keep existing ones stable.
//
// The lesson presets are also the base configs of the experiments behind
// docs/LESSONS.md (lessons/experiments/*.mjs): `npm run lessons` measures each
// claim on these configs over many seeds, and `node lessons/preset.mjs ID`
// prints one for the relu-train CLI. Every lesson preset names its seed, so
// the page shows the very run the docs describe.

const SIX_BY_EIGHT = [8, 8, 8, 8, 8, 8];
const repeat = (value, times) => Array.from({ length: times }, () => value);

// He et al. (2015)'s depth experiment: thirty ReLU layers of 32 units, only the init differs.
function deepRelu(id, title, init, summary) {
  return {
    id, title, summary, view: 'boundary+loss',
    config: { seed: 1, dataset: 'circle', hidden: repeat(32, 30), activation: 'relu', init, optimizer: 'sgd', learningRate: 0.01 },
    ui: { lock: ['hidden', 'activation'] },
  };
}

// Lesson 3: ten layers of eight units on the circle; activation and init vary.
function tenLayers(id, title, activation, init, summary) {
  return {
    id, title, summary, view: 'boundary+gradients',
    config: { seed: 1, dataset: 'circle', hidden: repeat(8, 10), activation, init, optimizer: 'sgd', learningRate: 0.03 },
  };
}

// Lesson 1: one hidden layer of eight units, linear or ReLU; only the activation differs.
function oneLayer(id, title, dataset, activation, summary) {
  return {
    id, title, summary, view: 'boundary',
    config: {
      seed: 1, dataset, hidden: [8], activation, init: 'he-normal', binaryHead: 'sigmoid-bce',
      optimizer: 'sgd', learningRate: 0.03, batchSize: 10,
    },
  };
}

// Lesson 5 on the spiral: three layers of eight units, plain SGD. Seed 2 is a
// typical one at learning rate 1 (13 of 24 ReLU units die; seed 1 loses only 5).
function spiralSgd(id, title, activation, learningRate, summary) {
  return {
    id, title, summary, view: 'network+diagnostics',
    config: {
      seed: 2, dataset: 'spiral', hidden: [8, 8, 8], activation, leakySlope: 0.05, init: 'he-normal',
      optimizer: 'sgd', learningRate, batchSize: 10,
    },
  };
}

// Lesson 7: a regression the loss of which can run away.
function regression(id, title, learningRate, clipNorm, summary) {
  return {
    id, title, summary, view: 'boundary+loss',
    config: {
      seed: 1, dataset: 'reg-plane', problem: 'regression', hidden: [8, 8], activation: 'relu', init: 'he-normal',
      optimizer: 'sgd', learningRate, clipNorm, batchSize: 10,
    },
  };
}

// A lesson that opens in compare mode: run B is its config with `fields` changed.
const withB = (preset, fields) => ({ ...preset, compare: fields });

const PLANE_PRESETS = [
  {
    id: 'relu-spiral',
    view: 'network+diagnostics',
    title: 'ReLU on the spiral',
    summary: 'Six ReLU layers of eight units, He initialisation and Adam untangle the two-arm spiral from x1 and x2 alone. Watch each neuron carve a piece of the plane, and the sparsity diagnostic: about half of every layer\'s outputs are exactly zero.',
    config: {
      seed: 1, dataset: 'spiral', hidden: SIX_BY_EIGHT, activation: 'relu', init: 'he-normal',
      optimizer: 'adam', learningRate: 0.003, batchSize: 10, noise: 0,
    },
  },
  // 1. Non-linearity
  withB(oneLayer('linear-xor', 'A linear network cannot fit xor', 'xor', 'linear',
    'Eight hidden units with no activation: the whole network is still one linear function, so its boundary is a straight line and xor stays near chance.'),
  { activation: 'relu' }),
  oneLayer('relu-xor', 'One ReLU layer fits xor', 'xor', 'relu',
    'The same eight units with ReLU: the boundary bends at each unit\'s kink and xor is solved.'),
  withB(oneLayer('linear-circle', 'A linear network cannot fit the circle', 'circle', 'linear',
    'No activation: one straight boundary cannot enclose the inner class of the circle.'),
  { activation: 'relu' }),
  oneLayer('relu-circle', 'One ReLU layer fits the circle', 'circle', 'relu',
    'Eight ReLU units build a closed polygon around the inner class.'),
  // 3. Vanishing gradients
  withB(tenLayers('sigmoid-vanishing', 'Sigmoid vanishing gradients in 10 layers', 'sigmoid', 'xavier-normal',
    'Ten sigmoid layers: the gradient-norm plot shows each layer nearer the input getting a smaller gradient, so the first layers barely learn. Switch the activation to ReLU and the init to He to see the norms line up.'),
  { activation: 'relu', init: 'he-normal' }),
  tenLayers('relu-he-10-layers', 'ReLU and He in the same 10 layers', 'relu', 'he-normal',
    'The network of the sigmoid lesson with ReLU and He initialisation: the per-layer gradient norms stay within a small factor of each other from the first step.'),
  // 4. Initialisation and depth
  withB(deepRelu('xavier-depth-30', 'Xavier at depth 30 (ReLU)', 'xavier-normal',
    'Thirty ReLU layers of 32 units with Xavier initialisation: the signal halves at every layer, the output is almost constant and training stalls. Compare with the He preset.'),
  { init: 'he-normal' }),
  deepRelu('he-depth-30', 'He at depth 30 (ReLU)', 'he-normal',
    'The same thirty ReLU layers with He initialisation, which keeps the activation variance constant through depth on average over seeds: the network trains.'),
  deepRelu('playground-depth-30', 'U(-0.5, 0.5) at depth 30 (ReLU)', 'playground',
    'The naive uniform init of TensorFlow Playground in thirty ReLU layers: each layer multiplies the variance by about 1.3, so the activations blow up with depth.'),
  {
    id: 'zero-init-symmetry',
    view: 'network+diagnostics',
    title: 'Zero initialisation: every unit the same',
    summary: 'All weights start at zero, so every unit of a layer computes the same thing and gets the same gradient: they stay identical however long you train, and the network is no wider than one unit per layer.',
    config: {
      seed: 1, dataset: 'circle', hidden: [8, 8], activation: 'sigmoid', init: 'zeros', binaryHead: 'sigmoid-bce',
      optimizer: 'sgd', learningRate: 0.3, batchSize: 10,
    },
  },
  // 5. Dead ReLUs and the learning rate
  withB(spiralSgd('dead-relu-high-lr', 'Dead ReLUs at a high learning rate', 'relu', 1,
    'Plain SGD at learning rate 1 pushes many ReLU units to zero on every sample: the diagnostics count them as dead, and they almost never come back. Lower the rate or switch to Leaky ReLU and compare.'),
  { activation: 'leaky-relu' }),
  spiralSgd('leaky-relu-high-lr', 'Leaky ReLU at the same high rate', 'leaky-relu', 1,
    'The same network and rate as "Dead ReLUs", with a Leaky ReLU slope of 0.05: a unit below zero still passes a gradient, so it can recover.'),
  spiralSgd('prelu-high-lr', 'PReLU at the same high rate', 'prelu', 1,
    'The same network and rate with PReLU: the learned slopes run far from 0.25 (often negative, sometimes above 1) and the net learns no better than with ReLU here.'),
  spiralSgd('relu-spiral-sgd', 'ReLU on the spiral at a sane rate', 'relu', 0.1,
    'The dead-ReLU network at learning rate 0.1: few units die and the spiral is learned.'),
  // 6. Born dead
  {
    id: 'born-dead',
    view: 'network+diagnostics',
    title: 'Born dead: a narrow deep ReLU net',
    summary: 'Ten ReLU layers of two units. With this seed a whole layer is zero for every input before any training, so the output is constant and no gradient reaches the weights. Most seeds of this shape are born dead; widen the layers to eight and almost none are.',
    config: {
      seed: 1, dataset: 'circle', hidden: repeat(2, 10), activation: 'relu', init: 'he-normal',
      optimizer: 'sgd', learningRate: 0.03,
    },
  },
  // 7. Exploding
  regression('exploding-lr', 'Learning rate 3: the loss explodes', 3, 0,
    'A small ReLU regression with plain SGD at learning rate 3: within a few steps the loss overflows, and the trainer stops and reports the divergence.'),
  // B is the unclipped run: it diverges and stops, while A (the lesson's claim) goes on.
  withB(regression('exploding-lr-clipped', 'The same rate with gradient clipping', 3, 0.1,
    'The exploding run with the gradient norm clipped to 0.1: every step is at most 0.3 long, the loss stays finite and falls.'),
  { clipNorm: 0 }),
  // 8. PReLU
  {
    id: 'prelu-spiral',
    view: 'network+diagnostics',
    title: 'PReLU on the spiral: learned slopes',
    summary: 'The ReLU spiral network with PReLU: every layer\'s negative slope starts at 0.25 and is learned with the weights. Watch the slopes in the diagnostics move, most of all in the last layers.',
    config: {
      seed: 1, dataset: 'spiral', hidden: SIX_BY_EIGHT, activation: 'prelu', preluInit: 0.25, init: 'he-normal',
      optimizer: 'adam', learningRate: 0.003, batchSize: 10, noise: 0,
    },
  },
  // 9. Cost
  {
    id: 'activation-cost',
    view: 'boundary',
    title: 'The cost of an activation',
    summary: 'Four ReLU layers of 64 units and batches of 64: compare the steps per second with sigmoid, tanh, GELU or ELU. The matrix products dominate, so the activation changes the time per step by less than its own cost suggests.',
    config: {
      seed: 1, dataset: 'spiral', hidden: [64, 64, 64, 64], activation: 'relu', init: 'he-normal',
      optimizer: 'sgd', learningRate: 0.03, batchSize: 64,
    },
  },
];

// Lessons on real data (issue #15): the plane lessons whose claims are about
// training rather than geometry, on the handwritten digits. Each is its plane
// preset with only the data changed (and the multiclass head that digits
// need): same network, seed and optimiser, so a difference is the data's.
// lessons/experiments/digits.mjs measures them; docs/LESSONS.md compares.
// [plane preset id, title, summary]
const ON_DIGITS = [
  ['relu-spiral', 'Sparsity on digits',
    'The six ReLU layers of eight units from the spiral lesson, on handwritten digits: about half of each layer\'s outputs are exactly zero at the start (0.50 on average over 20 seeds), as on the plane. Watch the sparsity column of the diagnostics as it trains.'],
  ['sigmoid-vanishing', 'Sigmoid vanishing gradients on digits',
    'Ten sigmoid layers of eight units on handwritten digits: at the start the first layer\'s gradient is about 10^-5.5 of the tenth\'s, so the layers nearest the pixels barely learn. Run B uses ReLU and He: its gradient norms line up.'],
  ['relu-he-10-layers', 'ReLU and He in 10 layers on digits',
    'The ten-layer network of the sigmoid lesson with ReLU and He initialisation, on handwritten digits: the per-layer gradient norms stay within a small factor of each other (the first layer\'s about 4 times the tenth\'s).'],
  ['xavier-depth-30', 'Xavier at depth 30 on digits',
    'Thirty ReLU layers of 32 units with Xavier initialisation on handwritten digits: the signal shrinks about 10^10-fold through the layers and training stays at chance (0.1) on every seed we ran. Run B uses He.'],
  ['he-depth-30', 'He at depth 30 on digits',
    'The same thirty ReLU layers with He initialisation on handwritten digits: the signal keeps its order of size through depth and the network learns, though slowly on ten classes (about 0.45 train accuracy after 20 epochs).'],
  ['dead-relu-high-lr', 'Dead ReLUs at a high learning rate on digits',
    'Plain SGD at learning rate 1 on handwritten digits, three ReLU layers of eight: about three quarters of the units end up zero on every image, none comes back, and the network guesses at chance. Run B uses Leaky ReLU, whose loss blows up at this rate instead; try 0.3.'],
  ['leaky-relu-high-lr', 'Leaky ReLU at a high learning rate on digits',
    'The dead-ReLU digits network with a Leaky ReLU slope of 0.05: at learning rate 1 its loss blows up and the trainer stops it, saying why. Lower the rate to 0.3: its units come back and it learns, where ReLU dies.'],
  ['prelu-high-lr', 'PReLU at a high learning rate on digits',
    'The dead-ReLU digits network with PReLU at learning rate 1: the loss blows up within the first epochs and the trainer stops it and says why. At 0.1 or below PReLU learns best of the three.'],
  ['exploding-lr', 'Learning rate 3 on digits: units die, quietly',
    'Two ReLU layers of eight on handwritten digits, plain SGD at learning rate 3. Unlike the plane\'s regression, the loss does not explode: the first steps push most units below zero on every image, the output goes constant and the test accuracy stays at chance. Watch the dead units, not the loss.'],
  ['exploding-lr-clipped', 'Learning rate 3 with gradient clipping on digits',
    'The same digits run with the gradient norm clipped to 0.1: every step is at most 0.3 long, few units die, and it reaches about 0.9 test accuracy. Run B is unclipped.'],
  ['prelu-spiral', 'PReLU slopes on digits',
    'Six PReLU layers of eight units on handwritten digits: every negative slope starts at 0.25 and is learned with the weights. Here they rise with depth towards 1, where on the spiral the last layer\'s went negative. Watch the slopes in the diagnostics.'],
];

/** The digits version of a plane preset: id digits-<plane id>. */
function onDigits([planeId, title, summary]) {
  const plane = PLANE_PRESETS.find((p) => p.id === planeId);
  return { ...plane, id: `digits-${planeId}`, title, summary, config: { ...plane.config, dataset: 'digits', problem: 'multiclass' } };
}

export const PRESETS = Object.freeze([...PLANE_PRESETS, ...ON_DIGITS.map(onDigits)]);

