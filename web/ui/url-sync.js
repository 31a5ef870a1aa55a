// The page address as a projection of the state: written after each move
// (the #fragment, serializeState), read back on back/forward and on an edited
// fragment. Only with mountPlayground's useUrl; an embedded playground leaves
// the host page's address alone.

import { parseQuery, serializeState, locationParams, linkOmitsPoints, LINK_POINTS_MAX_CHARS } from './state.js';
import { pointsToCsv } from './csv.js';
import { download } from './dom.js';

/** {write(state, push), destroy()}; onMove(state, notices) when the address moves. */
export function createUrlSync({ useUrl, presets, notices, onMove }) {
  let urlState = null; // the address last written or read, so popstate and hashchange for one move act once
  let omittedShown = 0;
  let latest = null; // the state last written: the CSV button saves its points
  const here = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

  function write(state, push) {
    if (!useUrl) return;
    const query = serializeState(state, presets);
    const url = `${window.location.pathname}${query ? `#${query}` : ''}`;
    showOmittedPoints(state);
    urlState = url;
    if (here() === url) return;
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  /** Past LINK_POINTS_MAX_CHARS the link leaves the points out: say so, and offer them as CSV. */
  function showOmittedPoints(state) {
    const omitted = linkOmitsPoints(state);
    if (omitted === omittedShown) return; // once per change, not at every edit
    omittedShown = omitted;
    if (!omitted) {
      notices.clear('link-points');
      return;
    }
    const item = notices.show(`The link to this page leaves out your ${omitted.toLocaleString('en')} custom points (too many for a link: `
      + `it holds about ${LINK_POINTS_MAX_CHARS.toLocaleString('en')} characters of points). To share them, save them as CSV.`,
    { kind: 'warn', key: 'link-points' });
    if (item.querySelector('[data-action="link-points-csv"]')) return; // the notice was updated, not added
    const save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save points CSV';
    save.dataset.action = 'link-points-csv';
    // The points of the state now, not of the state the notice was first shown for.
    save.addEventListener('click', () => download('points.csv', pointsToCsv(latest.config.points), 'text/csv'));
    item.insertBefore(save, item.lastChild);
  }

  // Back/forward (popstate) and an edited fragment (hashchange) both bring a
  // new address; a move between entries can fire both, so each address acts once.
  const onPopState = () => {
    if (here() === urlState) return;
    const next = parseQuery(locationParams(window.location.search, window.location.hash), presets);
    onMove(next.state, next.notices);
  };
  if (useUrl) {
    window.addEventListener('popstate', onPopState);
    window.addEventListener('hashchange', onPopState);
  }

  return {
    write(state, push) {
      latest = state;
      write(state, push);
    },
    destroy() {
      if (!useUrl) return;
      window.removeEventListener('popstate', onPopState);
      window.removeEventListener('hashchange', onPopState);
    },
  };
}
