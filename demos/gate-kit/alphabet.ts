/**
 * The bracket task's characters and classes, and the shape of a gate demo's state. Nothing
 * here imports the RNN core: the deck bundles every demo's schema eagerly, and the core
 * belongs in the demo's own lazily loaded chunk.
 */
export const ALPHABET = ['(', ')', 'a', '.'] as const;
/** Depths 0..MAX_DEPTH are the classes; the generator never nests deeper. */
export const MAX_DEPTH = 3;
export const CLASSES = MAX_DEPTH + 1;
/** Text a slide may give: only the task's four characters. */
export const TASK_TEXT = /^[()a.]+$/;
/** Columns the grid has room for. */
export const MAX_TEXT = 16;

/** Whether a text fits the task (the state's schema says the same). */
export const TEXT_HELP = `The characters the cell reads: ( opens, ) closes, a changes nothing, . closes everything (at most ${MAX_TEXT})`;

export const fitsTask = (text: string): boolean => TASK_TEXT.test(text) && Array.from(text).length <= MAX_TEXT;

export type GateCellKind = 'lstm' | 'gru';

/** A gate demo's Markdown parameters (each demo's schema.ts declares them with these defaults). */
// A type, not an interface: it must fit the runtime's Record of parameter values.
export type GateParams = {
  text: string;
  hidden: number;
  seed: number;
};
export const DEFAULT_TEXT = '(a(()a).((a)';
export const DEMO_HEIGHT = 450;

/** What the state of a gate demo holds: small JSON, the same in both windows and the URL. */
export interface GateState {
  seed: number;
  text: string;
  /** The time step in focus, clamped to the text's length when drawn. */
  t: number;
  /** The quantity in focus: an index into the cell's quantities (f, i, c̃, c, o, h or z, r, h̃, h). */
  k: number;
  trainSteps: number;
  /** Trained weights, flattened in parameter order (float32 precision), or null for the seeded ones. */
  weights: number[] | null;
}

/** W [4, G·H] + U [H, G·H] + b [G·H] + V [H, 4] + c [4]: the count a trained state carries. */
export function initialGateState(p: GateParams): GateState {
  return { seed: p.seed, text: p.text, t: 0, k: 0, trainSteps: 0, weights: null };
}

export function weightCount(kind: GateCellKind, hidden: number): number {
  const G = kind === 'lstm' ? 4 : 3;
  return ALPHABET.length * G * hidden + hidden * G * hidden + G * hidden + hidden * CLASSES + CLASSES;
}
