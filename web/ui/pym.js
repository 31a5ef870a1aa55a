// The auto-height message of Pym.js (a responsive-iframe convention many CMS
// plugins speak): a Pym parent loads the frame with ?childId=<id> (and
// initialWidth, parentTitle, parentUrl) and sizes the iframe from strings
// "pym" xPYMx <id> xPYMx "height" xPYMx <pixels>. Pure.

const DELIMITER = 'xPYMx';
/** The parameters a Pym parent adds to the frame's address: read here, not errors of the link. */
export const PYM_PARAMS = Object.freeze(['initialWidth', 'childId', 'parentTitle', 'parentUrl']);
// A Pym id is the parent's container id; anything else is not echoed into messages.
const CHILD_ID = /^[\w-]{1,100}$/;

/** The childId a Pym parent gave in the address's query (`location.search`), or null. */
export function pymChildId(search) {
  const id = new URLSearchParams(String(search ?? '')).get('childId');
  return id !== null && CHILD_ID.test(id) ? id : null;
}

/** The height message for a Pym parent. */
export function pymHeightMessage(childId, height) {
  return ['pym', childId, 'height', String(Math.ceil(height))].join(DELIMITER);
}
