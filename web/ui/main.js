// Entry of the stand-alone page: one playground bound to the page URL (its
// #fragment; old ?query links are read and rewritten), so links share the
// setup and back/forward walk through changes. The page is also the iframe
// embed: #embed=true&hide=...&lock=... (or ?embed=true) focus the view.
import { mountPlayground } from './app.js';

const playground = mountPlayground(document.getElementById('playground'), { useUrl: true });
// Exposed for the end-to-end tests and for curious users in the console.
window.reluPlayground = playground;
