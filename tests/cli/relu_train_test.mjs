// Runs relu-train as a user would and checks what it prints and how it exits.
//   node relu_train_test.mjs <path to relu-train> <case>
// Each case is one CTest test (see CMakeLists.txt). Configs are also checked
// against web/shared/schema.js: the page and the core must accept the same
// configs, fill in the same defaults and reject with the same message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { FIELDS, defaultConfig, validateConfig } from '../../web/shared/schema.js';
import { BAD_CONFIGS, boundaryConfigs } from './cases.mjs';

const [binary, caseName] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = (name) => join(root, 'examples', name);

function run(args, input) {
  const result = spawnSync(binary, args, { input: input ?? '', maxBuffer: 256 << 20 });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout.toString(),
    stderr: result.stderr.toString(),
  };
}

function jsonLines(stdout) {
  const lines = stdout.split('\n').filter((line) => line.length > 0);
  return lines.map((line) => JSON.parse(line));
}

// relu-train's message for a config, or null when it accepts it.
function cliVerdict(configText) {
  const result = run(['-', '--print-config'], configText);
  assert.equal(result.signal, null, `killed by ${result.signal} on ${configText.slice(0, 200)}`);
  if (result.status === 0) return { message: null, config: JSON.parse(result.stdout) };
  assert.equal(result.status, 2, `exit ${result.status} on ${configText.slice(0, 200)}: ${result.stderr}`);
  const prefix = 'relu-train: invalid config: ';
  assert.ok(result.stderr.startsWith(prefix), result.stderr);
  return { message: result.stderr.slice(prefix.length).trimEnd(), config: null };
}

// schema.js's verdict on the same text.
function schemaVerdict(configText) {
  const { config, errors } = validateConfig(JSON.parse(configText));
  return { message: errors.length ? errors[0].message : null, config };
}

// The canonical form writes `activation` as one name when all layers share it.
function normalised(config) {
  const copy = { ...config };
  if (!Array.isArray(copy.activation)) copy.activation = copy.hidden.map(() => copy.activation);
  return copy;
}

// The core keeps reals in single precision: compare those after rounding to float.
function assertSameConfig(cli, js, context) {
  const round = (name, value) => {
    if (name === 'points') return value.map((point) => point.map(Math.fround));
    return FIELDS[name].kind === 'number' ? Math.fround(value) : value;
  };
  const a = normalised(cli);
  const b = normalised(js);
  for (const name of Object.keys(FIELDS)) {
    assert.deepEqual(round(name, a[name]), round(name, b[name]), `${name} in ${context}`);
  }
}

