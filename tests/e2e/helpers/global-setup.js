// Builds the page once for the whole end-to-end run: each test file then
// serves its own copy (buildPage), instead of running Vite itself (a build
// each, about 15 s on two cores). Jest starts its workers after this, so they
// inherit the variable. A build given from outside (scripts/test.sh builds
// one for both engines' runs, which run at the same time) is left to its owner.
import { buildPage, BUILT_PAGE_ENV, OWN_BUILD_ENV } from './page-server.js';

export default async function globalSetup() {
  if (process.env[BUILT_PAGE_ENV]) return;
  process.env[BUILT_PAGE_ENV] = await buildPage();
  process.env[OWN_BUILD_ENV] = process.env[BUILT_PAGE_ENV];
}
