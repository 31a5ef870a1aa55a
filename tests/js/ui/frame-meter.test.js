import { createFrameMeter } from '../../../web/ui/frame-meter.js';

test('60 evenly spaced frames read as 60 fps', () => {
  const meter = createFrameMeter();
  for (let i = 0; i < 120; i++) meter.tick(i * (1000 / 60));
  expect(meter.fps).toBeCloseTo(60, 5);
});

test('the window forgets old frames: a slowdown shows within a second', () => {
  const meter = createFrameMeter();
  let t = 0;
  for (let i = 0; i < 60; i++) meter.tick((t += 1000 / 60));
  for (let i = 0; i < 30; i++) meter.tick((t += 1000 / 15));
  expect(meter.fps).toBeCloseTo(15, 5);
});

test('no frames or one frame is 0 fps', () => {
  const meter = createFrameMeter();
  expect(meter.fps).toBe(0);
  meter.tick(5);
  expect(meter.fps).toBe(0);
});
