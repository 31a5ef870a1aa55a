// Every lesson, in the order of docs/LESSONS.md (the digits reruns last, as
// its section "On real data" is).
import nonlinearity from './01-nonlinearity.mjs';
import regions from './01-regions.mjs';
import sparsity from './02-sparsity.mjs';
import vanishingGradients from './03-vanishing-gradients.mjs';
import initDepth from './04-init-depth.mjs';
import deadRelus from './05-dead-relus.mjs';
import bornDead from './06-born-dead.mjs';
import exploding from './07-exploding.mjs';
import prelu from './08-prelu.mjs';
import cost from './09-cost.mjs';
import { DIGITS_LESSONS } from './digits.mjs';

export const LESSONS = Object.freeze([nonlinearity, regions, sparsity, vanishingGradients, initDepth, deadRelus, bornDead, exploding, prelu, cost, ...DIGITS_LESSONS]);

export function findLesson(name) {
  const lesson = LESSONS.find((l) => l.name === name || String(l.number) === name);
  if (!lesson) throw new Error(`no lesson called ${JSON.stringify(name)} (known: ${LESSONS.map((l) => l.name).join(', ')})`);
  return lesson;
}
