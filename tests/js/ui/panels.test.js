import { applicableControls } from '../../../web/ui/panels/hyper-panel.js';
import { pointLabels } from '../../../web/ui/panels/data-panel.js';
import { defaultConfig } from '../../../web/shared/schema.js';

describe('hyperparameter controls that apply', () => {
  const base = defaultConfig();
  test('optimiser parameters follow the optimiser', () => {
    expect(applicableControls({ ...base, optimizer: 'sgd' })).toMatchObject({ momentum: false, beta1: false, rmsDecay: false, epsilon: false });
    expect(applicableControls({ ...base, optimizer: 'momentum' })).toMatchObject({ momentum: true, nesterov: true, beta1: false });
    expect(applicableControls({ ...base, optimizer: 'adam' })).toMatchObject({ beta1: true, beta2: true, epsilon: true, momentum: false });
    expect(applicableControls({ ...base, optimizer: 'rmsprop' })).toMatchObject({ rmsDecay: true, epsilon: true, beta1: false });
  });

  test('activation parameters follow the activations in use, per layer too', () => {
    expect(applicableControls({ ...base, activation: 'relu' })).toMatchObject({ leakySlope: false, eluAlpha: false, preluInit: false });
    expect(applicableControls({ ...base, activation: ['relu', 'leaky-relu'] })).toMatchObject({ leakySlope: true, preluInit: false });
    expect(applicableControls({ ...base, activation: 'prelu' })).toMatchObject({ preluInit: true, preluPerUnit: true });
    expect(applicableControls({ ...base, activation: ['elu', 'tanh'] })).toMatchObject({ eluAlpha: true });
  });

  test('schedule and head settings', () => {
    expect(applicableControls({ ...base, schedule: 'constant' })).toMatchObject({ decaySteps: false, decayRate: false });
    expect(applicableControls({ ...base, schedule: 'cosine' })).toMatchObject({ decaySteps: true, decayRate: false });
    expect(applicableControls({ ...base, schedule: 'step' })).toMatchObject({ decaySteps: true, decayRate: true });
    expect(applicableControls({ ...base, problem: 'regression' }).binaryHead).toBe(false);
  });
});

test('the labels a new point can take follow the problem type', () => {
  expect(pointLabels('binary').map((l) => l.value)).toEqual([0, 1]);
  expect(pointLabels('regression').map((l) => l.value)).toEqual([-1, 1]);
  expect(pointLabels('multiclass').map((l) => l.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
