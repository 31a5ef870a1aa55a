#!/usr/bin/env node
// The lesson presets of web/shared/presets.js as configs for the native core,
// for the experiments and, run as a program, for the relu-train CLI:
//   node lessons/lib/presets.mjs dead-relu-high-lr | build/native/relu-train - --epochs 50
//   node lessons/lib/presets.mjs --list
// Options: --set key=value (JSON value, repeatable) changes a field.

import { pathToFileURL } from 'node:url';
import { PRESETS } from '../../web/shared/presets.js';

export function findPreset(id) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset called ${JSON.stringify(id)} (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

/** A copy of a preset's partial config with `changes` applied (the core fills in the defaults). */
export function presetConfig(id, changes = {}) {
  return { ...structuredClone(findPreset(id).config), ...changes };
}

/** The page link of a preset, relative to the page (web/index.html). */
export const presetLink = (id) => `index.html?lesson=${encodeURIComponent(findPreset(id).id)}`;

const USAGE = 'usage: node lessons/lib/presets.mjs ID [--set key=value ...] | --list';

function main(args) {
  if (args.includes('--help') || args.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--list') {
    for (const p of PRESETS) process.stdout.write(`${p.id}\t${p.title}\n`);
    return 0;
  }
  const [id, ...rest] = args;
  const changes = {};
  for (let i = 0; i < rest.length; i++) {
    const assignment = rest[i] === '--set' ? rest[++i] : null;
    const match = assignment && /^([A-Za-z0-9]+)=(.*)$/.exec(assignment);
    if (!match) throw new Error(`expected --set key=value, got ${JSON.stringify(rest[i])}\n${USAGE}`);
    let value;
    try { value = JSON.parse(match[2]); } catch { value = match[2]; }  // bare words are strings
    changes[match[1]] = value;
  }
  process.stdout.write(`${JSON.stringify(presetConfig(id, changes))}\n`);
  return 0;
}

// Run as a program (not imported): the command line above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`lessons/lib/presets.mjs: ${error.message}\n`);
    process.exitCode = 2;
  }
}
