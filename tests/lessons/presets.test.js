// The lesson presets: the page loads them (web/shared/presets.js), the
// experiments start from them, and `node lessons/lib/presets.mjs ID | relu-train -`
// runs them on the CLI.
import { spawnSync } from 'node:child_process';
import { LESSONS } from '../../lessons/experiments/index.mjs';
import { RELU_TRAIN, ROOT, runJobs } from '../../lessons/lib/probe.mjs';
import { presetConfig } from '../../lessons/lib/presets.mjs';
import { validateConfig } from '../../web/shared/schema.js';
import { PRESETS } from '../../web/shared/presets.js';

const lessonPresets = [...new Set(LESSONS.flatMap((l) => l.presets))];
const printPreset = (args) => spawnSync(process.execPath, ['lessons/lib/presets.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

test('every lesson names presets that exist, with their own seed and a valid config', () => {
  const plane = LESSONS.filter((l) => !l.planeLesson);
  expect(plane.map((l) => l.number)).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // lesson 1 has two experiments
  // Each rerun on the digits carries the number of the plane lesson it repeats.
  const digits = LESSONS.filter((l) => l.planeLesson);
  expect(digits.map((l) => l.name)).toEqual(['digits-sparsity', 'digits-vanishing-gradients', 'digits-init-depth', 'digits-dead-relus', 'digits-exploding', 'digits-prelu']);
  for (const lesson of digits) expect(lesson.number).toBe(plane.find((l) => l.name === lesson.planeLesson).number);
  for (const id of lessonPresets) {
    const preset = PRESETS.find((p) => p.id === id);
    expect(preset).toBeDefined();
    expect(Number.isInteger(preset.config.seed)).toBe(true);
    expect(validateConfig(preset.config).errors).toEqual([]);
    expect(preset.summary.length).toBeGreaterThan(40);
  }
});

test('a digits preset is its plane preset on the digits: only the data and the head differ', () => {
  const digits = PRESETS.filter((p) => p.id.startsWith('digits-'));
  expect(digits.length).toBeGreaterThanOrEqual(LESSONS.filter((l) => l.planeLesson).length);
  for (const preset of digits) {
    const plane = PRESETS.find((p) => p.id === preset.id.slice('digits-'.length));
    expect(plane).toBeDefined();
    expect(preset.config).toEqual({ ...plane.config, dataset: 'digits', problem: 'multiclass' });
    expect(preset.title).not.toBe(plane.title);  // the Lessons menu lists both
  }
  for (const lesson of LESSONS.filter((l) => l.planeLesson)) {
    for (const id of lesson.presets) expect(presetConfig(id).dataset).toBe('digits');
  }
});

test('the core accepts every preset and trains it for an epoch', async () => {
  const results = await runJobs(PRESETS.map((p) => ({ config: p.config, phases: [{ epochs: 1 }] })));
  expect(results).toHaveLength(PRESETS.length);
});

test('lessons/lib/presets.mjs prints the preset; --set changes a field; an unknown id fails', () => {
  const printed = printPreset(['dead-relu-high-lr', '--set', 'learningRate=0.1', '--set', 'activation=leaky-relu']);
  expect(printed.status).toBe(0);
  expect(JSON.parse(printed.stdout)).toEqual(presetConfig('dead-relu-high-lr', { learningRate: 0.1, activation: 'leaky-relu' }));
  const unknown = printPreset(['no-such-lesson']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/no preset called "no-such-lesson"/);
});

test.each(lessonPresets)('relu-train runs preset %s from the pipe', (id) => {
  const config = printPreset([id]).stdout;
  const trained = spawnSync(RELU_TRAIN, ['-', '--epochs', '1', '--quiet'], { input: config, encoding: 'utf8' });
  expect(trained.stderr).toBe('');
  expect(trained.status).toBe(0);
  const summary = JSON.parse(trained.stdout.trim().split('\n').pop());
  expect(summary.summary).toBe(true);
  expect(summary.config.seed).toBe(presetConfig(id).seed);
  expect(summary.config.hidden).toEqual(presetConfig(id).hidden);
});
