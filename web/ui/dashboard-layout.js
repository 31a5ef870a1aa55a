// The stand-alone page's dashboard (view=full): where each panel goes and
// which panels can be collapsed (collapse= in a link). One line a panel; the
// layout (dashboard.js, styles.css) and the collapse flag (UI_FLAGS.collapse
// in state.js) read this list, nothing else names the panels' places.
//
// Regions: `sidebar` (the controls a lesson asks you to change: dataset,
// activation, initialisation, learning rate), `board` (the pictures, on a
// 12-column grid: `span` columns from 1200 px wide, `wideSpan` from 1800 px),
// `below` (what is used less: the network editor, files). `wideRegion: 'side'`
// gives a panel its own column from 1800 px (1920x1080 uses its width).
// `phoneOrder`: the order on a phone, under the output plot that stays in view.
//
// Pure: no DOM.

export const DASHBOARD_PANELS = Object.freeze([
  { name: 'boundary', title: 'Output', region: 'board', span: 4, wideSpan: 5, phoneOrder: 0 },
  { name: 'network', title: 'Network', region: 'board', span: 8, wideSpan: 7, phoneOrder: 4 },
  { name: 'charts', title: 'Loss and accuracy', region: 'board', span: 6, wideSpan: 12, phoneOrder: 5 },
  { name: 'diagnostics', title: 'Diagnostics', region: 'board', span: 6, wideRegion: 'side', phoneOrder: 6 },
  { name: 'data', title: 'Data', region: 'sidebar', phoneOrder: 2 },
  { name: 'hyper', title: 'Hyperparameters', region: 'sidebar', phoneOrder: 1 },
  { name: 'hidden', title: 'Network editor', region: 'below', phoneOrder: 3 },
  { name: 'exports', title: 'Save and load', region: 'below', phoneOrder: 7 },
].map((panel) => Object.freeze(panel)));

/** The names collapse= takes: the panels' data-control names, as hide= and lock= use them. */
export const COLLAPSIBLE_PANELS = Object.freeze(DASHBOARD_PANELS.map((panel) => panel.name));

/**
 * Reads collapse= ("network,diagnostics"): {value} with the known names in
 * declared order, once each, and an `error` naming the field, the unknown
 * names and the allowed ones when some are unknown (the known ones still count).
 */
export function parseCollapse(text) {
  const names = String(text).split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !COLLAPSIBLE_PANELS.includes(name));
  const value = COLLAPSIBLE_PANELS.filter((name) => names.includes(name));
  if (!unknown.length) return { value };
  const quoted = unknown.slice(0, 3).map((name) => JSON.stringify(name)).join(', ') + (unknown.length > 3 ? ', ...' : '');
  return {
    value,
    error: `collapse: ${unknown.length === 1 ? 'unknown panel' : `${unknown.length} unknown panels`} ${quoted} ignored; the panels are ${COLLAPSIBLE_PANELS.join(', ')}`,
  };
}

/** The collapse list with `name` collapsed or expanded, in declared order. */
export function withCollapsed(list, name, collapsed) {
  return COLLAPSIBLE_PANELS.filter((panel) => (panel === name ? collapsed : list.includes(panel)));
}
