// What the page's end-to-end files share beyond useServedPage: where
// screenshots go, the two viewports every visible change is shot at, and a
// page opened at a fragment and ready.
//
//   const { served, open } = useViewPage();
//   const page = await open('lesson=relu-spiral', PHONE);
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './page-server.js';
import { waitReady } from './browser.js';
import { useServedPage } from './served-page.js';

/** Screenshots go to docs/screenshots only on request (RELU_UPDATE_SCREENSHOTS=1), else to build/screenshots. */
export const SHOTS = join(repoRoot, process.env.RELU_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'build/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/**
 * useServedPage(options), with SHOTS made before the first test.
 * Returns {served, open(fragment, viewport = DESKTOP)}: open loads index.html#fragment and waits until it is ready.
 */
export function useViewPage(options) {
  const served = useServedPage(options);
  beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
  async function open(fragment, viewport = DESKTOP) {
    const page = await served.open(`index.html#${fragment}`, viewport);
    await waitReady(page);
    return page;
  }
  return { served, open };
}
