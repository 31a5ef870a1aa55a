// The list of end-to-end files left to Chromium (tests/e2e/engines.js) names
// files that exist, each with its reason: a renamed file must not quietly
// start running in Firefox again, nor a stale name stay listed.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ONLY } from '../e2e/engines.js';
import config from '../../jest.config.js';

const e2eDir = fileURLToPath(new URL('../e2e/', import.meta.url));
const e2eFiles = readdirSync(e2eDir).filter((name) => name.endsWith('.test.js'));

test('every file left to Chromium exists and says why', () => {
  for (const [file, reason] of Object.entries(CHROMIUM_ONLY)) {
    expect([file, e2eFiles.includes(file)]).toEqual([file, true]);
    expect([file, reason.length > 20]).toEqual([file, true]);
  }
});

test('the Firefox project leaves out exactly those files, and Chromium runs every file', () => {
  const project = (name) => config.projects.find((p) => p.displayName === name);
  const ignored = (name) => (file) => (project(name).testPathIgnorePatterns ?? []).some((pattern) => new RegExp(pattern).test(`/repo/tests/e2e/${file}`));
  expect(e2eFiles.filter(ignored('e2e-firefox')).sort()).toEqual(Object.keys(CHROMIUM_ONLY).sort());
  expect(e2eFiles.filter(ignored('e2e'))).toEqual([]);
  // Most of the suite still runs in both engines.
  expect(e2eFiles.length - Object.keys(CHROMIUM_ONLY).length).toBeGreaterThan(e2eFiles.length / 2);
});
