// Types of the JS API (web/api/index.js). Written by hand: emsdk 3.1.6 has no
// --emit-tsd. tests/js/api/types.test.js checks that this file and the runtime
// API list the same exports, methods and config fields.

export type Dataset =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'reg-plane' | 'reg-gauss'
  | 'moons' | 'checkerboard' | 'spiral3' | 'custom';
export type Activation =
  | 'linear' | 'relu' | 'leaky-relu' | 'prelu' | 'elu' | 'selu' | 'gelu' | 'silu'
  | 'softplus' | 'sigmoid' | 'tanh';
export type Init =
  | 'zeros' | 'uniform' | 'normal' | 'playground' | 'xavier-uniform' | 'xavier-normal'
  | 'he-uniform' | 'he-normal' | 'lecun-normal' | 'orthogonal';
export type Feature = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';
export type Problem = 'regression' | 'binary' | 'multiclass';
export type BinaryHead = 'tanh-mse' | 'sigmoid-bce';
export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam';
export type ScheduleName = 'constant' | 'step' | 'exponential' | 'cosine';
export type BuildName = 'simd' | 'scalar';

/** One training run's settings; ranges and defaults are in web/shared/schema.js. */
export interface Config {
  seed: number;
  dataset: Dataset;
  numSamples: number;
  noise: number;
  trainRatio: number;
  features: Feature[];
  /** [x1, x2, label] per point; the 'custom' dataset only. */
  points: Array<[number, number, number]>;
  problem: Problem;
  binaryHead: BinaryHead;
  /** Units per hidden layer. */
  hidden: number[];
  /** One activation for every hidden layer, or one per layer. */
  activation: Activation | Activation[];
  leakySlope: number;
  eluAlpha: number;
  preluInit: number;
  preluPerUnit: boolean;
  init: Init;
  initScale: number;
  biasInit: number;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
  epsilon: number;
  rmsDecay: number;
  l1: number;
  l2: number;
  clipNorm: number;
  schedule: ScheduleName;
  decaySteps: number;
  decayRate: number;
}

