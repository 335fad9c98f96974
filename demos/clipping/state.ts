/**
 * The demo's state: a few numbers from which model.ts recomputes both runs, so the state
 * stays small enough for the URL and the cloned window redraws exactly the same picture.
 */
import type { ParamValues } from '../../src/widgets/params.ts';
import { WINDOW } from './model.ts';

export type ClippingState = {
  /** Seed of the next Random start; each press uses it and moves on to seed + 1. */
  seed: number;
  /** Norm-clipping threshold of the dashed run. */
  threshold: number;
  /** Learning rate of both runs. */
  lr: number;
  /** Start point [w, b] of both runs, inside the window. */
  start: [number, number];
  /** Keyboard cursor [w, b] on the surface, or null when not in use. */
  cursor: [number, number] | null;
  /** Gradient-descent steps shown so far, 0 … params.steps. */
  step: number;
  /** Whether the driver animates on its own. */
  playing: boolean;
};

export interface Params extends ParamValues {
  seed: number;
  threshold: number;
  lr: number;
  steps: number;
}

export const THRESHOLD_RANGE = [0.01, 10] as const;
export const LR_RANGE = [0.01, 2] as const;
export const SEED_MAX = 999_999_999;

/** On the plateau below the cliff, near the cusp: plain descent climbs into the wall and is thrown out of the window; the clipped run crosses into the basin. */
export const DEFAULT_START: [number, number] = [4.2, -3.5];

export function initialState(params: Params): ClippingState {
  return {
    seed: params.seed,
    threshold: params.threshold,
    lr: params.lr,
    start: [...DEFAULT_START],
    cursor: null,
    step: 0,
    playing: true,
  };
}

function isNumberIn(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
}

function parsePoint(v: unknown): [number, number] | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [w, b] = v as unknown[];
  if (!isNumberIn(w, WINDOW.wMin, WINDOW.wMax) || !isNumberIn(b, WINDOW.bMin, WINDOW.bMax)) return null;
  return [w, b];
}

/** A state from the URL or the other window, or null when any field is missing, mistyped or out of range. */
export function parseState(raw: unknown, params: Params): ClippingState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const { seed, threshold, lr, step, playing } = r;
  if (!isNumberIn(seed, 0, SEED_MAX) || !Number.isInteger(seed)) return null;
  if (!isNumberIn(threshold, THRESHOLD_RANGE[0], THRESHOLD_RANGE[1])) return null;
  if (!isNumberIn(lr, LR_RANGE[0], LR_RANGE[1])) return null;
  if (!isNumberIn(step, 0, params.steps) || !Number.isInteger(step)) return null;
  if (typeof playing !== 'boolean') return null;
  const start = parsePoint(r.start);
  if (!start) return null;
  const cursor = r.cursor === null ? null : parsePoint(r.cursor);
  if (r.cursor !== null && !cursor) return null;
  return { seed, threshold, lr, start, cursor, step, playing };
}
