// <relu-playground> custom element: a playground inside a shadow root, so a
// tutorial page can drop several in without style clashes.
//
//   <script type="module" src=".../embed/relu-playground.js"></script>
//   <relu-playground config="lesson=dead-relu-high-lr&hide=data" wasm-base="./wasm/"></relu-playground>
//
// Attributes: config (a query string, as in the page URL), wasm-base (where
// relu-core-*.{mjs,wasm} are served; default ./wasm/ next to the page).
// Changing `config` applies the new state to the running playground.
import { mountPlayground } from '../ui/app.js';

export class ReluPlaygroundElement extends HTMLElement {
  static observedAttributes = ['config'];

  connectedCallback() {
    if (this.playground) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const host = document.createElement('div');
    shadow.append(host);
    this.playground = mountPlayground(host, {
      query: this.getAttribute('config') ?? '',
      wasmBaseUrl: this.getAttribute('wasm-base') ?? undefined,
    });
  }

  attributeChangedCallback(name, previous, next) {
    if (name === 'config' && this.playground && previous !== next) this.playground.setQuery(next ?? '');
  }

  disconnectedCallback() {
    this.playground?.destroy();
    this.playground = null;
    this.shadowRoot?.replaceChildren();
  }

  /** The current state as a query string (to build a share link). */
  get query() {
    return this.playground?.getQuery() ?? '';
  }
}

if (!customElements.get('relu-playground')) customElements.define('relu-playground', ReluPlaygroundElement);
