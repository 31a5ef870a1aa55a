#!/usr/bin/env node
// What a full pass (evaluate) and a grid cost now that they run as pieces of
// one layer over a chunk (kEvalPieceFlops in cpp/model/cost.h): the median of
// 5 one-shot calls, and the largest single evaluateWithin() call at a budget
// of one operation (one piece), for a wide and a small network. Pass another
// build's folder to compare, e.g. an older wasm-build/dist.
//
//   node bench/eval-cost.mjs [wasm folder = wasm-build/dist] [simd|scalar]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createTrainer } from '../web/api/index.js';

const base = pathToFileURL(`${resolve(process.argv[2] ?? 'wasm-build/dist')}/`).href;
const build = process.argv[3] ?? 'simd';
const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
const timed = (fn) => { const start = performance.now(); fn(); return performance.now() - start; };

for (const hidden of [[512, 512, 512], [8, 8]]) {
  const trainer = await createTrainer({ seed: 2, numSamples: 2000, hidden, batchSize: 100 }, { build, wasmBaseUrl: base });
  try {
    const evaluate = median(Array.from({ length: 5 }, () => timed(() => trainer.evaluate())));
    const grid = median(Array.from({ length: 5 }, () => timed(() => trainer.evalGrid(64, { hidden: true }))));
    let longestPiece = 0;
    try {
      let finished = false;
      while (!finished) longestPiece = Math.max(longestPiece, timed(() => { finished = trainer.evaluateWithin(1).finished; }));
    } catch {
      longestPiece = 0; // a core from before evaluateWithin
    }
    console.log(`${JSON.stringify(hidden)} (${build}): evaluate ${evaluate.toFixed(1)} ms, 64x64 grid with hidden units ${grid.toFixed(1)} ms, longest evaluation piece ${longestPiece ? `${longestPiece.toFixed(1)} ms` : 'n/a (no evaluateWithin)'}`);
  } finally {
    trainer.delete();
  }
}
