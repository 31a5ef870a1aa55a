// Entry of the stand-alone page: one playground bound to the page URL (its
// #fragment; old ?query links are read and rewritten), so links share the
// setup and back/forward walk through changes. The page is also the iframe
// embed: #embed=true&hide=...&lock=... (or ?embed=true) focus the view, and
// origins=... lets those parent pages drive it by postMessage (frame-messages.js).
import { mountPlayground } from './app.js';
import { createFrameMessages } from './frame-messages.js';

// In a frame, a lesson opens on the view its text talks about (view=auto).
const playground = mountPlayground(document.getElementById('playground'), { useUrl: true, embedded: window.parent !== window });
// Exposed for the end-to-end tests and for curious users in the console.
window.reluPlayground = playground;

// A file dropped beside the playground (in the page's margins) would make the
// browser open it and leave the page, and the trained weights with it.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (event) => {
    if (Array.from(event.dataTransfer?.types ?? []).includes('Files')) event.preventDefault();
  });
}

if (window.parent !== window) {
  const messages = createFrameMessages({
    api: playground,
    ownOrigin: window.origin,
    origins: playground.getState().ui.origins,
    target: window.parent,
    parentOrigin: window.location.ancestorOrigins?.[0] ?? null,
  });
  window.addEventListener('message', messages.handle);
}