export interface CreateOptions {
  /** 'auto' (default) picks SIMD128 when the engine supports it. */
  build?: 'auto' | BuildName;
  /** Folder holding relu-core-<build>.mjs and .wasm; default: wasm-build/dist next to this package. */
  wasmBaseUrl?: string | URL;
  /** The .wasm bytes, if already at hand (read from disk automatically under Node). */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Every error of the API: `field` names the config field or argument at fault ('' if none). */
export interface FieldError extends Error {
  field: string;
  /** Every invalid field, when a config was refused. */
  errors?: Array<{ field: string; message: string }>;
}

export interface Progress {
  step: number;
  epoch: number;
  learningRate: number;
  batchLoss: number;
  diverged: boolean;
  divergedAtStep: number;
  divergedCause: string;
}

export interface LayerDiagnostics {
  units: number;
  /** As in LayerInfo: the hidden layer's activation, or the output head. */
  activation: string;
  preMean: number;
  preStd: number;
  actMean: number;
  actStd: number;
  sparsity: number;
  deadUnits: number;
  /** 40 bins over [-4, 4) of the activations, from the last evaluate(). */
  histogram: Uint32Array;
  weightNorm: number;
  /** ||dL/dW|| of the last mini-batch: the data term plus the L1/L2 term, before clipping. */
  gradNorm: number;
  updateRatio: number;
  /** PReLU layers only: one slope, or one per unit. */
  preluSlopes: Float32Array;
}

export interface Metrics extends Progress {
  /** NaN until the first evaluate(). */
  trainLoss: number;
  testLoss: number;
  /** Classification only, else NaN. */
  trainAccuracy: number;
  testAccuracy: number;
  layers: LayerDiagnostics[];
}

export interface LayerInfo {
  inputs: number;
  outputs: number;
  /** The hidden layer's activation, or the output head: 'linear' | 'tanh' | 'sigmoid' | 'softmax'. */
  activation: string;
  /** W [outputs x inputs], column-major: W[to, from] = params[weightOffset + from * outputs + to]. */
  weightOffset: number;
  biasOffset: number;
  slopeOffset: number;
  slopeCount: number;
}

export interface Points {
  /** [x1, x2, label] per point. */
  train: Float32Array;
  test: Float32Array;
}

export interface WeightEdit {
  layer: number;
  to: number;
  from: number;
  value: number;
}

export interface CoreStats {
  build: BuildName;
  heapBytesInUse: number;
  memoryBytes: number;
  liveTrainers: number;
  embindHandles: number;
}

export declare const BUILDS: readonly BuildName[];
export declare const MAX_STEPS_PER_CALL: number;
export declare const MAX_EPOCHS_PER_CALL: number;
export declare const MIN_GRID_SIZE: number;
export declare const MAX_GRID_SIZE: number;

/** True when the engine supports WebAssembly SIMD128. */
export declare function detectSimd(): boolean;

/** Loads the core (once per build) and creates a trainer; rejects with a FieldError. */
export declare function createTrainer(config?: Partial<Config>, options?: CreateOptions): Promise<Trainer>;

/**
 * True when `error` is a trap of the WASM core (WebAssembly.RuntimeError, or a
 * stack overflow inside it): the module is dead; call abandon() on its trainers.
 */
export declare function isCoreFault(error: unknown): boolean;
/** The core's cost estimate of a config (cpp/model/cost.h); web/shared/cost.js gives the same figures. */
export interface CostEstimate {
  paramCount: number;
  /** Parameters, gradients, checkpoints, optimiser moments and batch buffers. */
  bytes: number;
  /** Above this the core refuses the config. */
  maxBytes: number;
  trainCount: number;
  testCount: number;
  /** batchSize clamped to [1, trainCount]. */
  batchSize: number;
  /** One training step: forward, backward and update. */
  stepFlops: number;
  /** evaluate(): forward over train and test sets. */
  evaluateFlops: number;
  /** A grid of n x n pixels costs n * n times this. */
  forwardFlopsPerSample: number;
}

/** The core's cost of a config, built from its shape alone; rejects with the config's FieldError. */
export declare function estimateCost(config?: Partial<Config>, options?: CreateOptions): Promise<CostEstimate>;

/** Counters of a loaded build, for leak checks. */
export declare function coreStats(options?: CreateOptions): Promise<CoreStats>;

export declare class Trainer {
  private constructor();
  readonly build: BuildName;
  readonly simd: boolean;
  /** A copy of the current config. */
  readonly config: Config;
  readonly paramCount: number;
  readonly deleted: boolean;
  configure(patch: Partial<Config>): { rebuilt: boolean };
  reset(): void;
  step(n?: number): Progress;
  stepEpochs(n?: number): Progress;
  /** At most about flopBudget operations of training; `finished` says whether a step completed. */
  stepWithin(flopBudget: number): Progress & { finished: boolean };
  /** A step begun by stepWithin() is part done. */
  readonly stepInProgress: boolean;
  evaluate(): void;
  /** At most about flopBudget operations of a full pass; resumed by the next call. Bit for bit evaluate()'s result once finished. */
  evaluateWithin(flopBudget: number): { finished: boolean };
  /** A pass begun by evaluateWithin() is part done. */
  readonly evaluationInProgress: boolean;
  progress(): Progress;
  metrics(): Metrics;
  gridNodeCount(options?: { hidden?: boolean }): number;
  /** [nodes x n x n]: hidden units first (if asked), then outputs; row 0 at the top. */
  evalGrid(n: number, options?: { hidden?: boolean; out?: Float32Array }): Float32Array;
  /** evalGrid() in pieces of at most about flopBudget operations; the grid comes with the last. */
  evalGridWithin(n: number, flopBudget: number, options?: { hidden?: boolean }): { finished: false } | { finished: true; grid: Float32Array };
  params(): Float32Array;
  /** [start, length, ...] stretches of the parameter block, concatenated, the rest not copied. */
  paramRanges(ranges: number[] | Uint32Array): Float32Array;
  setParams(values: Float32Array | number[]): void;
  setWeight(edit: WeightEdit): void;
  layers(): LayerInfo[];
  points(): Points;
  exportJson(): string;
  importJson(json: string): Config;
  delete(): void;
  /** After a fault: forget this trainer and its dead module; the next createTrainer() loads a fresh one. */
  abandon(): void;
  /** Test hook: makes the core trap for real; throws the WebAssembly.RuntimeError. */
  trapForTesting(): never;
}
