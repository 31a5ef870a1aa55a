// The named views (view= in a link, the element's config, setState) and the
// themes (theme=). A view is the panels a small frame shows first, in order,
// sized so that a 640x480 iframe or a 360 px wide phone shows them without
// scrolling; the other panels follow below. The layout (layout.js, styles.css)
// reads this declaration; nothing else lists the views.
//
// Pure: no DOM.

/**
 * The page's panels a view can name. `section` is the layout's section
 * (its data-control); `part` narrows a section: the charts to the loss
 * chart, the diagnostics to the gradient-norm chart or to the per-layer table.
 */
export const PANELS = Object.freeze({
  boundary: Object.freeze({ section: 'boundary' }),
  network: Object.freeze({ section: 'network' }),
  loss: Object.freeze({ section: 'charts', part: 'loss' }),
  gradients: Object.freeze({ section: 'diagnostics', part: 'gradients' }),
  diagnostics: Object.freeze({ section: 'diagnostics', part: 'table' }),
});

/** The views, by name: the panels each shows first, in order (full: the whole page as laid out). */
export const VIEWS = Object.freeze({
  full: Object.freeze({ panels: Object.freeze([]), about: 'the whole page: data, network, hyperparameters and every chart' }),
  boundary: Object.freeze({ panels: Object.freeze(['boundary']), about: 'the output plot and the data' }),
  'boundary+loss': Object.freeze({ panels: Object.freeze(['boundary', 'loss']), about: 'the output plot beside the loss curves' }),
  'boundary+gradients': Object.freeze({ panels: Object.freeze(['boundary', 'gradients']), about: 'the output plot beside the per-layer gradient norms' }),
  'network+diagnostics': Object.freeze({ panels: Object.freeze(['network', 'diagnostics']), about: 'the network diagram beside the per-layer table (dead units, sparsity, activations)' }),
});

export const VIEW_NAMES = Object.freeze(Object.keys(VIEWS));

/** The view flag's values: a view's name, or auto (the lesson's view when embedded, else full). */
export const VIEW_FLAG_VALUES = Object.freeze(['auto', ...VIEW_NAMES]);

/** The theme flag's values: auto follows the browser's prefers-color-scheme. */
export const THEME_FLAG_VALUES = Object.freeze(['auto', 'light', 'dark']);

/**
 * The view to lay out for `ui` (the state's ui): the one asked for, or with
 * view=auto the lesson's own view when the playground is embedded (an
 * iframe, the element, or embed=true) and the full page otherwise.
 */
export function resolveView(ui, presets, embedded) {
  if (ui.view && ui.view !== 'auto' && Object.hasOwn(VIEWS, ui.view)) return ui.view;
  if (!(embedded || ui.embed) || !ui.lesson) return 'full';
  const preset = presets.find((p) => p.id === ui.lesson);
  return preset?.view && Object.hasOwn(VIEWS, preset.view) ? preset.view : 'full';
}

/** light or dark for `theme` (the flag), given whether the browser prefers dark. */
export function resolveTheme(theme, prefersDark) {
  if (theme === 'light' || theme === 'dark') return theme;
  return prefersDark ? 'dark' : 'light';
}

/**
 * Where each layout section goes in `view`: {section: {order, part}} for the
 * sections the view shows first (order from 0, part as in PANELS, or null
 * for the whole section). Empty for full: the page keeps its own layout.
 */
export function viewPlacement(view) {
  const placement = {};
  VIEWS[view].panels.forEach((name, order) => {
    const { section, part = null } = PANELS[name];
    placement[section] = { order, part };
  });
  return placement;
}
