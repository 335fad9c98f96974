import type * as TfModule from '@tensorflow/tfjs';
import type { GenericSchema } from 'valibot';
import type { ParamsOf, ParamTable, ParamValues } from './schema.ts';
import type { ControlSpec } from './controls.ts';
import type { DemoCanvas } from './ui.ts';
import type { JobResult, ProgressReport, TrainingJobSpec } from '../training/index.ts';

/** A JSON value: demo state crosses windows (postMessage) and the URL, so it must serialise. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type DemoStatus = 'loading' | 'running' | 'paused' | 'error';

/**
 * The driver window computes and trains; a follower (the cloned projector view) only shows
 * the states the driver sends, so both show the same numbers and only one window works.
 */
export type DemoRole = 'driver' | 'follower';

/**
 * What demos/<name>/schema.ts exports: everything about a demo that is not its model or
 * its picture. The build reads it in Node (parameters checked with file:line, defaults
 * checked against their own fields); the page bundles it eagerly (it is small) and loads
 * the demo's index.ts only when its slide is near.
 */
export interface DemoSpec<P extends ParamValues = ParamValues, S = unknown> {
  name: string;
  title: string;
  /** One line: what the audience sees. Shown where scripts are off and as the canvas's text alternative. */
  summary: string;
  /** CSS height of the demo area in slide pixels (the slide is 908 px wide). */
  height: number;
  /** Whether the demo runs TensorFlow.js (loaded lazily; the page picks one backend for all demos). */
  tfjs: boolean;
  params: ParamTable;
  /** The state's schema; it may depend on the parameters (a length bound by the text, say). */
  state(params: P): GenericSchema<unknown, S>;
  initialState(params: P): S;
  /**
   * Goals a student reaches by operating the demo, by id: the sentence shown on the slide.
   * A fence shows one with `challenge: <id>`; the check is the module's (see DemoModule),
   * loaded with the demo, since it usually runs the model.
   */
  challenges?: Readonly<Record<string, string>>;
}

export function defineSpec<T extends ParamTable, S>(spec: {
  name: string;
  title: string;
  summary: string;
  height: number;
  tfjs: boolean;
  params: T;
  state(params: ParamsOf<T>): GenericSchema<unknown, S>;
  initialState(params: ParamsOf<T>): S;
  challenges?: Readonly<Record<string, string>>;
}): DemoSpec<ParamsOf<T>, S> {
  return spec as unknown as DemoSpec<ParamsOf<T>, S>;
}

/** What a demo's setup receives from the runtime. */
export interface DemoSetup<P, S> {
  readonly params: P;
  readonly role: DemoRole;
  /** prefers-reduced-motion: the clock ticks in discrete steps and nothing is tweened. */
  readonly reducedMotion: boolean;
  /** TensorFlow.js on the page's backend, when the spec says `tfjs: true`. */
  readonly tf: typeof TfModule | undefined;
  /** The demo's main canvas, sized from the slide's box below the controls, at the device's pixel ratio, fonts loaded. */
  readonly canvas: DemoCanvas;
  /** Another canvas stacked over the main one at `rect` (slide pixels), for layers redrawn at different rates. */
  layer(rect: { x: number; y: number; width: number; height: number }, label: string): DemoCanvas;
  /** The element holding the canvases, for overlays such as tooltips. */
  readonly stage: HTMLElement;
  /** The state shown now. */
  state(): S;
  /** Driver: a new state (a control, a click, a key). The runtime redraws, mirrors it to the clone and the URL. Ignored in a follower. */
  update(next: S): void;
  /** A listener the runtime removes on unmount; an error inside it goes to the demo's error box. */
  listen<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void): void;
  /** Work that settles later (a finer grid, a long computation): its error goes to the error box; `then` runs only while mounted. */
  later<T>(promise: Promise<T>, then: (value: T) => void): void;
  /** Ask for a redraw (after `later` work changed what derive returns). */
  redraw(): void;
  /**
   * Trains in a Web Worker (on the main thread in short slices where no worker can start):
   * any training longer than a frame goes through here. Resolves with the final state, or
   * null when the runtime cancelled the job because the slide went away. Progress reports
   * run inside the error guard. Only the driver trains; the clone receives states. Aborting
   * `signal` cancels the job (it resolves null), e.g. when a setting the run depends on changes.
   */
  train(job: TrainingJobSpec, onReport?: (report: ProgressReport) => void, signal?: AbortSignal): Promise<JobResult | null>;
  /** Cancels this demo's training jobs now (a pause button): their promises resolve null; work since their last report is dropped. */
  stopTraining(): void;
  /** A dismissible line in the demo's box for something the viewer should know (a typed text the browser would not store). */
  note(text: string): void;
}

