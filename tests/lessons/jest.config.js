// The lesson tests: each claim of docs/LESSONS.md asserted on the native core
// through lessons/native's probe, with fixed seeds and margins taken from the
// 20-seed spreads recorded in docs/lessons/. Run on their own with
//   node --experimental-vm-modules node_modules/jest/bin/jest.js -c tests/lessons/jest.config.js
// or as a project of the root jest.config.js ('<rootDir>/tests/lessons').
export default {
  displayName: 'lessons',
  rootDir: '../..',
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/tests/lessons/**/*.test.js'],
  // Builds the probe once (incremental), before any test file runs.
  globalSetup: '<rootDir>/tests/lessons/build-probe.js',
  testTimeout: 60000,
  setupFilesAfterEnv: ['<rootDir>/tests/lessons/timeout.js'],
};
