// Entry of the stand-alone page: one playground bound to the page URL (its
// #fragment; old ?query links are read and rewritten), so links share the
// setup and back/forward walk through changes. The page is also the iframe
// embed: #embed=true&hide=...&lock=... (or ?embed=true) focus the view, and
// origins=... lets those parent pages drive it by postMessage (frame-messages.js).
import { mountPlayground } from './app.js';
import { createFrameMessages } from './frame-messages.js';
import { pymChildId, pymHeightMessage } from './pym.js';

const framed = window.parent !== window;
// Read before mounting: the page rewrites an address's ?query into its #fragment.
const pymId = framed ? pymChildId(window.location.search) : null;
// The page alone is always in view; in a frame it loads when scrolled near and trains only in view (lifecycle.js),
// and a lesson opens on the view its text talks about (view=auto).
const playground = mountPlayground(document.getElementById('playground'), { useUrl: true, alwaysInView: !framed, embedded: framed });
// Exposed for the end-to-end tests and for curious users in the console.
window.reluPlayground = playground;

// The stand-alone page links to the tutorial built beside it (web/tutorial); an embed has no use for it.
if (!framed && !playground.getState().ui.embed) {
  const tutorialLink = Object.assign(document.createElement('a'), { className: 'tutorial-link', href: './tutorial/index.html', textContent: 'Tutorial: why ReLU works, and when it fails' });
  document.querySelector('#playground .tagline')?.after(tutorialLink);
}

// A file dropped beside the playground (in the page's margins) would make the
// browser open it and leave the page, and the trained weights with it.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (event) => {
    if (Array.from(event.dataTransfer?.types ?? []).includes('Files')) event.preventDefault();
  });
}

if (framed) {
  const messages = createFrameMessages({
    api: playground,
    ownOrigin: window.origin,
    origins: playground.getState().ui.origins,
    target: window.parent,
    parentOrigin: window.location.ancestorOrigins?.[0] ?? null,
  });
  window.addEventListener('message', messages.handle);
}
if (pymId) {
  // To any origin: a height is no secret (it follows from the frame's own link
  // and width), and a Pym parent on a CMS page is rarely listed in origins=.
  playground.on('resize', ({ height }) => window.parent.postMessage(pymHeightMessage(pymId, height), '*'));
}
