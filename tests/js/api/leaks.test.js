// No leaks: 1,000 create/step/delete cycles leave the C++ heap, the WASM
// memory, the live trainers and the Embind value handles where they were.
import { coreStats, createTrainer } from '../../../web/api/index.js';
import { BUILD_NAMES, requireBuilds } from './builds.js';

requireBuilds();

const CYCLES = 1000;
const CONFIG = { seed: 9, numSamples: 100, hidden: [6, 4], activation: 'prelu' };

// Everything the API hands out on one cycle, so that each call's C++ and
// Embind side is exercised.
async function cycle(build, i) {
  const trainer = await createTrainer({ ...CONFIG, seed: i }, { build });
  trainer.step(3);
  trainer.evaluate();
  trainer.metrics();
  trainer.evalGrid(8, { hidden: true });
  trainer.params();
  trainer.points();
  trainer.layers();
  trainer.configure({ learningRate: 0.01 });
  trainer.importJson(trainer.exportJson());
  expect(() => trainer.configure({ learningRate: -1 })).toThrow();
  trainer.delete();
}

test.each(BUILD_NAMES)('%s build: heap and handles are stable over 1,000 cycles', async (build) => {
  // Warm up: the allocator's first arenas and Embind's type tables are one-off costs.
  for (let i = 0; i < 20; i++) await cycle(build, i);
  const before = await coreStats({ build });
  expect(before.liveTrainers).toBe(0);

  for (let i = 0; i < CYCLES; i++) await cycle(build, i);

  const after = await coreStats({ build });
  expect(after.liveTrainers).toBe(0);
  expect(after.embindHandles).toBe(before.embindHandles);
  expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
  expect(after.memoryBytes).toBe(before.memoryBytes);
}, 120000);

test('a trainer still alive is counted, and freed by delete()', async () => {
  const before = await coreStats();
  const trainer = await createTrainer(CONFIG);
  const during = await coreStats();
  expect(during.liveTrainers).toBe(before.liveTrainers + 1);
  expect(during.heapBytesInUse).toBeGreaterThan(before.heapBytesInUse);
  trainer.delete();
  const after = await coreStats();
  expect(after.liveTrainers).toBe(before.liveTrainers);
  expect(after.heapBytesInUse).toBe(before.heapBytesInUse);
});