const cases = {
  // The "done means" of issue #2: the example reaches >= 95% test accuracy.
  'example-spiral'() {
    const result = run([example('spiral-relu-he.json'), '--epochs', '300', '--eval-every', '50']);
    assert.equal(result.status, 0, result.stderr);
    const lines = jsonLines(result.stdout);
    assert.equal(lines.length, 7);
    assert.deepEqual(lines.slice(0, 6).map((l) => l.epoch), [50, 100, 150, 200, 250, 300]);
    for (const line of lines.slice(0, 6)) {
      for (const key of ['step', 'learningRate', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']) {
        assert.equal(typeof line[key], 'number', key);
      }
      assert.equal(line.diverged, false);
      assert.equal(line.layers.length, 7);  // six hidden layers and the output
      for (const layer of line.layers.slice(0, 6)) {
        assert.equal(layer.units, 8);
        assert.equal(layer.activation, 'relu');
        assert.equal(layer.histogram.length, 40);
        for (const key of ['preMean', 'preStd', 'actMean', 'actStd', 'sparsity', 'deadUnits', 'weightNorm',
          'gradNorm', 'updateRatio']) assert.equal(typeof layer[key], 'number', key);
      }
    }
    const summary = lines[6];
    assert.equal(summary.summary, true);
    assert.equal(summary.epochs, 300);
    assert.ok(summary.testAccuracy >= 0.95, `test accuracy ${summary.testAccuracy}`);
    assert.deepEqual(summary.config.hidden, [8, 8, 8, 8, 8, 8]);
  },

  // README: the digits example reaches at least 95% test accuracy in 20 epochs.
  'example-digits'() {
    const result = run([example('digits.json'), '--epochs', '20', '--eval-every', '20']);
    assert.equal(result.status, 0, result.stderr);
    const [last, summary] = jsonLines(result.stdout);
    assert.equal(last.epoch, 20);
    assert.equal(last.layers[0].units, 128);
    assert.equal(summary.trainPoints + summary.testPoints, 1797);
    assert.equal(summary.testPoints, 898);
    assert.ok(summary.testAccuracy >= 0.95, `test accuracy ${summary.testAccuracy}`);
    // Untrained, the ten classes are at chance: the accuracy is learned, not given.
    const untrained = jsonLines(run([example('digits.json'), '--epochs', '0']).stdout).at(-1);
    assert.ok(!(untrained.testAccuracy > 0.3), `untrained accuracy ${untrained.testAccuracy}`);
  },

  'line-count'() {
    const every3 = jsonLines(run([example('circle-playground.json'), '--epochs', '7', '--eval-every', '3']).stdout);
    assert.deepEqual(every3.map((l) => l.epoch ?? 'summary'), [3, 6, 7, 'summary']);
    const quiet = jsonLines(run([example('circle-playground.json'), '--epochs=4', '--quiet']).stdout);
    assert.equal(quiet.length, 1);
    assert.equal(quiet[0].epochs, 4);
    const none = jsonLines(run([example('circle-playground.json'), '--epochs', '0']).stdout);
    assert.equal(none.length, 1);
    assert.equal(none[0].step, 0);
    assert.equal(typeof none[0].trainLoss, 'number');  // the untrained network is still evaluated
  },

  // Same config from a file and from stdin: the same bytes out, run after run.
  'stdin-and-determinism'() {
    const fromFile = run([example('spiral3-multiclass.json'), '--epochs', '5']);
    // Re-serialised on one line: the layout of the JSON text must not matter.
    const oneLine = JSON.stringify(JSON.parse(readFileSync(example('spiral3-multiclass.json'), 'utf8')));
    const fromStdin = run(['-', '--epochs', '5'], oneLine);
    assert.equal(fromFile.status, 0, fromFile.stderr);
    assert.equal(fromStdin.stdout, fromFile.stdout);
    assert.equal(run([example('spiral3-multiclass.json'), '--epochs', '5']).stdout, fromFile.stdout);
    const lines = jsonLines(fromFile.stdout);
    assert.equal(lines[0].layers.at(-1).units, 3);  // softmax over three classes
  },

  divergence() {
    const result = run([example('diverging-lr.json'), '--epochs', '20']);
    assert.equal(result.status, 0, result.stderr);
    const lines = jsonLines(result.stdout);
    const summary = lines.at(-1);
    assert.equal(summary.diverged, true);
    assert.equal(typeof summary.divergedCause, 'string');
    assert.ok(summary.divergedCause.length > 0);
    assert.ok(summary.divergedAtStep >= 1);
    assert.ok(summary.epochs < 20, 'training stops at the divergence');
    assert.equal(lines.at(-2).diverged, true);
  },

  'defaults-match-schema'() {
    const cli = cliVerdict('{}');
    assert.equal(cli.message, null);
    assertSameConfig(cli.config, defaultConfig(), '{}');
    assert.deepEqual(Object.keys(cli.config), Object.keys(FIELDS));
  },

  // Hand-written bad configs: exit 2, a message naming the field, as schema.js words it.
  'bad-configs'() {
    for (const { config, field, cppOnly } of BAD_CONFIGS) {
      const cli = cliVerdict(config);
      assert.notEqual(cli.message, null, `accepted: ${config}`);
      assert.ok(cli.message.startsWith(field), `${config}: "${cli.message}" does not name ${field}`);
      if (!cppOnly) assert.equal(cli.message, schemaVerdict(config).message, config.slice(0, 200));
      assert.ok(cli.message.length < 400, `${config.slice(0, 60)}: a message of ${cli.message.length} characters`);
    }
  },

  // Every field at and around its bounds, wrong types: same verdict and message as schema.js.
  'boundaries-match-schema'() {
    let checked = 0;
    for (const config of boundaryConfigs(FIELDS)) {
      const cli = cliVerdict(config);
      const js = schemaVerdict(config);
      assert.equal(cli.message, js.message, config);
      if (js.message === null) assertSameConfig(cli.config, js.config, config);
      checked += 1;
    }
    assert.ok(checked > 150, `only ${checked} configs checked`);
  },

  'input-errors'() {
    const missing = run(['/nonexistent/dir/config.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot open config file "\/nonexistent\/dir\/config\.json": No such file/);
    const directory = run([root]);
    assert.equal(directory.status, 2);
    assert.match(directory.stderr, /cannot read config from/);
    for (const args of [['--epochs'], ['--epochs', 'ten'], ['--epochs', '-1'], ['--eval-every', '0'],
      ['--bogus'], ['a.json', 'b.json'], ['--quiet=1']]) {
      const result = run(args, '{}');
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^relu-train: .*\nusage: relu-train/, args.join(' '));
    }
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: relu-train/);
  },

  // Nothing crashes it: random bytes, every prefix of a config, huge and deep documents.
  garbage() {
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 8;
    };
    const inputs = [];
    for (let i = 0; i < 40; i += 1) {
      inputs.push(Buffer.from(Array.from({ length: random() % 300 }, () => random() % 256)));
    }
    const valid = JSON.stringify({ dataset: 'xor', hidden: [3, 3], activation: ['relu', 'tanh'], points: [[1, 2, 0]] });
    for (let cut = 0; cut < valid.length; cut += 1) inputs.push(valid.slice(0, cut));
    inputs.push('['.repeat(1 << 20), '{"a":'.repeat(100000), `{"seed":${'9'.repeat(5000)}}`,
      `{"noise":1e400}`, `{"noise":-1e-400}`, `{"hidden":[${'1,'.repeat(100000)}1]}`,
      `{"points":[${'[0,0,0],'.repeat(30000)}[0,0,0]]}`, '"\\ud800"', '{"seed":1}\u0000');
    for (const input of inputs) {
      const result = run(['-', '--epochs', '1', '--quiet'], input);
      assert.equal(result.signal, null, `signal on ${String(input).slice(0, 80)}`);
      assert.ok(result.status === 2 || result.status === 0, `exit ${result.status}: ${result.stderr}`);
      if (result.status === 2) assert.ok(result.stderr.length > 0);
    }
  },

  'oversized-input'() {
    const dir = mkdtempSync(join(tmpdir(), 'relu-train-'));
    try {
      const path = join(dir, 'big.json');
      writeFileSync(path, Buffer.alloc((64 << 20) + 10, 0x20));
      const result = run([path]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /larger than 67108864 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (!cases[caseName]) {
  console.error(`unknown case "${caseName}"; known: ${Object.keys(cases).join(', ')}`);
  process.exit(2);
}
cases[caseName]();
console.log(`ok ${caseName}`);
