// Embedding API: mount a playground into any element, or use the
// <relu-playground> custom element. See web/embed/README.md.
export { mountPlayground } from '../ui/app.js';
export { ReluPlaygroundElement } from './relu-playground.js';
export { PRESETS } from '../shared/presets.js';
export { connectPlayground } from './connect.js';
