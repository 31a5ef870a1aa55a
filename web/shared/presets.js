// Named starting points for the page's "Lessons" menu and for shared links
// (?lesson=<id>). Each preset is a partial config over the schema's defaults
// (web/shared/schema.js validates it), plus optional controls to hide or lock
// so a tutorial can focus on one knob.
//
// Shape: {id, title, summary, config: {partial config}, ui?: {hide: [...], lock: [...]}}
// The lessons work (issue #6) extends this list; ids are part of shared URLs,
// so keep existing ones stable.

const SIX_BY_EIGHT = [8, 8, 8, 8, 8, 8];
const repeat = (value, times) => Array.from({ length: times }, () => value);

// He et al. (2015)'s depth experiment: thirty ReLU layers of 32 units, only the init differs.
function deepRelu(id, title, init, summary) {
  return {
    id, title, summary,
    config: { dataset: 'circle', hidden: repeat(32, 30), activation: 'relu', init, optimizer: 'sgd', learningRate: 0.01 },
    ui: { lock: ['hidden', 'activation'] },
  };
}

export const PRESETS = Object.freeze([
  {
    id: 'relu-spiral',
    title: 'ReLU on the spiral',
    summary: 'Six ReLU layers of eight units, He initialisation and Adam untangle the two-arm spiral from x1 and x2 alone. Watch each neuron carve a piece of the plane.',
    config: {
      dataset: 'spiral', hidden: SIX_BY_EIGHT, activation: 'relu', init: 'he-normal',
      optimizer: 'adam', learningRate: 0.003, batchSize: 10, noise: 0,
    },
  },
  {
    id: 'dead-relu-high-lr',
    title: 'Dead ReLUs at a high learning rate',
    summary: 'Plain SGD at learning rate 1 pushes many ReLU units to zero on every sample: the diagnostics count them as dead, and they never come back. Lower the rate or switch to Leaky ReLU and compare.',
    config: {
      dataset: 'spiral', hidden: [8, 8, 8], activation: 'relu', init: 'he-normal',
      optimizer: 'sgd', learningRate: 1, batchSize: 10,
    },
  },
  {
    id: 'leaky-relu-high-lr',
    title: 'Leaky ReLU at the same high rate',
    summary: 'The same network and rate as "Dead ReLUs", with a Leaky ReLU slope of 0.05: a unit below zero still passes a gradient, so it can recover.',
    config: {
      dataset: 'spiral', hidden: [8, 8, 8], activation: 'leaky-relu', leakySlope: 0.05,
      init: 'he-normal', optimizer: 'sgd', learningRate: 1, batchSize: 10,
    },
  },
  {
    id: 'sigmoid-vanishing',
    title: 'Sigmoid vanishing gradients in 10 layers',
    summary: 'Ten sigmoid layers: the gradient-norm plot shows each layer nearer the input getting a smaller gradient, so the first layers barely learn. Switch the activation to ReLU and the init to He to see the norms line up.',
    config: {
      dataset: 'circle', hidden: repeat(8, 10), activation: 'sigmoid', init: 'xavier-normal',
      optimizer: 'sgd', learningRate: 0.03,
    },
  },
  deepRelu('xavier-depth-30', 'Xavier at depth 30 (ReLU)', 'xavier-normal',
    'Thirty ReLU layers of 32 units with Xavier initialisation: the signal halves at every layer, the output is almost constant and training stalls. Compare with the He preset.'),
  deepRelu('he-depth-30', 'He at depth 30 (ReLU)', 'he-normal',
    'The same thirty ReLU layers with He initialisation, which keeps the activation variance constant through depth: the network trains.'),
]);
