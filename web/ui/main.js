// Entry of the stand-alone page: one playground bound to the page URL, so
// links share the setup and back/forward walk through changes. The page is
// also the iframe embed: ?embed=true&hide=...&lock=... focus the view.
import { mountPlayground } from './app.js';

const playground = mountPlayground(document.getElementById('playground'), { useUrl: true });
// Exposed for the end-to-end tests and for curious users in the console.
window.reluPlayground = playground;
