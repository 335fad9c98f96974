/**
 * The demo's JSON state: everything the picture depends on besides the slide's parameters.
 * The model is recomputed from it deterministically, so the driver sends only this.
 */

/** Parameters from the slide's fence (schema in demo.json). */
export type BpttParams = {
  seed: number;
  text: string;
  hidden: number;
  gain: number;
};

export type BpttState = {
  /** Weight seed; "New weights" adds one. */
  seed: number;
  /** Gain of W_rec (times an orthogonal matrix). */
  gain: number;
  /** Truncation k: each J_t is backpropagated through s_t … s_{t−k+1}; k ≥ T is full BPTT. */
  trunc: number;
  /** Animation frame in [0, maxFrame]: the forward sweep, then the backward sweep. */
  frame: number;
  /** Whether the driver is playing the sweep (followers show the same button label). */
  playing: boolean;
};

export const MAX_STEPS = 12;
export const MIN_GAIN = 0.25;
export const MAX_GAIN = 3;
export const MAX_SEED = 2 ** 31 - 1;
/** Frames per chain step: the moving marker takes this many committed frames from one state to the next. */
export const FRAMES_PER_STEP = 8;
export const DEFAULT_TEXT = 'hello world';

/** The characters the RNN reads (code points, so an emoji is one token); at most MAX_STEPS + 1. */
export function textChars(text: string): string[] {
  const chars = Array.from(text);
  return (chars.length >= 2 ? chars : Array.from(DEFAULT_TEXT)).slice(0, MAX_STEPS + 1);
}

/** Sequence length T: inputs are chars 0 … T−1, targets chars 1 … T. */
export function stepsOf(params: Pick<BpttParams, 'text'>): number {
  return textChars(params.text).length - 1;
}

/** Last frame: T frames of forward sweep and T of backward sweep, FRAMES_PER_STEP each. */
export function maxFrame(steps: number): number {
  return 2 * steps * FRAMES_PER_STEP;
}

/** Starts with both sweeps done, so the preview and print show the whole picture. */
export function initialState(params: BpttParams): BpttState {
  const T = stepsOf(params);
  return { seed: params.seed, gain: params.gain, trunc: T, frame: maxFrame(T), playing: false };
}

const isInt = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** Accepts only a well-formed state for these parameters; anything else gives null. */
export function parseState(raw: unknown, params: BpttParams): BpttState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const T = stepsOf(params);
  if (!isInt(r.seed, 0, MAX_SEED)) return null;
  if (typeof r.gain !== 'number' || !Number.isFinite(r.gain) || r.gain < MIN_GAIN || r.gain > MAX_GAIN) return null;
  if (!isInt(r.trunc, 1, MAX_STEPS)) return null;
  if (!isInt(r.frame, 0, maxFrame(T))) return null;
  if (typeof r.playing !== 'boolean') return null;
  return { seed: r.seed, gain: r.gain, trunc: Math.min(r.trunc, T), frame: r.frame, playing: r.playing };
}
