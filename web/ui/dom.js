// Small DOM helpers shared by the components. Everything is created inside a
// given container; nothing touches globals beyond `document` itself.

/**
 * Creates an element. props: class, text, on<Event> handlers, `style` object,
 * and any attribute (true -> present, false/null/undefined -> absent).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'style') Object.assign(node.style, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'value' || key === 'checked' || key === 'selected') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let nextId = 0;
/** A page-unique id for label/for and aria references (several playgrounds may share a page). */
export function uid(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** Offers a Blob or text to the user as a file download. */
export function download(filename, data, type = 'text/plain') {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename, style: { display: 'none' } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Sizes a canvas for crisp drawing at the device pixel ratio; returns the 2D context. */
export function sizeCanvas(canvas, cssWidth, cssHeight) {
  const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
  const width = Math.max(1, Math.round(cssWidth * ratio));
  const height = Math.max(1, Math.round(cssHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  // Writing styles, even unchanged, invalidates layout: only when they differ.
  if (canvas.style.width !== `${cssWidth}px`) canvas.style.width = `${cssWidth}px`;
  if (canvas.style.height !== `${cssHeight}px`) canvas.style.height = `${cssHeight}px`;
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

/** Formats a number compactly for labels (3 significant digits, exponent when tiny or huge). */
export function formatValue(value) {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

/**
 * Canvases stacked in one box, flattened onto white, bottom first, at the
 * largest one's resolution (a smaller layer, e.g. a grid CSS-scaled to the
 * box, is scaled up: smoothly unless `smooth` is false). For PNG exports.
 */
export function flattenCanvases(layers, { smooth = true } = {}) {
  const out = document.createElement('canvas');
  out.width = Math.max(...layers.map((layer) => layer.width));
  out.height = Math.max(...layers.map((layer) => layer.height));
  const context = out.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, out.width, out.height);
  context.imageSmoothingEnabled = smooth;
  for (const layer of layers) context.drawImage(layer, 0, 0, out.width, out.height);
  return out;
}
