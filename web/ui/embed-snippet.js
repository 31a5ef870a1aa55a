// "Embed this": a state of the playground as two snippets a tutorial author
// pastes into a page, an <iframe> of this deployment's page and a
// <relu-playground> element loaded from it. The state travels as the page's
// own link (serializeState), so a snippet opens exactly what parseQuery
// reads back. Pure: no DOM, no window; the page's address comes in as baseUrl.

import { PRESETS } from '../shared/presets.js';
import { embedderControls, isControlName, serializeState } from './state.js';
import { parseOrigins } from './origins.js';
import { VIEW_FLAG_VALUES, THEME_FLAG_VALUES } from './view-layouts.js';

/** Frame sizes offered for the iframe; width is pixels or a percentage of the host's column. */
export const EMBED_SIZES = Object.freeze([
  Object.freeze({ id: 'column', label: 'Text column, 640 × 480', width: '640', height: '480' }),
  Object.freeze({ id: 'wide', label: 'Full width × 720', width: '100%', height: '720' }),
  Object.freeze({ id: 'large', label: 'Large, 960 × 720', width: '960', height: '720' }),
  Object.freeze({ id: 'phone', label: 'Phone, 360 × 740', width: '360', height: '740' }),
]);

// A frame outside these is a typo, not a layout: the page needs about 300 px to show a panel.
export const FRAME_PIXELS = Object.freeze({ min: 200, max: 4000 });
const DEFAULT_SIZE = EMBED_SIZES[0];

/** Text made safe inside a double-quoted HTML attribute (and as element text). */
export function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function checkDimension(name, value, allowPercent, errors) {
  const text = String(value ?? '').trim();
  const pixels = /^\d+$/.test(text) ? Number(text) : NaN;
  if (pixels >= FRAME_PIXELS.min && pixels <= FRAME_PIXELS.max) return String(pixels);
  const percent = allowPercent && /^\d+%$/.test(text) ? Number(text.slice(0, -1)) : NaN;
  if (percent >= 10 && percent <= 100) return text;
  errors.push(`${name}: ${JSON.stringify(text)} is not a frame size; give whole pixels from ${FRAME_PIXELS.min} to ${FRAME_PIXELS.max}`
    + `${allowPercent ? ' or a percentage from 10% to 100%' : ''}`);
  return null;
}

/** The controls of `names` that can be hidden or locked, each once; unknown ones become an error naming the list. */
function checkControls(kind, names, errors) {
  const list = [];
  const unknown = [];
  for (const name of names ?? []) {
    if (!isControlName(name)) unknown.push(name);
    else if (!list.includes(name)) list.push(name);
  }
  if (unknown.length) errors.push(`${kind}: ${unknown.map((n) => JSON.stringify(n)).join(', ')} ${unknown.length === 1 ? 'is not a control' : 'are not controls'} that can be hidden or locked; left out`);
  return list;
}

function checkFlag(name, value, values, fallback, errors) {
  if (value === undefined) return fallback;
  if (values.includes(value)) return value;
  errors.push(`${name}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
  return fallback;
}

/** The page's address without its state: an absolute http(s) URL, or an error. */
function pageAddress(baseUrl) {
  let url;
  try {
    url = new URL(String(baseUrl));
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.hash = '';
  url.search = '';
  return url;
}

/**
 * The two snippets for `state` ({config, ui}, as the controller holds it or
 * getState() gives it). options:
 *   baseUrl   this page's address (location.href): the iframe's src and the
 *             element's script (embed/relu-playground.js beside the page) are absolute
 *   hide, lock  controls to hide and lock (default: the state's own, less the lesson's)
 *   view, theme  view-layouts.js's flag values (default: the state's)
 *   origins   text as typed in origins= ("https://a.example, https://b.example") or a list
 *   autoplay  true or false (default: the state's)
 *   width, height  the iframe's size (default: the first of EMBED_SIZES)
 *   presets   the lessons (default web/shared/presets.js)
 * Returns {iframe, element, query, elementConfig, src, scriptUrl, errors}:
 * query is the iframe's link (the whole state), elementConfig the element's
 * config attribute (view and theme are attributes of their own). Each bad
 * option is left out with an error naming it and what it allows; the
 * snippets are always whole.
 */
export function embedSnippets(state, options = {}) {
  const { presets = PRESETS } = options;
  const errors = [];
  const page = pageAddress(options.baseUrl);
  if (!page) throw new TypeError(`baseUrl: ${JSON.stringify(String(options.baseUrl))} is not an absolute http(s) address of the playground's page`);

  const own = embedderControls({ lessonAdded: { hide: [], lock: [] }, ...state.ui });
  const hide = checkControls('hide', options.hide ?? own.hide, errors);
  const lock = checkControls('lock', options.lock ?? own.lock, errors);
  const view = checkFlag('view', options.view, VIEW_FLAG_VALUES, state.ui.view ?? 'auto', errors);
  const theme = checkFlag('theme', options.theme, THEME_FLAG_VALUES, state.ui.theme ?? 'auto', errors);
  const autoplay = options.autoplay === undefined ? state.ui.autoplay !== false : Boolean(options.autoplay);
  const parsedOrigins = parseOrigins(Array.isArray(options.origins) ? options.origins.join(',') : options.origins ?? '');
  errors.push(...parsedOrigins.errors);
  const width = checkDimension('width', options.width ?? DEFAULT_SIZE.width, true, errors) ?? DEFAULT_SIZE.width;
  const height = checkDimension('height', options.height ?? DEFAULT_SIZE.height, false, errors) ?? DEFAULT_SIZE.height;

  // The lesson brings its own hidden and locked controls; serializeState names only the others.
  const preset = presets.find((p) => p.id === state.ui.lesson) ?? null;
  const withLesson = (kind, chosen) => [...new Set([...(preset?.ui?.[kind] ?? []), ...chosen])];
  const embedded = (ui) => serializeState({
    config: state.config,
    ui: { ...state.ui, hide: withLesson('hide', hide), lock: withLesson('lock', lock), lessonAdded: {}, autoplay, embed: true, ...ui },
  }, presets);
  // The frame gets everything in its link; origins matter only there (postMessage).
  const query = embedded({ view, theme, origins: parsedOrigins.origins });
  const elementConfig = embedded({ view: 'auto', theme: 'auto', origins: [] });

  const src = `${page.href}#${query}`;
  const scriptUrl = new URL('embed/relu-playground.js', page).href;
  const title = preset ? `ReLU Playground: ${preset.title}` : 'ReLU Playground';
  const iframe = `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="${width}" height="${height}" loading="lazy"></iframe>`;
  const attributes = [`config="${escapeAttribute(elementConfig)}"`];
  if (view !== 'auto') attributes.push(`view="${escapeAttribute(view)}"`);
  if (theme !== 'auto') attributes.push(`theme="${escapeAttribute(theme)}"`);
  const element = `<script type="module" src="${escapeAttribute(scriptUrl)}"></script>\n<relu-playground ${attributes.join(' ')}></relu-playground>`;
  return { iframe, element, query, elementConfig, src, scriptUrl, errors };
}
