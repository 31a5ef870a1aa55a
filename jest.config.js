// Jest runs ES modules natively (no transform):
//   node --experimental-vm-modules node_modules/jest/bin/jest.js
// `unit` needs the WASM builds (wasm-build/dist) but no browser; `e2e` drives
// Debian's chromium through playwright-core against a served build of the page;
// `lessons` asserts each claim of docs/LESSONS.md on the native core;
// `package` installs `npm pack`'s tarball in a fresh folder and uses it.
import { CHROMIUM_ONLY } from './tests/e2e/engines.js';

export default {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: {},
      testMatch: ['<rootDir>/tests/js/**/*.test.js'],
    },
    e2e('e2e', 'chromium'),
    // The same files in Debian's firefox-esr (driven by puppeteer-core, see tests/e2e/helpers/engine.js),
    // but for those tests/e2e/engines.js leaves to Chromium, each with its reason.
    { ...e2e('e2e-firefox', 'firefox'), testPathIgnorePatterns: Object.keys(CHROMIUM_ONLY).map((file) => `/tests/e2e/${escapeRegExp(file)}$`) },
    // The lesson claims, asserted on the native core (see tests/lessons/jest.config.js).
    '<rootDir>/tests/lessons',
    {
      // `npm pack`, installed offline in a temporary folder: Node, a Vite app and an import map (Chromium).
      displayName: 'package',
      testEnvironment: 'node',
      transform: {},
      testMatch: ['<rootDir>/tests/package/**/*.test.js'],
      testTimeout: 120000,
    },
  ],
};

/**
 * The end-to-end project in one engine (`e2e`: chromium, `e2e-firefox`: firefox-esr through
 * puppeteer-core): the page is built once for the run; each file serves its own copy.
 */
function e2e(displayName, engine) {
  return {
    displayName,
    testEnvironment: 'node',
    globalSetup: '<rootDir>/tests/e2e/helpers/global-setup.js',
    globalTeardown: '<rootDir>/tests/e2e/helpers/global-teardown.js',
    setupFiles: [`<rootDir>/tests/e2e/helpers/use-${engine}.js`],
    transform: {},
    testMatch: ['<rootDir>/tests/e2e/**/*.test.js'],
    testTimeout: 120000,
  };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
