// The frame driver: one snapshot per display frame (snapshot-loop.js), drawn
// through views.js. The grid and weights come every time; the full pass over
// the data (losses, accuracies, per-layer diagnostics) only every
// plan.evaluateEveryMs while playing. It reads the controller's state and
// tells it about each snapshot (controller.observe); it changes nothing else.

import { FEATURES } from '../shared/schema.js';
import { DIGIT_PIXELS } from '../shared/config-fields.js';
import { MAX_DRAWN_UNITS, gridPlan, outputScale } from './network-layout.js';
import { createSnapshotLoop } from './snapshot-loop.js';
import { createSnapshotCadence } from './snapshot-cadence.js';

const CHART_INTERVAL_MS = 250; // charts and the diagnostics table: 4 updates a second are plenty
const STATS_INTERVAL_MS = 100; // the run bar's figures

/**
 * deps: {client, controller, views, runPanel, networkPanel, history, meter, onError,
 * onDrawn(snapshot) after each live frame (the replay timeline follows the present)}.
 */
export function createFrameDriver({ client, controller, views, runPanel, networkPanel, history, meter, onError, onDrawn = () => {} }) {
  let plan = null;
  let dirty = true; // a snapshot is wanted even while paused
  const cadence = createSnapshotCadence();
  let lastCharts = 0;
  let lastStats = 0;
  let shownPoints = [];
  let rafId = 0;
  let stopped = false;
  let active = true; // lifecycle.js: out of sight, no frames and no snapshot requests
  let held = false; // the replay timeline shows a past step: live frames wait
  const timing = { snapshotMs: 0, renderMs: 0 }; // smoothed, for getStats()

  const loop = createSnapshotLoop({
    wanted: () => Boolean(controller.info) && !held && (controller.playing || dirty),
    request(now) {
      dirty = false;
      const item = { requestedAfter: controller.playRequests, askedAt: performance.now(), plan };
      return cadence.ask(now, { playing: controller.playing, evaluateEveryMs: plan.evaluateEveryMs }, ({ points, evaluate }) => {
        // All this page can draw: the worker leaves out what the data has not (digits: no plane, so no grid or regions).
        const regions = Boolean(controller.state.ui.regions);
        return client.snapshot({ gridSize: plan.gridSize, hidden: plan.hidden, paramUnits: MAX_DRAWN_UNITS, points, evaluate, regions, digits: true })
          .then((snapshot) => ({ ...item, evaluate, snapshot }));
      });
    },
    absorb,
    draw,
    onError,
  });

  /** Every snapshot, on arrival: what must not be lost when a newer one is drawn instead. */
  function absorb({ snapshot, requestedAfter, askedAt, evaluate }) {
    const { state } = controller;
    timing.snapshotMs = smooth(timing.snapshotMs, performance.now() - askedAt);
    if (snapshot.trainPoints) {
      shownPoints = [...chunks(snapshot.trainPoints), ...chunks(snapshot.testPoints)];
      views.setPoints(snapshot.trainPoints, snapshot.testPoints, state.config.problem);
    }
    // Losses and accuracies are fresh only after a full pass; any snapshot
    // tells when a divergence has taken the model back to an earlier step.
    history.rewindTo(snapshot.step);
    if (evaluate) history.push(snapshot);
    if (snapshot.busy) dirty = true; // steps in pieces go on while paused: keep showing them
    controller.observe(snapshot, { requestedAfter, evaluated: evaluate });
    views.setDiverged(snapshot.diverged
      ? { step: snapshot.divergedAtStep, cause: snapshot.divergedCause, learningRate: snapshot.learningRate }
      : null);
  }

  /** The newest snapshot, at an animation frame. */
  function draw({ snapshot, plan: asked }, now) {
    if (held) return; // a reply that left before the scrub began: the past step stays on screen
    const { state, info, playing } = controller;
    const started = performance.now();
    meter.tick(now);
    views.drawFrame({
      grid: snapshot.grid, gridSize: snapshot.gridSize, gridNodes: snapshot.gridNodes, gridHidden: asked.hidden,
      params: snapshot.params, paramUnits: snapshot.paramUnits, outputs: info.layers.at(-1).outputs, outputScale: outputScale(state.config),
      multiclass: state.config.problem === 'multiclass', settled: !snapshot.playing,
      regions: snapshot.regions, step: snapshot.step, digits: snapshot.digits,
    });
    // Text changes cost a layout and a paint: 10 a second are as many as anyone can read.
    if (now - lastStats >= STATS_INTERVAL_MS || !playing) {
      lastStats = now;
      runPanel.setStats(snapshot);
      runPanel.setMeter({ fps: meter.fps, stepsPerSecond: snapshot.playing ? snapshot.stepsPerSecond : 0 });
    }
    if (now - lastCharts >= CHART_INTERVAL_MS || !playing) {
      lastCharts = now;
      views.drawCharts(history, snapshot.layers);
    }
    timing.renderMs = smooth(timing.renderMs, performance.now() - started);
    onDrawn(snapshot);
  }

  function frame(now) {
    if (stopped || !active) return;
    rafId = requestAnimationFrame(frame);
    loop.frame(now);
  }
  rafId = requestAnimationFrame(frame);

  return {
    /** Something changed: draw a new snapshot even while paused. */
    invalidate() { dirty = true; },
    /** The next snapshot brings the data points too (new data, a restarted core). */
    needPoints: () => cadence.needPoints(),
    /** The points drawn now, [[x1, x2, label], ...] (a plot click adds to them). */
    get shownPoints() { return shownPoints; },
    /** A new network (or the first): the diagram's structure and the grid's plan. */
    setStructure() {
      const { state, info } = controller;
      const samples = state.config.dataset === 'custom' ? state.config.points.length : state.config.numSamples;
      plan = gridPlan(info.layers, 50, samples);
      // Digits feed the 64 pixels (p0..p63), not the plane's features.
      const inputs = state.config.dataset === 'digits'
        ? Array.from({ length: DIGIT_PIXELS }, (_, i) => `p${i}`)
        : FEATURES.filter((f) => state.config.features.includes(f));
      const activationOf = (l) => (Array.isArray(state.config.activation) ? state.config.activation[l] : state.config.activation);
      views.setStructure({ inputs, layers: info.layers.map((layer, l) => ({ ...layer, activation: l < info.layers.length - 1 ? activationOf(l) : 'output' })) });
      networkPanel.update(state, { outputs: info.layers.at(-1).outputs, paramCount: info.paramCount });
    },
    /** The replay timeline shows a past step (true) or the present again (false). */
    hold(next) {
      held = Boolean(next);
      if (!held) {
        dirty = true;
        views.setMoment(null);
      }
    },
    /** What a snapshotAt request asks for to be drawn as a live frame is. */
    momentRequest: () => ({ gridSize: plan.gridSize, hidden: plan.hidden, paramUnits: MAX_DRAWN_UNITS, digits: true }),
    /** Draws a past step's snapshot (snapshotAt) as a frame: plot, diagram, marks, figures, diagnostics. */
    showMoment(snapshot) {
      const { state, info } = controller;
      views.drawFrame({
        grid: snapshot.grid, gridSize: snapshot.gridSize, gridNodes: snapshot.gridNodes, gridHidden: plan.hidden,
        params: snapshot.params, paramUnits: snapshot.paramUnits, outputs: info.layers.at(-1).outputs, outputScale: outputScale(state.config),
        multiclass: state.config.problem === 'multiclass', settled: true, digits: snapshot.digits,
      });
      runPanel.setStats(snapshot);
      views.drawCharts(history, snapshot.layers);
      views.setMoment(snapshot.step);
    },
    /** Frame rate, and how long a snapshot round trip and its drawing take (ms, smoothed). */
    stats: () => ({ fps: meter.fps, ...timing }),
    /** Out of sight (false): no frames, no snapshots; back in sight, draws what changed meanwhile. */
    setActive(next) {
      if (next === active || stopped) return;
      active = next;
      cancelAnimationFrame(rafId);
      if (active) {
        dirty = true;
        rafId = requestAnimationFrame(frame);
      }
    },
    stop() {
      stopped = true;
      loop.stop();
      cancelAnimationFrame(rafId);
    },
  };
}

function smooth(previous, value) {
  return previous ? previous * 0.9 + value * 0.1 : value;
}

function* chunks(flat) {
  if (!flat) return;
  for (let i = 0; i + 2 < flat.length; i += 3) yield [flat[i], flat[i + 1], flat[i + 2]];
}
