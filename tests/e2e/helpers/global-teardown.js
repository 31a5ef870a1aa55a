// Removes the build that global-setup.js made for the run.
import { BUILT_PAGE_ENV, removeDir } from './page-server.js';

export default async function globalTeardown() {
  removeDir(process.env[BUILT_PAGE_ENV]);
  delete process.env[BUILT_PAGE_ENV];
}
