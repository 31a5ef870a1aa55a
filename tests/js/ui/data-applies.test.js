// What the data panel shows for the digits: the plane's controls hidden, the
// split from the training share (the core's rounding), the fold's summary.
import { controlApplies, dataDescription, moreSummary, PLANE_ONLY_CONTROLS } from '../../../web/ui/panels/data-applies.js';

test('digits hide the plane\'s controls; every other dataset keeps them', () => {
  for (const control of PLANE_ONLY_CONTROLS) {
    expect(controlApplies(control, 'digits')).toBe(false);
    expect(controlApplies(control, 'spiral')).toBe(true);
  }
  expect(controlApplies('batchSize', 'digits')).toBe(true);
  expect(controlApplies('trainRatio', 'digits')).toBe(true);
});

test('the digits\' description splits 1,797 images by the training share', () => {
  expect(dataDescription({ dataset: 'digits', trainRatio: 0.8 })).toMatch(/^1,797 handwritten digits, 8×8 pixels each, 10 classes: 1,438 to train on, 359 to test/);
  expect(dataDescription({ dataset: 'digits', trainRatio: 0.5 })).toMatch(/899 to train on, 898 to test/); // 898.5 rounds up, as the core's lround
  expect(dataDescription({ dataset: 'spiral', trainRatio: 0.5 })).toBeNull();
});

test('the fold names only what it holds', () => {
  expect(moreSummary('digits')).not.toMatch(/noise|samples|features|points/);
  expect(moreSummary('spiral')).toMatch(/noise/);
});
