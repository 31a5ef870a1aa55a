// The page runs the presets on the WebAssembly builds, the lessons measure
// them natively: the effects must be the same in both, seed for seed.
import { hiddenLayers, initRecord, lastRecord, runJobs } from '../../lessons/lib/probe.mjs';
import { presetConfig } from '../../lessons/lib/presets.mjs';
import { WASM_BUILDS, availableWasmBuilds, wasmTrainer } from '../../lessons/lib/wasm.mjs';

// Missing builds fail the suite with the command to run, as the API tests do.
beforeAll(() => {
  const missing = WASM_BUILDS.filter((b) => !availableWasmBuilds().includes(b));
  if (missing.length) throw new Error(`missing WebAssembly builds (${missing.join(', ')}): run \`npm run build:wasm\` first`);
});

async function withTrainer(config, build, use) {
  const trainer = await wasmTrainer(config, build);
  try {
    return await use(trainer);
  } finally {
    trainer.delete();
  }
}

describe.each(WASM_BUILDS)('WebAssembly %s', (build) => {
  test('depth-30 presets at init: the same per-layer statistics as the native core', async () => {
    for (const id of ['he-depth-30', 'xavier-depth-30']) {
      const [native] = await runJobs([{ config: presetConfig(id) }]);
      const nativeStd = hiddenLayers(initRecord(native)).map((l) => l.preStd);
      const wasmStd = await withTrainer(presetConfig(id), build, (t) => {
        t.evaluate();
        return t.metrics().layers.slice(0, -1).map((l) => l.preStd);
      });
      wasmStd.forEach((std, l) => expect(Math.abs(std - nativeStd[l]) / nativeStd[l]).toBeLessThan(1e-3));
    }
  });

  test('born-dead: the preset\'s network is constant on the page too', async () => {
    const grid = await withTrainer(presetConfig('born-dead'), build, (t) => t.evalGrid(32));
    expect(Math.max(...grid) - Math.min(...grid)).toBe(0);
  });

  test('sigmoid-vanishing: the first layer\'s gradient is over 10^4 times smaller than the tenth\'s', async () => {
    const norms = await withTrainer(presetConfig('sigmoid-vanishing', { batchSize: 20000 }), build, (t) => {
      t.step(1);
      return t.metrics().layers.map((l) => l.gradNorm);
    });
    expect(norms[0] / norms[9]).toBeLessThan(1e-4);
  });

  test('dead-relu-high-lr kills units where leaky-relu-high-lr keeps them, as natively', async () => {
    const dead = (id) => withTrainer(presetConfig(id), build, (t) => {
      t.stepEpochs(100);
      t.evaluate();
      return t.metrics().layers.slice(0, -1).reduce((sum, l) => sum + l.deadUnits, 0);
    });
    const [native] = await runJobs([{ config: presetConfig('dead-relu-high-lr'), phases: [{ epochs: 100 }] }]);
    const nativeDead = hiddenLayers(lastRecord(native)).reduce((sum, l) => sum + l.deadUnits, 0);
    expect(nativeDead).toBeGreaterThanOrEqual(8);  // of 24
    expect(await dead('dead-relu-high-lr')).toBeGreaterThanOrEqual(8);
    expect(await dead('leaky-relu-high-lr')).toBe(0);
  });

  test('exploding-lr diverges and is caught; exploding-lr-clipped stays finite', async () => {
    const diverged = (id, epochs) => withTrainer(presetConfig(id), build, (t) => t.stepEpochs(epochs).diverged);
    expect(await diverged('exploding-lr', 50)).toBe(true);
    expect(await diverged('exploding-lr-clipped', 20)).toBe(false);
  });

  test('digits-exploding-lr: on the digits the units die instead, on the page as natively, and nothing is stopped', async () => {
    const deadOf = (layers) => layers.reduce((sum, l) => sum + l.deadUnits, 0);
    const [native] = await runJobs([{ config: presetConfig('digits-exploding-lr'), phases: [{ epochs: 5 }] }]);
    const page = await withTrainer(presetConfig('digits-exploding-lr'), build, (t) => {
      const progress = t.stepEpochs(5);
      t.evaluate();
      return { diverged: progress.diverged, dead: deadOf(t.metrics().layers.slice(0, -1)), accuracy: t.metrics().testAccuracy };
    });
    expect(lastRecord(native).diverged).toBe(false);
    expect(deadOf(hiddenLayers(lastRecord(native)))).toBeGreaterThanOrEqual(8);  // of 16
    expect(page.diverged).toBe(false);
    expect(page.dead).toBeGreaterThanOrEqual(8);
    expect(page.accuracy).toBeLessThan(0.2);  // ten classes: chance is 0.1
  });
});
