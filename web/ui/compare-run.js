// Run B of compare mode: its own worker (a second training client, so A and B
// train on two cores), configured as A with B's fields changed
// (compare-link.js), started, paused, stepped and reset with A and held to
// A's step by lockstep.js. Its snapshots (the output grid, the metrics) go to
// a view port; it knows nothing of the DOM.
//
// The controller stays A's: this module reads its state, its wish to play and
// its step, and asks it to hold A (controller.hold) when A runs ahead.

import { changedFields } from '../shared/schema.js';
import { MetricsHistory } from './chart-data.js';
import { gridPlan, outputScale } from './network-layout.js';
import { createSnapshotLoop } from './snapshot-loop.js';
import { createSnapshotCadence } from './snapshot-cadence.js';
import { compareConfig, dearBMessage } from './compare-link.js';
import { lockstep, maxLeadSteps } from './lockstep.js';
import { createFrameMeter } from './frame-meter.js';

const CHART_INTERVAL_MS = 250; // as A's charts (frames.js)

/**
 * deps:
 *   createClient()  a new training client for B (web/shared/client.js, or lazy-client.js)
 *   controller      A's (controller.js): state, playing, progress, info, hold(held), step(amount)
 *   wasm            {baseUrl, origins}, as A's init
 *   view            {show(on), setStructure({layers, config}), setPoints(train, test, problem),
 *                    drawFrame(frame), drawCharts(history, layers), setStatus(text|null)}
 *   notify(text, how)
 *   requestFrame(fn), cancelFrame(id)   requestAnimationFrame, or a test's clock
 *   clock()         ms
 * Returns {follow(state), restart(), publicState(), history, destroy()}.
 */
