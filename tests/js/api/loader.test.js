// The loader: SIMD128 detection, build choice, bytes handed over explicitly,
// and a clear message when a build is missing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTrainer } from '../../../web/api/index.js';
import { detectSimd, loadCore, resolveBuild } from '../../../web/api/loader.js';
import { DIST, rejected, requireBuilds, thrown } from './builds.js';

requireBuilds();

test('Node 20 supports SIMD128, so auto resolves to the SIMD build', () => {
  expect(detectSimd()).toBe(true);
  expect(resolveBuild('auto')).toBe('simd');
  expect(resolveBuild('scalar')).toBe('scalar');
  expect(resolveBuild('simd')).toBe('simd');
});

test('an engine without SIMD128 gets the scalar build', () => {
  const { validate } = WebAssembly;
  WebAssembly.validate = () => false;
  try {
    expect(detectSimd()).toBe(false);
    expect(resolveBuild('auto')).toBe('scalar');
  } finally {
    WebAssembly.validate = validate;
  }
});

test('an unknown build is refused naming "build"', () => {
  const error = thrown(() => resolveBuild('fast'));
  expect(error.field).toBe('build');
  expect(error.message).toMatch(/auto, simd, scalar/);
});

test('each build is one module, shared by its trainers', async () => {
  const [a, b] = await Promise.all([loadCore('scalar'), loadCore('scalar')]);
  expect(a).toBe(b);
  expect(a.kernelIsa()).toBe('scalar');
  expect((await loadCore('simd')).kernelIsa()).toBe('wasmsimd');
  expect((await loadCore('simd')).compiledWithSimd()).toBe(true);
  expect(a.compiledWithSimd()).toBe(false);
});

test('wasmBaseUrl and wasmBinary load a build from another place', async () => {
  const trainer = await createTrainer({}, {
    build: 'scalar',
    wasmBaseUrl: pathToFileURL(DIST).href,
    wasmBinary: readFileSync(join(DIST, 'relu-core-scalar.wasm')),
  });
  expect(trainer.step(1).step).toBe(1);
  trainer.delete();
});

test('a missing build says to run npm run build:wasm', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'relu-no-build-'));
  const error = await rejected(createTrainer({}, { build: 'simd', wasmBaseUrl: pathToFileURL(empty).href }));
  expect(error.message).toMatch(/npm run build:wasm/);
  // A failed load is not cached: the real build still loads afterwards.
  const trainer = await createTrainer({}, { build: 'simd' });
  trainer.delete();
});
