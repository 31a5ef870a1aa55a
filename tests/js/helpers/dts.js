// Reads a hand-written .d.ts for tests that hold it to the runtime: the
// members of an interface or class, the names of a string union. Comments are
// dropped first. (A reader, not a parser: enough for the files written here.)
import { readFileSync } from 'node:fs';

export function readDts(url) {
  const text = readFileSync(url, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

  /** The body of `interface Name ... {...}` or `class Name ... {...}`. */
  function block(kind, name) {
    const start = text.search(new RegExp(`\\b${kind} ${name}\\b[^{]*\\{`));
    if (start < 0) throw new Error(`no ${kind} ${name}`);
    let depth = 0;
    for (let i = text.indexOf('{', start); i < text.length; i++) {
      if (text[i] === '{') depth++;
      if (text[i] === '}' && --depth === 0) return text.slice(text.indexOf('{', start) + 1, i);
    }
    throw new Error(`unterminated ${kind} ${name}`);
  }

  /** Member names at the top level of a block: `name(`, `name?:`, `readonly name:`, `static name(`, `name<K>(`. */
  function members(kind, name) {
    const names = new Set();
    let depth = 0;
    for (const line of block(kind, name).split(/[;\n]/)) {
      if (depth === 0) {
        const match = /^\s*(?:static\s+)?(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/.exec(line);
        if (match) names.add(match[1]);
      }
      depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
    }
    return [...names].sort();
  }

  /** The quoted names of `type Name = 'a' | 'b'`. */
  function union(name) {
    const match = new RegExp(`type ${name} =([^;]*);`).exec(text);
    if (!match) throw new Error(`no type ${name}`);
    return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
  }

  /** Names after `export declare const|function|class`. */
  const declared = () => [...text.matchAll(/export declare (?:const|function|class) ([A-Za-z_$][\w$]*)/g)].map((m) => m[1]).sort();

  return { text, block, members, union, declared };
}