export function createCompareRun({ createClient, controller, wasm = {}, view, notify, requestFrame, cancelFrame, clock = () => performance.now() }) {
  let client = null;
  let chain = Promise.resolve();
  let sentConfig = null; // the config B's worker has
  let wantedConfig = null;
  let speed = null;
  let info = null;
  let progress = null;
  let metrics = null;
  let stopped = false; // B diverged: it waits for a reset or a new config
  let sentPlaying = false;
  let held = { a: false, b: false };
  let catchingUp = false;
  let staleAStep = null; // after a restart, A's step until A's next snapshot
  let dirty = true;
  const cadence = createSnapshotCadence();
  let lastCharts = -Infinity;
  let plan = null;
  let stepsPerSecond = 0; // B's, as its worker measures it: sets how far apart the runs may drift
  let rafId = 0;
  let loop = null;
  let offDiverged = null;
  const history = new MetricsHistory();
  const meter = createFrameMeter(); // B's own frames drawn per second (getStats().compare)

  function report(error) {
    notify(`Run B: ${error.message ?? String(error)}`, { kind: 'error', key: 'compare-b' });
  }

  function structure(result, config) {
    info = result;
    const samples = config.dataset === 'custom' ? config.points.length : config.numSamples;
    plan = gridPlan(info.layers, 50, samples);
    history.clear();
    progress = { step: 0, epoch: 0 };
    stopped = false;
    cadence.needPoints();
    dirty = true;
    view.setStructure({ layers: info.layers, config });
  }

  function sendSpeed() {
    const flag = controller.state.ui.speed;
    if (!client || !info || flag === speed) return;
    speed = flag;
    client.setSpeed(flag === 'auto' ? { budgetMs: 2, stepsPerFrame: 'auto' } : { budgetMs: 2, epochsPerFrame: Number(flag) }).catch(report);
  }

  function start(config) {
    client = createClient();
    sentPlaying = false;
    speed = null;
    view.show(true);
    view.setStatus('Run B: loading…');
    // A waits while B's core loads, so both set off together.
    held = { a: true, b: false };
    controller.hold(true);
    offDiverged = client.on('diverged', () => {
      stopped = true;
      sentPlaying = false;
      dirty = true;
      view.setStatus('Run B diverged and stopped; A goes on alone until you reset.');
    });
    const starting = client;
    chain = client.init({ config, build: controller.state.ui.build, wasmBaseUrl: wasm.baseUrl, wasmOrigins: wasm.origins }).then((result) => {
      if (client !== starting) return;
      sentConfig = config;
      structure(result, config);
      view.setStatus(null);
      sendSpeed();
      // B starts from the seed's weights at step 0: A, already trained, starts again beside it, or they would not compare.
      if ((controller.progress?.step ?? 0) > 0) {
        notify('Compare: A starts again from step 0 beside B, from the same weights, so the two runs line up step for step.', { key: 'compare-restart', timeoutMs: 8000 });
        controller.reset();
      }
    }, (error) => {
      if (client !== starting) return;
      report(error);
      held = { a: false, b: false };
      controller.hold(false);
    });
    rafId = requestFrame(frame);
    loop = createSnapshotLoop({
      wanted: () => Boolean(info) && (controller.playing || dirty || catchingUp),
      request(now) {
        dirty = false;
        const asking = client;
        return cadence.ask(now, { playing: controller.playing, evaluateEveryMs: plan.evaluateEveryMs }, ({ points, evaluate }) =>
          asking.snapshot({ gridSize: plan.gridSize, hidden: false, points, evaluate, digits: true }).then((snapshot) => ({ snapshot, evaluate, asking })));
      },
      absorb({ snapshot, evaluate, asking }) {
        if (asking !== client) return;
        if (snapshot.trainPoints) view.setPoints(snapshot.trainPoints, snapshot.testPoints, sentConfig.problem);
        history.rewindTo(snapshot.step);
        if (evaluate) {
          history.push(snapshot);
          const { trainLoss, testLoss, trainAccuracy, testAccuracy } = snapshot;
          metrics = { trainLoss, testLoss, trainAccuracy, testAccuracy };
        }
        if (snapshot.busy) dirty = true;
        progress = { step: snapshot.step, epoch: snapshot.epoch };
        if (snapshot.playing) stepsPerSecond = snapshot.stepsPerSecond;
        if (snapshot.diverged) stopped = true;
      },
      draw({ snapshot, asking }, now) {
        if (asking !== client || !(snapshot.grid || snapshot.digits)) return;
        meter.tick(now);
        if (snapshot.digits) view.drawFrame({ digits: snapshot.digits });
        else view.drawFrame({
          grid: snapshot.grid, gridSize: snapshot.gridSize, offset: snapshot.gridNodes - info.layers.at(-1).outputs,
          outputs: info.layers.at(-1).outputs, ...outputScale(sentConfig), multiclass: sentConfig.problem === 'multiclass',
        });
        if (now - lastCharts >= CHART_INTERVAL_MS || !controller.playing) {
          lastCharts = now;
          view.drawCharts(history, snapshot.layers);
        }
      },
      onError: report,
      clock,
    });
  }

  function stop() {
    if (!client) return;
    cancelFrame(rafId);
    loop?.stop();
    offDiverged?.();
    client.terminate();
    client = null;
    info = null;
    sentConfig = null;
    wantedConfig = null;
    progress = null;
    metrics = null;
    history.clear();
    if (held.a) controller.hold(false);
    held = { a: false, b: false };
    view.show(false);
  }

  /** B's worker gets the fields of `config` that differ from what it has, one configure at a time. */
  function reconfigure(config) {
    const configuring = client;
    chain = chain.then(() => {
      if (client !== configuring || !sentConfig) return null;
      const changed = changedFields(sentConfig, config);
      if (!changed.length) return null;
      const patch = Object.fromEntries(changed.map((name) => [name, config[name]]));
      return client.configure(patch).then((result) => {
        if (client !== configuring) return;
        sentConfig = config;
        // A new config trains again after a divergence: its "diverged and stopped" line goes.
        if (stopped) view.setStatus(null);
        if (result.rebuilt) structure(result, config);
        else {
          stopped = false;
          dirty = true;
        }
      }, report);
    });
  }

  /** The worker follows the wish to play, unless held or stopped; the lockstep decides the holds. */
  function frame(now) {
    if (!client) return;
    rafId = requestFrame(frame);
    sendSpeed();
    if (!info) { // B's core is loading: A waits (start)
      loop.frame(now);
      return;
    }
    const aProgress = controller.progress;
    if (staleAStep !== null && aProgress?.step !== staleAStep) staleAStep = null;
    const aStep = staleAStep === null && controller.info ? (aProgress?.step ?? null) : null;
    const decision = lockstep({
      playing: controller.playing,
      maxLead: maxLeadSteps(controller.state.ui.speed, [controller.state.config, sentConfig ?? controller.state.config], stepsPerSecond),
      a: { step: aStep, stopped: false },
      b: { step: info && !catchingUp ? (progress?.step ?? null) : null, stopped },
      held,
    });
    if (decision.held.a !== held.a) controller.hold(decision.held.a);
    held = decision.held;
    const playB = Boolean(info) && controller.playing && !held.b && !stopped;
    if (playB !== sentPlaying) {
      sentPlaying = playB;
      (playB ? client.play() : client.pause()).then(() => { dirty = true; }, report);
    }
    if (decision.catchUp && !catchingUp && !controller.playing) catchUp(decision.catchUp);
    loop.frame(now);
  }

  function catchUp({ run, steps }) {
    catchingUp = true;
    const stepping = client;
    const done = (result) => {
      catchingUp = false;
      dirty = true;
      if (run === 'b' && stepping === client && result && !(result instanceof Error)) progress = { ...progress, step: result.step };
    };
    if (run === 'b') chain = chain.then(() => client.step({ steps })).then(done, (error) => { done(null); report(error); });
    else Promise.resolve(controller.step({ steps })).then(done);
  }

  return {
    history,
    /** The state moved: start, reconfigure or end B. */
    follow(state) {
      if (!state.compare) {
        stop();
        return;
      }
      const { config } = compareConfig(state.config, state.compare);
      if (wantedConfig && JSON.stringify(wantedConfig) === JSON.stringify(config)) return;
      // A grew (a confirmed large network): B, built unasked, waits until A is small again.
      const dear = dearBMessage(config);
      if (dear) {
        stop();
        wantedConfig = config;
        notify(dear, { kind: 'warn', key: 'compare-b' });
        return;
      }
      wantedConfig = config;
      if (!client) start(config);
      else reconfigure(config);
    },
    /** A went back to step 0 (a reset, a new network): B does too, and waits for A's next snapshot. */
    restart() {
      if (!client) return;
      staleAStep = controller.progress?.step ?? null;
      const resetting = client;
      chain = chain.then(() => (client === resetting && info ? client.reset() : null)).then(() => {
        if (client !== resetting) return;
        history.clear();
        progress = { step: 0, epoch: 0 };
        stopped = false;
        dirty = true;
        view.setStatus(null);
      }, report);
    },
    /** getState().compare: B's config, progress and metrics, or undefined without B. */
    publicState() {
      if (!controller.state.compare) return undefined;
      const { config } = compareConfig(controller.state.config, controller.state.compare);
      return structuredClone({ config, progress, metrics });
    },
    get active() { return client !== null; },
    /** B's frames drawn per second and its step, for getStats(). */
    stats: () => ({ fps: meter.fps, step: progress?.step ?? null }),
    destroy: stop,
  };
}
