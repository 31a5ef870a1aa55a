// Text contrast as WCAG 2 measures it (1.4.3: 4.5:1, or 3:1 for large text),
// for every visible text of the playground, run in the page. A stand-in for
// axe-core's color-contrast rule (not installed here): the text colour against
// the first opaque background behind it, semi-transparent layers composited,
// the element's opacity applied. Disabled controls are exempt, as in WCAG.

/** In the page: [{text, ratio, needed, color, background}] for each text below its threshold. */
export function lowContrastTexts() {
  const parse = (text) => {
    const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:[,/]\s*([\d.]+))?\)/.exec(text);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const parentOf = (node) => node.parentElement ?? node.getRootNode().host ?? null;
  function background(element) {
    const layers = [];
    for (let node = element; node; node = parentOf(node)) {
      const color = parse(getComputedStyle(node).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  }
  function opacity(element) {
    let value = 1;
    for (let node = element; node; node = parentOf(node)) value *= Number(getComputedStyle(node).opacity);
    return value;
  }
  const roots = [document, ...[...document.querySelectorAll('relu-playground')].map((host) => host.shadowRoot).filter(Boolean)];
  const failures = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      if (!text.textContent.trim() || !element || element.closest('script, style, noscript, option')) continue;
      const visible = element.checkVisibility ? element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : element.getClientRects().length > 0;
      if (!visible) continue;
      // Inactive controls (disabled, or locked by the embedder: inert) are exempt.
      if (element.closest(':disabled, [aria-disabled="true"], [inert]')) continue;
      const style = getComputedStyle(element);
      const back = background(element);
      const fore = over([...parse(style.color).slice(0, 3), parse(style.color)[3] * opacity(element)], back);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      const value = ratio(fore, back);
      if (value < needed) {
        failures.push({ text: text.textContent.trim().slice(0, 40), ratio: Math.round(value * 100) / 100, needed, color: style.color, background: `rgb(${back.slice(0, 3).map(Math.round).join(',')})` });
      }
    }
  }
  return failures;
}
