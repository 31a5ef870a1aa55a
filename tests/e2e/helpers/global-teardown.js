// Removes the build that global-setup.js made for the run, and only that one:
// a build given in RELU_E2E_BUILT_PAGE may still be in use by another run.
import { BUILT_PAGE_ENV, OWN_BUILD_ENV, removeDir } from './page-server.js';

export default async function globalTeardown() {
  if (!process.env[OWN_BUILD_ENV]) return;
  removeDir(process.env[OWN_BUILD_ENV]);
  delete process.env[OWN_BUILD_ENV];
  delete process.env[BUILT_PAGE_ENV];
}
