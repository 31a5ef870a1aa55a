// Types of the embedding entry (web/embed/index.js): mountPlayground, the
// <relu-playground> element and their public API (docs/EMBEDDING.md).
// Written by hand; tests/js/ui/embed-types.test.js (Node) and
// tests/e2e/api.test.js (the browser) check the runtime against it.

import type { Config, FieldError, Progress } from '../api/index.js';

export type { Config, FieldError, Progress } from '../api/index.js';

export type Speed = 'auto' | '0.1' | '0.5' | '1' | '2' | '5' | '10';

/** A named view (web/ui/view-layouts.js): the panels a small frame shows first. */
export type ViewName = 'full' | 'boundary' | 'boundary+loss' | 'boundary+gradients' | 'network+diagnostics';

/** The view flag: a view, or auto (the lesson's view when embedded, else full). */
export type View = 'auto' | ViewName;

/** auto follows the browser's prefers-color-scheme. */
export type Theme = 'auto' | 'light' | 'dark';

/** A panel of the page that collapse= can fold to its header (web/ui/dashboard-layout.js). */
export type CollapsiblePanel = 'boundary' | 'network' | 'charts' | 'diagnostics' | 'data' | 'hyper' | 'hidden' | 'exports';

/** The view flags a link or setState can set (web/ui/state.js UI_FLAGS). */
export interface ViewFlags {
  discretize: boolean;
  showTest: boolean;
  autoplay: boolean;
  embed: boolean;
  build: 'auto' | 'simd' | 'scalar';
  speed: Speed;
  view: View;
  theme: Theme;
  /** The panels folded to their header (collapse=network,diagnostics in a link). */
  collapse: CollapsiblePanel[];
  /** The output plot coloured by linear region, with the first layer's lines and the count. */
  regions: boolean;
}

/** What getState().ui holds: the view flags, the lesson and the hidden and locked controls. */
export interface UiState extends ViewFlags {
  hide: string[];
  lock: string[];
  /** The controls the current lesson hid or locked beyond the embedder's. */
  lessonAdded: { hide: string[]; lock: string[] };
  lesson: string | null;
  /** The parent pages that may drive this page in an iframe (origins= in the link). */
  origins: string[];
}

/** Where training is: from the newest snapshot, null before the first. */
export interface PlaygroundProgress {
  step: number;
  epoch: number;
}