/** One frame of the clock, as draw sees it. */
export interface Frame<S> {
  readonly state: S;
  /** Milliseconds since the state last changed; Infinity under reduced motion (draw the state as it is). */
  readonly since: number;
}

/** What a demo's setup returns: its model, picture and controls; the runtime does the rest. */
export interface DemoParts<S, D> {
  /** The picture's data, computed from the state (memoised: called again only when the state changes). */
  derive(state: S): D;
  /**
   * The parts of the state that derive reads. When given, a new state whose parts are all the
   * same (Object.is) keeps the last picture: an animation that only moves a cursor through the
   * state does not recompute the model every frame.
   */
  deriveFrom?(state: S): readonly unknown[];
  /** Draws the picture; called once per change, and once per display frame while `moving`. */
  draw(picture: D, frame: Frame<S>): void;
  controls?: ControlSpec<S>[];
  /** Driver only: the next state after `dt` ms of animation or training; called once per frame while `moving`. */
  tick?(state: S, dt: number): S;
  /** Whether the picture is in motion (the clock keeps running): an animation, a tween, training. */
  moving?(state: S, since: number): boolean;
  /** The step counter shown as data-demo-step (training steps, animation frames). */
  step?(state: S): number;
  /** Headline numbers for scripts and screen readers (data-demo-metric). */
  metric?(state: S, picture: D): Record<string, Json>;
  /** Frees what setup allocated (tensors, variables, workers). Listeners and timers are the runtime's. */
  dispose?(): void;
}

/**
 * Whether a challenge is met, from the demo's state as its schema checked it (and the
 * fence's parameters): pure, no DOM, no canvas, so it runs the same in both windows and in
 * Node tests. The runtime calls it after a state change settles, never per frame.
 */
export type ChallengeCheck<P, S> = (state: S, params: P) => boolean;

/** The default export of demos/<name>/index.ts. */
export interface DemoModule<P extends ParamValues = ParamValues, S = unknown, D = unknown> {
  spec: DemoSpec<P, S>;
  setup(context: DemoSetup<P, S>): DemoParts<S, D> | Promise<DemoParts<S, D>>;
  /** The check of each challenge the spec declares, by the same ids. */
  challenges: Readonly<Record<string, ChallengeCheck<P, S>>>;
}

/**
 * `challenges`: one check per id of `spec.challenges` (usually imported from the demo's
 * challenges.ts, where Node tests reach it without the view).
 */
export function defineDemo<P extends ParamValues, S, D>(
  spec: DemoSpec<P, S>,
  setup: (context: DemoSetup<P, S>) => DemoParts<S, D> | Promise<DemoParts<S, D>>,
  challenges: Readonly<Record<string, ChallengeCheck<P, S>>> = {},
): DemoModule<P, S, D> {
  const declared = Object.keys(spec.challenges ?? {}).sort().join(', ');
  const checked = Object.keys(challenges).sort().join(', ');
  if (declared !== checked) throw new Error(`demo "${spec.name}": its spec declares the challenges [${declared}] but its module checks [${checked}]`);
  return { spec, setup, challenges };
}
