import type * as TfModule from '@tensorflow/tfjs';
import type { ParamValues } from './params.ts';

/** A JSON value: demo state crosses windows (postMessage) and the URL, so it must serialise. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type DemoStatus = 'loading' | 'running' | 'paused' | 'error';

/**
 * The driver window computes and trains; a follower (the cloned projector view) only shows
 * the states the driver sends, so both show the same numbers and only one window works.
 */
export type DemoRole = 'driver' | 'follower';

/** What the runtime hands a demo when it mounts. */
export interface DemoContext<P extends ParamValues, S extends Json> {
  /** Empty element owned by the demo, inside the slide; sized by the runtime (manifest height). */
  readonly root: HTMLElement;
  readonly params: P;
  /** State to start from: the initial state, the last state of an earlier mount, one from the URL or the other window. */
  readonly state: S;
  readonly role: DemoRole;
  /** prefers-reduced-motion: replace animation by discrete steps. */
  readonly reducedMotion: boolean;
  /** TensorFlow.js with its backend ready, when the manifest says `"tfjs": true`. */
  readonly tf: typeof TfModule | undefined;
  /**
   * Report every change of state (a control moved, a training or animation step) with the
   * step counter. The runtime keeps it for the next mount, mirrors it to the cloned window
   * and the URL, and shows `step` as `data-demo-step`.
   */
  commit(state: S, step: number): void;
  /** Long work: a fraction in [0, 1], or null when done. */
  progress(fraction: number | null, label?: string): void;
  /** Whether the demo's slide is shown; animation loops stop when it is not. */
  isActive(): boolean;
}

/** A mounted demo. Everything it allocated is freed by unmount. */
export interface DemoInstance<S extends Json> {
  /** Show exactly this state (from the driver window, or a bookmarked URL). */
  setState(state: S): void;
  /** Start or continue the animation/training loop. Called when the slide is shown (driver only). */
  resume(): void;
  /** Stop every timer and animation frame. Called when the slide is hidden. */
  pause(): void;
  /** The current picture as a PNG data URL: shown in the presenter's next-slide preview and in print. */
  snapshot(): string;
  /** Dispose every tensor and variable, remove listeners. */
  unmount(): void;
}

/** The default export of demos/<name>/index.ts. */
export interface DemoModule<P extends ParamValues = ParamValues, S extends Json = Json> {
  initialState(params: P): S;
  /** Checks a state from outside (URL, other window); returns null when it cannot be used. */
  parseState(raw: unknown, params: P): S | null;
  mount(context: DemoContext<P, S>): DemoInstance<S> | Promise<DemoInstance<S>>;
}

export function defineDemo<P extends ParamValues, S extends Json>(demo: DemoModule<P, S>): DemoModule<P, S> {
  return demo;
}
