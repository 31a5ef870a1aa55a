// Builds the page once for the whole end-to-end run: each test file then
// serves its own copy (buildPage), instead of running Vite itself (a build
// each, about 15 s on two cores). Jest starts its workers after this, so they
// inherit the variable.
import { buildPage, BUILT_PAGE_ENV } from './page-server.js';

export default async function globalSetup() {
  if (!process.env[BUILT_PAGE_ENV]) process.env[BUILT_PAGE_ENV] = await buildPage();
}
