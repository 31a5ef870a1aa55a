#!/usr/bin/env node
// npm run bench: this project's core (SIMD128 and scalar WASM builds, and
// native) side by side with TensorFlow.js 4.22 (wasm and cpu backends) and
// ConvNetJS 0.3, under Node and in headless Chromium, in one run.
//
//   node bench/run.mjs [--smoke] [--only=W1,K1.fwd,...] [--impl=relu-simd,tfjs-wasm,...]
//                      [--no-node] [--no-browser] [--no-native] [--markdown] [--out=FILE]
//                      [--fresh-core]   (build the core from the current sources instead of
//                                        using wasm-build/dist, into build/bench-core-*)
//   node bench/run.mjs --report=FILE [--markdown]   (prints the tables of a saved run)
//
// Prints the medians with their min-max and the target ratios of issue #5,
// and writes everything as JSON to bench/results/ (git-ignored). --smoke runs
// every workload once, to prove the harness works (CI): it asserts that every
// implementation ran and that their losses agree, never anything about time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchModule, buildCore, buildNative, buildTfjsBundles, newestMtime } from './js/harness/build.mjs';
import { runInChromium } from './js/harness/browser.mjs';
import { crossCheck } from './js/harness/checks.mjs';
import { runNativeCore, runNativeGemm } from './js/harness/native.mjs';
import { nodeLoaders } from './js/harness/node-env.mjs';
import { evaluateTargets, formatTable, formatTargets, tableRows } from './js/harness/report.mjs';
import { MODES } from './js/harness/stats.mjs';
import { digitsLoader, implementations } from './js/workloads/implementations.mjs';
import { runImplementation } from './js/workloads/suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = {
    smoke: false, only: null, impls: null, node: true, browser: true, native: true, markdown: false, out: null, report: null,
    freshCore: false,
  };
  for (const arg of argv) {
    const [name, value] = arg.split('=');
    if (name === '--smoke') options.smoke = true;
    else if (name === '--only') options.only = value.split(',');
    else if (name === '--impl') options.impls = value.split(',');
    else if (name === '--no-node') options.node = false;
    else if (name === '--no-browser') options.browser = false;
    else if (name === '--no-native') options.native = false;
    else if (name === '--markdown') options.markdown = true;
    else if (name === '--out') options.out = value;
    else if (name === '--report') options.report = value;
    else if (name === '--fresh-core') options.freshCore = true;
    else throw new Error(`unknown argument ${arg} (see the comment at the top of bench/run.mjs)`);
  }
  return options;
}

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? cpus()[0]?.model;
  const version = (command, args) => {
    try {
      return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n')[0].trim();
    } catch {
      return 'unavailable';
    }
  };
  const dirty = version('git', ['status', '--porcelain', '--untracked-files=no', '--', 'cpp', 'bench', 'web']);
  return {
    cpu, cores: cpus().length, node: process.version,
    emcc: version('emcc', ['--version']), gxx: version('g++', ['--version']),
    commit: `${version('git', ['rev-parse', '--short', 'HEAD'])}${dirty && dirty !== 'unavailable' ? ' (with uncommitted changes)' : ''}`,
  };
}

const log = (line) => process.stderr.write(`${line}\n`);
const logFigure = (f) => log(`  ${f.env} ${f.impl} ${f.metric}: ${f.value.toPrecision(4)} ${f.unit}`);

