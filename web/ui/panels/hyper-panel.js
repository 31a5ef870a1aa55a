// Hyperparameters: activation (with the Leaky ReLU slope, ELU alpha and
// PReLU settings), initialisation, learning rate (log slider + typed value),
// optimiser and its parameters, schedule, regularisation and problem type.
// Controls that do not apply (Adam's betas under SGD...) are tucked away.

import { ACTIVATIONS } from '../../shared/schema.js';
import { el } from '../dom.js';
import { createFieldControl, createLogControl, createPanel } from './fields.js';

const MIXED = 'mixed';
/** The groups folded under "More" (a details element): set once, rarely changed by a lesson. */
const MORE_GROUPS = ['Optimiser settings and schedule', 'Regularisation', 'Problem'];

/** Which contextual controls apply to a config. */
export function applicableControls(config) {
  const activations = new Set(Array.isArray(config.activation) ? config.activation : [config.activation]);
  const opt = config.optimizer;
  return {
    leakySlope: activations.has('leaky-relu'),
    eluAlpha: activations.has('elu'),
    preluInit: activations.has('prelu'),
    preluPerUnit: activations.has('prelu'),
    momentum: opt === 'momentum',
    nesterov: opt === 'momentum',
    beta1: opt === 'adam',
    beta2: opt === 'adam',
    epsilon: opt === 'adam' || opt === 'rmsprop',
    rmsDecay: opt === 'rmsprop',
    decaySteps: config.schedule !== 'constant',
    decayRate: config.schedule === 'step' || config.schedule === 'exponential',
    binaryHead: config.problem === 'binary',
  };
}

/** ctx: {edit(patch)}. Returns {update(state)}. */
export function createHyperPanel(container, ctx) {
  const onEdit = (name, value) => {
    if (name === 'activation' && value === MIXED) return;
    ctx.edit({ [name]: value });
  };
  const make = (name, label, extra = {}) => createFieldControl(name, { label, onEdit, ...extra });

  const activation = make('activation', 'Activation (all layers)', {
    choices: [...ACTIVATIONS.map((a) => ({ value: a, label: a })), { value: MIXED, label: 'per layer (see Network)' }],
  });
  const learningRate = createLogControl('learningRate', {
    label: 'Learning rate', help: 'Applies from the next step; the weights are kept.', onEdit,
  });
  const groups = [
    ['Activation', [
      activation,
      make('leakySlope', 'Leaky ReLU slope', { step: 0.01 }),
      make('eluAlpha', 'ELU alpha', { step: 0.1 }),
      make('preluInit', 'PReLU initial slope', { step: 0.05 }),
      make('preluPerUnit', 'PReLU slope per unit'),
    ]],
    ['Initialisation', [
      make('init', 'Weights'),
      make('initScale', 'Scale', { step: 0.1 }),
      make('biasInit', 'Bias', { step: 0.1 }),
    ]],
    ['Optimisation', [learningRate, make('optimizer', 'Optimiser')]],
    // The rest is folded away (MORE_GROUPS): the controls a lesson asks for stay in view on a laptop's first screen.
    ['Optimiser settings and schedule', [
      make('momentum', 'Momentum', { step: 0.05 }),
      make('nesterov', 'Nesterov'),
      make('beta1', 'Adam β1', { step: 0.01 }),
      make('beta2', 'Adam β2', { step: 0.001 }),
      make('rmsDecay', 'RMSprop decay', { step: 0.01 }),
      make('epsilon', 'Epsilon'),
      make('schedule', 'Schedule'),
      make('decaySteps', 'Decay steps'),
      make('decayRate', 'Decay rate', { step: 0.05 }),
      make('clipNorm', 'Gradient clip (0 = off)', { step: 0.5 }),
    ]],
    ['Regularisation', [
      make('l1', 'L1 rate', { step: 0.0001 }),
      make('l2', 'L2 rate', { step: 0.0001 }),
    ]],
    ['Problem', [
      make('problem', 'Problem type', {
        choices: [{ value: 'binary', label: 'binary classification' }, { value: 'multiclass', label: 'multi-class' }, { value: 'regression', label: 'regression' }],
      }),
      make('binaryHead', 'Output and loss', {
        choices: [{ value: 'tanh-mse', label: 'tanh + squared error' }, { value: 'sigmoid-bce', label: 'sigmoid + cross-entropy' }],
      }),
    ]],
  ];

  const panel = createPanel(container, 'Hyperparameters', 'hyper');
  const more = el('details', { class: 'more-settings' }, el('summary', { text: 'More: optimiser settings, schedule, clipping, regularisation, problem type' }));
  const controls = [];
  for (const [title, list] of groups) {
    const fieldset = el('fieldset', { class: 'field-grid' }, el('legend', { text: title }), list.map((c) => c.element));
    (MORE_GROUPS.includes(title) ? more : panel).append(fieldset);
    controls.push(...list);
  }
  panel.append(more);

  function update(state) {
    const { config } = state;
    const applicable = applicableControls(config);
    for (const control of controls) {
      const value = control.name === 'activation' && Array.isArray(config.activation) ? MIXED : config[control.name];
      control.set(value);
      control.element.classList.toggle('not-applicable', applicable[control.name] === false);
    }
  }

  return { update };
}
