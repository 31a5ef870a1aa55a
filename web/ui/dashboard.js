// Lays the panels out as dashboard-layout.js declares them: each into its
// region (layout.js's columns), with its grid spans and phone order as CSS
// custom properties that styles.css reads, and a collapse button in its
// header (aria-expanded) whose choice the state keeps (ui.collapse, a link's
// collapse=). A panel the list does not name stays where it was put.

import { el, uid } from './dom.js';
import { DASHBOARD_PANELS } from './dashboard-layout.js';

/**
 * layout: layout.js's containers, after every panel is in. onToggle(name, collapsed): the reader
 * pressed a panel's button. Returns {update(collapsed: names)}.
 */
export function createDashboard(layout, { onToggle }) {
  const regions = { sidebar: layout.left, board: layout.centre, below: layout.right };
  const buttons = new Map();
  for (const panel of DASHBOARD_PANELS) {
    const section = layout.shell.querySelector(`section.panel[data-control="${panel.name}"]`);
    if (!section) continue;
    regions[panel.region].append(section);
    section.dataset.region = panel.region;
    if (panel.wideRegion) section.dataset.wideRegion = panel.wideRegion;
    if (panel.span) section.style.setProperty('--span', String(panel.span));
    if (panel.wideSpan) section.style.setProperty('--wide-span', String(panel.wideSpan));
    section.style.setProperty('--phone-order', String(panel.phoneOrder));
    buttons.set(panel.name, addCollapseButton(section, panel, onToggle));
  }
  return {
    /** The panels folded to their header now (the state's ui.collapse). */
    update(collapsed) {
      for (const [name, { section, button }] of buttons) {
        const folded = collapsed.includes(name);
        if (section.classList.contains('is-collapsed') === folded) continue;
        section.classList.toggle('is-collapsed', folded);
        button.setAttribute('aria-expanded', String(!folded));
        button.title = `${folded ? 'Expand' : 'Collapse'} ${button.dataset.title}`;
      }
    },
  };
}

/** The header row: the panel's heading and, at its end, the button that folds the panel to it. */
function addCollapseButton(section, panel, onToggle) {
  const heading = section.querySelector(':scope > h2');
  if (!section.id) section.id = uid(`panel-${panel.name}`);
  const button = el('button', {
    type: 'button', class: 'collapse-button', 'aria-expanded': 'true', 'aria-controls': section.id,
    'aria-label': `${panel.title} panel`, title: `Collapse ${panel.title}`, 'data-collapse': panel.name,
    onClick: () => onToggle(panel.name, button.getAttribute('aria-expanded') === 'true'),
  });
  button.dataset.title = panel.title;
  const header = el('div', { class: 'panel-header' });
  if (heading) section.insertBefore(header, heading).append(heading);
  else section.prepend(header);
  header.append(button);
  return { section, button };
}
