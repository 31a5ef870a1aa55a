import { createCoreLoader } from '../../../web/ui/core-loader.js';

test('the first load starts the core, later loads reuse it, and ready settles with what it gave', async () => {
  let starts = 0;
  const loader = createCoreLoader(() => Promise.resolve(`core ${++starts}`));
  const first = loader.load();
  const second = loader.load();
  expect(starts).toBe(1);
  await expect(first).resolves.toBe('core 1');
  await expect(second).resolves.toBe('core 1');
  await expect(loader.ready).resolves.toBe('core 1');
});

test('cancelled before any load, ready says null and a late load starts nothing', async () => {
  let starts = 0;
  const loader = createCoreLoader(() => { starts += 1; return Promise.resolve('core'); });
  loader.cancel();
  await expect(loader.ready).resolves.toBeNull();
  await expect(loader.load()).resolves.toBeNull();
  expect(starts).toBe(0);
});

test('a cancel after the load leaves ready as the load set it', async () => {
  const loader = createCoreLoader(() => Promise.resolve('core'));
  loader.load();
  loader.cancel();
  await expect(loader.ready).resolves.toBe('core');
});
