#!/usr/bin/env node
// Prints a preset's config as JSON, for the relu-train CLI:
//   node lessons/preset.mjs dead-relu-high-lr | build/native/relu-train - --epochs 50
//   node lessons/preset.mjs --list
// Options: --set key=value (JSON value, repeatable) changes a field.

import { PRESETS } from '../web/shared/presets.js';
import { presetConfig } from './lib/presets.mjs';

const USAGE = 'usage: node lessons/preset.mjs ID [--set key=value ...] | --list';

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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`lessons/preset.mjs: ${error.message}\n`);
  process.exitCode = 2;
}
