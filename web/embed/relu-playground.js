// <relu-playground> custom element: a playground inside a shadow root, so a
// tutorial page can drop several in without style clashes.
//
//   <script type="module" src=".../embed/relu-playground.js"></script>
//   <relu-playground config="lesson=dead-relu-high-lr&hide=data" wasm-base="./wasm/"></relu-playground>
//
// Attributes: config (a query string, as in the page URL), wasm-base (where
// relu-core-*.{mjs,wasm} are served; default: the wasm/ folder of the build
// this file belongs to), view and theme (as view= and theme= in config; they
// win over it). Changing `config` applies the new state to the running
// playground; changing view or theme sets just that flag.
//
// The public API (docs/EMBEDDING.md) as element methods: getState(),
// setState(patch), play(), pause(), step({steps|epochs}), reset(),
// loadLesson(id); its events (ready, progress, diverged, statechange, error,
// resize) as CustomEvents on the element, with the data in `detail`.
//
// wasm-base must be on the page's origin or the one this file came from: the
// core is script, and an attribute is all a CMS author needs to write. Another
// origin loads only after the page's own script allows it:
//   ReluPlaygroundElement.allowWasmOrigins(['https://cdn.example']);
import { mountPlayground } from '../ui/app.js';
import { checkWasmBase, originOf } from '../shared/wasm-origin.js';
import { API_EVENTS } from '../ui/public-api.js';
import { decodeFlag } from '../ui/state.js';
import { OWN_CODE_ORIGIN } from '../ui/wasm-source.js';

// Attributes that stand for one view flag each.
const FLAG_ATTRIBUTES = ['view', 'theme'];

const allowedOrigins = new Set();
// Elements whose wasm-base was refused: allowWasmOrigins() mounts them again.
const refused = new Set();

export class ReluPlaygroundElement extends HTMLElement {
  static observedAttributes = ['config', 'wasm-base', ...FLAG_ATTRIBUTES];

  /**
   * Lets every <relu-playground> of this page load the core from these
   * origins too: a list of 'https://cdn.example' (or any URL on it), or one.
   * Throws a TypeError, allowing nothing, when an entry is not an http(s) origin.
   */
  static allowWasmOrigins(origins) {
    const list = Array.from(typeof origins === 'string' ? [origins] : origins, originOf);
    for (const origin of list) allowedOrigins.add(origin);
    for (const element of [...refused]) if (!element.#checkBase().error) element.#remount();
  }

  connectedCallback() {
    if (this.playground) return;
    // A microtask later, so that a page module importing this file can call allowWasmOrigins() first.
    queueMicrotask(() => {
      if (this.isConnected && !this.playground) this.#mount(this.getAttribute('config') ?? '');
    });
  }

  attributeChangedCallback(name, previous, next) {
    if (!this.playground || previous === next) return;
    if (name === 'config') {
      this.playground.setQuery(next ?? '');
      this.#applyFlagAttributes();
    } else if (name === 'wasm-base') this.#remount();
    else this.#applyFlagAttributes([name]);
  }

  disconnectedCallback() {
    refused.delete(this);
    this.playground?.destroy();
    this.playground = null;
    this.shadowRoot?.replaceChildren();
  }

  /** The current state as a query string (to build a share link). */
  get query() {
    return this.playground?.getQuery() ?? '';
  }

  // --- The public API: the mountPlayground() handle's methods. Before the
  // element has mounted (a microtask after it is connected), getState() is
  // null and the others reject.
  getState() {
    return this.playground?.getState() ?? null;
  }

  setState(patch) { return this.#call('setState', patch); }

  play() { return this.#call('play'); }

  pause() { return this.#call('pause'); }

  step(amount) { return this.#call('step', amount); }

  reset() { return this.#call('reset'); }

  loadLesson(id) { return this.#call('loadLesson', id); }

  #call(method, ...args) {
    if (!this.playground) return Promise.reject(new Error(`relu-playground: ${method}() before the element is in the page; call it after the 'ready' event`));
    return this.playground[method](...args);
  }

  #mount(query) {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const checked = this.#checkBase();
    if (checked.error) {
      refused.add(this);
      const message = document.createElement('p');
      message.className = 'relu-playground-refused';
      message.setAttribute('role', 'alert');
      message.textContent = `${checked.error} Loading the playground's own copy of the core instead.`;
      shadow.append(message);
    } else {
      refused.delete(this);
    }
    const host = document.createElement('div');
    shadow.append(host);
    this.playground = mountPlayground(host, { query, wasmBaseUrl: checked.url, allowedWasmOrigins: [...allowedOrigins], embedded: true });
    // The handle's events, as the element's: they end with the handle (destroy clears its listeners).
    for (const type of API_EVENTS) this.playground.on(type, (detail) => this.dispatchEvent(new CustomEvent(type, { detail })));
    this.#applyFlagAttributes();
  }

  /**
   * The view and theme attributes, checked as a link's values are: a bad one
   * is left out with a notice naming the attribute and its allowed values;
   * a removed one goes back to auto.
   */
  #applyFlagAttributes(names = FLAG_ATTRIBUTES) {
    const patch = {};
    for (const name of names) {
      const text = this.getAttribute(name);
      if (text === null) {
        if (this.playground.getState().ui[name] !== 'auto' && !this.#configNames().has(name)) patch[name] = 'auto';
        continue;
      }
      const { value, error } = decodeFlag(name, text);
      if (error) this.playground.showNotice(`Ignored the ${name} attribute: ${error}`, { kind: 'warn' });
      else patch[name] = value;
    }
    if (Object.keys(patch).length) this.playground.setState(patch).catch((error) => this.playground.showNotice(error.message, { kind: 'warn' }));
  }

  /** The names the config attribute sets. */
  #configNames() {
    return new Set(new URLSearchParams(this.getAttribute('config') ?? '').keys());
  }

  /** wasm-base against the page's origin and the allowed ones: {url?, error?}. */
  #checkBase() {
    const base = this.getAttribute('wasm-base');
    if (base === null) return {};
    return checkWasmBase(base, {
      name: 'wasm-base', baseUrl: document.baseURI, pageOrigin: globalThis.origin, allowed: [...allowedOrigins, ...(OWN_CODE_ORIGIN ? [OWN_CODE_ORIGIN] : [])],
      howToAllow: (origin) => `ReluPlaygroundElement.allowWasmOrigins(['${origin}'])`,
    });
  }

  #remount() {
    if (!this.playground) return;
    const query = this.playground.getQuery();
    this.playground.destroy();
    this.playground = null;
    this.#mount(query);
  }
}

if (!customElements.get('relu-playground')) customElements.define('relu-playground', ReluPlaygroundElement);
