// The native probe (lessons/native): building it and running jobs on it.
// Every lesson trains through this one program, so the figures come from the
// same C++ core as the page's WebAssembly build.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = process.env.RELU_LESSONS_BUILD_DIR ?? join(ROOT, 'build/lessons-native');
export const PROBE = join(BUILD_DIR, 'lessons/native/relu-lessons-probe');

function run(command, args, quiet) {
  // Quiet keeps the build's output for the error only (Jest's globalSetup must not chatter).
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-4000) : '';
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})${output}`);
  }
}

/**
 * Configures (once) and builds the probe (and any other `targets`) in
 * BUILD_DIR; the build is incremental, so this is quick when nothing changed.
 * Two jobs at most: the machine is shared. RELU_LESSONS_NO_BUILD=1 skips the
 * build if a probe exists.
 */
export function buildProbe({ quiet = false, targets = [] } = {}) {
  const log = quiet ? () => {} : (text) => process.stderr.write(`${text}\n`);
  // For a checkout whose core is mid-edit: use the probe as last built.
  if (process.env.RELU_LESSONS_NO_BUILD && existsSync(PROBE)) {
    log(`lessons: RELU_LESSONS_NO_BUILD is set, using ${PROBE} as it is`);
    return PROBE;
  }
  if (!existsSync(join(BUILD_DIR, 'CMakeCache.txt'))) {
    log(`lessons: configuring ${BUILD_DIR}`);
    run('cmake', ['-S', ROOT, '-B', BUILD_DIR, '-DRELU_BUILD_TESTS=OFF', '-DCMAKE_BUILD_TYPE=Release'], quiet);
  }
  log('lessons: building relu-lessons-probe');
  run('cmake', ['--build', BUILD_DIR, '-j', '2', '--target', 'relu-lessons-probe', ...targets], quiet);
  return PROBE;
}

/** The relu-train CLI of the same build (buildProbe({targets: ['relu-train']}) builds it). */
export const RELU_TRAIN = join(BUILD_DIR, 'cpp/cli/relu-train');

/**
 * Runs jobs (see lessons/native/probe_main.cc) in one probe process and
 * resolves to their results, in order. A job the probe refuses rejects the
 * whole batch: a lesson must not silently lose a run.
 */
export function runJobs(jobs) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(PROBE, [], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    child.on('error', (error) => reject(new Error(`cannot run ${PROBE}: ${error.message} (build it with buildProbe())`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`relu-lessons-probe exited with ${code}: ${stderr.trim()}`));
      const results = stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
      if (results.length !== jobs.length) {
        return reject(new Error(`relu-lessons-probe answered ${results.length} of ${jobs.length} jobs`));
      }
      const failed = results.findIndex((r) => r.error);
      if (failed >= 0) return reject(new Error(`job ${failed}: ${results[failed].error}\n${JSON.stringify(jobs[failed])}`));
      resolvePromise(results);
    });
    child.stdin.end(jobs.map((job) => JSON.stringify(job)).join('\n') + '\n');
  });
}

/** The last record of a job's result (after its last phase). */
export const lastRecord = (result) => result.records[result.records.length - 1];
/** The record written before any training. */
export const initRecord = (result) => result.records[0];
/** The hidden layers of a record (the output layer is last). */
export const hiddenLayers = (record) => record.layers.slice(0, -1);