/** The losses and accuracies of the newest full pass over the data, null before the first. */
export interface PlaygroundMetrics {
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** A mark on the replay timeline. */
export interface TimelineMark {
  step: number;
  kind: 'start' | 'diverged' | 'restored' | 'changed' | 'edited' | 'forked';
  /** The divergence's cause, the fields changed, the weight edited. */
  detail?: string;
}

/** What the replay timeline shows (read-only: scrubbing is the page's slider). */
export interface PlaygroundTimeline {
  /** Whether a past step is shown (training waits meanwhile). */
  scrubbing: boolean;
  /** The step shown: the present unless scrubbing. */
  step: number;
  /** The step the run stands at. */
  present: number;
  /** How many steps the worker keeps whole parameters of, and which. */
  kept: number;
  steps: number[];
  marks: TimelineMark[];
  /** What the kept checkpoints cost in the worker, and the budget (TIMELINE_MAX_BYTES). */
  bytes: number;
  maxBytes: number;
}

export interface PlaygroundState {
  config: Config;
  ui: UiState;
  lesson: string | null;
  playing: boolean;
  progress: PlaygroundProgress | null;
  metrics: PlaygroundMetrics | null;
  /** While the Regions toggle is on: the newest snapshot's count, null otherwise. */
  regions: PlaygroundRegions | null;
  /** The replay timeline; null on a controller without one. */
  timeline: PlaygroundTimeline | null;
  /** Run B of compare mode, present only while B exists. */
  compare?: CompareState;
}

/** The linear regions of the output plot's grid at `step`; error (count 0) when the activations are not piecewise linear. */
export interface PlaygroundRegions {
  step: number;
  count: number;
  error?: string;
}

/** Run B: A's config with B's fields changed (the seed and the data are A's), and where B's training is. */
export interface CompareState {
  config: Config;
  progress: PlaygroundProgress | null;
  metrics: PlaygroundMetrics | null;
}

/** Run B's fields in a setState patch: `b.learningRate`, `b.activation`... (never the seed or the data). */
export type ComparePatch = { [K in keyof Config as `b.${K}`]?: Config[K] };

/**
 * A setState patch: config fields and view flags, and a lesson (applied first);
 * B's fields (applied after A's), and compare: true (B as a copy of A) or false (no B).
 */
export type StatePatch = Partial<Config> & Partial<ViewFlags> & { lesson?: string; compare?: boolean } & ComparePatch;

export interface ProgressEvent extends PlaygroundProgress {
  playing: boolean;
  metrics: PlaygroundMetrics | null;
}

/** The events and the data each brings (the element's CustomEvent detail). */
export interface PlaygroundEvents {
  ready: { build: 'simd' | 'scalar'; simd: boolean; paramCount: number };
  /** At most 4 a second while training, and once where it settles. */
  progress: ProgressEvent;
  diverged: { step: number; cause: string; learningRate: number };
  statechange: PlaygroundState;
  error: { message: string; field: string };
  /** The content's height in CSS pixels, for an iframe or a container to follow. */
  resize: { height: number };
}

export type PlaygroundEventName = keyof PlaygroundEvents;

/** The same methods on the mountPlayground() handle and the element. Rejections are FieldErrors. */
export interface PlaygroundApi {
  getState(): PlaygroundState;
  /** An object or a query string ("learningRate=0.3&discretize=true"); all or nothing. */
  setState(patch: StatePatch | string): Promise<PlaygroundState>;
  play(): Promise<void>;
  pause(): Promise<void>;
  /** Trains now: {steps} or {epochs}, one of them; resolves with the core's progress (queued: steps left to run, for a network that trains in pieces). */
  step(amount: { steps: number } | { epochs: number }): Promise<Progress & { queued?: number }>;
  reset(): Promise<void>;
  loadLesson(id: string): Promise<PlaygroundState>;
}

export interface PlaygroundHandle extends PlaygroundApi {
  /** Resolves when the core has loaded (null when it could not, or destroy() came first); it loads near the viewport, or at play/step/reset. */
  readonly ready: Promise<unknown>;
  /** The worker client (web/shared/client.js). */
  readonly client: unknown;
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends PlaygroundEventName>(type: K, listener: (data: PlaygroundEvents[K]) => void): () => void;
  /** Frame rate, and a snapshot's round trip and drawing (ms, smoothed); while run B exists, B's frame rate and step. */
  getStats(): { fps: number; snapshotMs: number; renderMs: number; compare?: { fps: number; step: number | null } };
  /** The state as a link's query string. */
  getQuery(): string;
  /** Replaces the whole state with a link's; returns the notices about ignored parameters. */
  setQuery(query: string): string[];
  /** Shows a notice in the playground (the element reports a bad view or theme attribute with it). */
  showNotice(text: string, how?: { kind?: 'info' | 'warn' | 'error'; key?: string }): void;
  destroy(): void;
}

export interface MountOptions {
  query?: string;
  useUrl?: boolean;
  presets?: unknown[];
  wasmBaseUrl?: string;
  allowedWasmOrigins?: string[];
  client?: unknown;
  /** The playground is the page itself: load and train at once, not when scrolled into view. */
  alwaysInView?: boolean;
  /** In an iframe or an element: with view=auto a lesson opens on its own view. */
  embedded?: boolean;
}

export declare function mountPlayground(root: Element, options?: MountOptions): PlaygroundHandle;

export declare class ReluPlaygroundElement extends HTMLElement {
  static allowWasmOrigins(origins: string | Iterable<string>): void;
  /** The current state as a query string. */
  readonly query: string;
  /** null until the element has mounted (a microtask after it is connected). */
  getState(): PlaygroundState | null;
  setState(patch: StatePatch | string): Promise<PlaygroundState>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(amount: { steps: number } | { epochs: number }): Promise<Progress & { queued?: number }>;
  reset(): Promise<void>;
  loadLesson(id: string): Promise<PlaygroundState>;
  addEventListener<K extends PlaygroundEventName>(type: K, listener: (event: CustomEvent<PlaygroundEvents[K]>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** connectPlayground's answer: the element's methods over postMessage (all async), and its events. */
export interface FramePlayground {
  getState(): Promise<PlaygroundState>;
  setState(patch: StatePatch | string): Promise<PlaygroundState>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(amount: { steps: number } | { epochs: number }): Promise<Progress & { queued?: number }>;
  reset(): Promise<void>;
  loadLesson(id: string): Promise<PlaygroundState>;
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends PlaygroundEventName>(type: K, listener: (data: PlaygroundEvents[K]) => void): () => void;
  off<K extends PlaygroundEventName>(type: K, listener: (data: PlaygroundEvents[K]) => void): void;
  /** Resolves once the frame has answered; rejects (field 'origin') when it does not in timeoutMs. */
  readonly connected: Promise<void>;
  /** Stops listening; pending calls reject. */
  destroy(): void;
}

export interface ConnectOptions {
  /** The frame page's origin, exactly ('https://playground.example'); default: its src's. Never '*'. */
  origin?: string;
  /** Set the iframe's height from the resize event (default true). */
  autoHeight?: boolean;
  /** How long the frame may take to answer first (ms, default 15000). */
  timeoutMs?: number;
}

/** Drives an iframe of the playground page whose link lists this page in origins=. */
export declare function connectPlayground(iframe: HTMLIFrameElement, options?: ConnectOptions): FramePlayground;

export interface Preset {
  id: string;
  title: string;
  summary: string;
  /** The view the summary talks about, used when the lesson is embedded without view=. */
  view?: ViewName;
  config?: Partial<Config>;
  ui?: { hide?: string[]; lock?: string[] };
  /** The lesson opens in compare mode: run B is its config with these fields changed. */
  compare?: Partial<Config>;
}

export declare const PRESETS: readonly Preset[];