function printTables(results, targets, markdown) {
  process.stdout.write(`\n${formatTable(tableRows(results), markdown)}\n\n${formatTargets(targets, markdown)}\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.report) {
    const saved = JSON.parse(readFileSync(options.report, 'utf8'));
    // Targets are recomputed, so a saved run shows the current list.
    printTables(saved.results, evaluateTargets(saved.results), options.markdown);
    return;
  }
  const only = options.only ? (id) => options.only.some((prefix) => id.startsWith(prefix)) : () => true;
  const mode = options.smoke ? MODES.smoke : MODES.full;
  const started = Date.now();
  const errors = [];
  const results = [];
  const checks = { node: {}, chromium: {} };

  log('== building the bench artefacts (incremental)');
  const tfjs = await buildTfjsBundles(root);
  const benchModules = {};
  for (const variant of ['simd', 'scalar']) {
    try {
      benchModules[variant] = buildBenchModule(root, variant);
    } catch (error) {
      errors.push(error.message);
      benchModules[variant] = null;
    }
  }
  const coreDirs = { simd: null, scalar: null };
  if (options.freshCore) {
    for (const variant of ['simd', 'scalar']) {
      try {
        coreDirs[variant] = buildCore(root, variant);
      } catch (error) {
        errors.push(error.message);
      }
    }
  } else {
    const dist = join(root, 'wasm-build', 'dist', 'relu-core-simd.wasm');
    if (existsSync(dist) && statSync(dist).mtimeMs < newestMtime(join(root, 'cpp'))) {
      log('warning: wasm-build/dist is older than cpp/: run wasm-build/build.sh, or pass --fresh-core');
    }
  }
  const wantedImpl = (id) => !options.impls || options.impls.includes(id);

  if (options.node) {
    log(`== Node ${process.version}`);
    const loaders = nodeLoaders(root, { tfjs, benchModules, coreDirs });
    const digits = digitsLoader(loaders);
    for (const impl of implementations('node', loaders)) {
      if (!wantedImpl(impl.id)) continue;
      try {
        const outcome = await runImplementation(impl, mode, { only, log: logFigure, digits });
        results.push(...outcome.results);
        checks.node[impl.id] = outcome.checks;
      } catch (error) {
        errors.push(`node ${impl.id}: ${error.stack ?? error.message}`);
      }
    }
  }

  if (options.native && (wantedImpl('native') || wantedImpl('eigen-sse2'))) {
    log('== native');
    try {
      const binDir = buildNative(root);
      if (wantedImpl('native')) {
        const core = runNativeCore(binDir, { smoke: options.smoke, only });
        results.push(...core.results);
        core.results.forEach(logFigure);
        checks.node.native = core.checks;
      }
      if (wantedImpl('eigen-sse2')) {
        const gemm = runNativeGemm(binDir, { smoke: options.smoke, only });
        results.push(...gemm.results);
        gemm.results.forEach(logFigure);
        gemm.skipped.forEach((s) => log(`  skipped ${s}`));
      }
    } catch (error) {
      errors.push(`native: ${error.message}`);
    }
  }

  let chromiumVersion = null;
  if (options.browser) {
    log('== Chromium');
    try {
      const toUrl = (path) => (path ? relative(root, path) : null);
      const outcome = await runInChromium(root, {
        smoke: options.smoke,
        only: options.only,
        impls: options.impls,
        paths: {
          tfjs: toUrl(tfjs.browser),
          benchModules: { simd: toUrl(benchModules.simd), scalar: toUrl(benchModules.scalar) },
          coreDirs: { simd: toUrl(coreDirs.simd), scalar: toUrl(coreDirs.scalar) },
        },
      }, log);
      results.push(...outcome.results);
      Object.assign(checks.chromium, outcome.checks);
      errors.push(...outcome.errors);
      chromiumVersion = outcome.version;
    } catch (error) {
      errors.push(`chromium: ${error.message}`);
    }
  }

  const disagreements = [...crossCheck('node', checks.node), ...crossCheck('chromium', checks.chromium)];
  const targets = evaluateTargets(results);
  const variants = [...new Set(results.map((r) => `  ${r.env} ${r.impl}: ${r.variant}`))];
  log(`\nwhat ran:\n${variants.join('\n')}`);
  if (options.smoke) process.stdout.write('\n(--smoke: every figure is one unwarmed run; they prove the harness works, nothing else)\n');
  printTables(results, targets, options.markdown);

  const report = {
    date: new Date(started).toISOString(),
    command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    mode: options.smoke ? 'smoke' : 'full',
    seconds: (Date.now() - started) / 1000,
    machine: { ...machine(), chromium: chromiumVersion },
    core: options.freshCore ? 'built from the current sources (--fresh-core)' : 'wasm-build/dist',
    results, targets, checks, disagreements, errors,
  };
  const outFile = options.out ?? join(root, 'bench', 'results', `${options.smoke ? 'smoke' : 'bench'}-${report.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(dirname(outFile), 'latest.json'), `${JSON.stringify(report, null, 1)}\n`);
  log(`\nwrote ${relative(process.cwd(), outFile)} (${report.seconds.toFixed(0)} s)`);

  for (const message of disagreements) log(`LOSSES DISAGREE: ${message}`);
  for (const message of errors) log(`ERROR: ${message}`);
  // A smoke run fails on anything that did not run or did not agree; a full
  // run reports the same but still leaves its figures.
  if (errors.length || disagreements.length) process.exitCode = 1;
}

main().catch((error) => {
  log(error.stack ?? String(error));
  process.exitCode = 1;
});
