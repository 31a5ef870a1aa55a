// What the lifecycle tests need the browser to pretend, behind named functions
// so each engine's driver can have its own twin (Playwright: emulateMedia;
// the Firefox twin in engine.js answers the page's matchMedia).

/** prefers-reduced-motion: reduce for `page` (set it before the page loads: it is read at mount). */
export async function emulateReducedMotion(page) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
}

/**
 * Makes the page's tab hidden (or visible again) as the page sees it:
 * document.visibilityState and document.hidden, and a visibilitychange event.
 * Headless Chromium keeps every page "visible" whatever is in front (tried:
 * bringing another tab to front, minimising the window over CDP; neither
 * changes visibilityState nor fires the event), so the event is produced
 * here, the same one a real tab switch sends.
 */
export async function setTabHidden(page, hidden) {
  await page.evaluate((hide) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hide ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hide });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
