import type { Json } from '../../src/widgets/contract.ts';

/** Everything the picture depends on; the clone and a bookmark rebuild it from this alone. */
export interface UnrollState {
  [key: string]: Json;
  seed: number;
  /** Steps shown: the network reads text[0..length-1] and predicts text[1..length]. */
  length: number;
  /** The step in focus, 0..length-1. */
  t: number;
  unrolled: boolean;
  /** Training steps applied to the seeded weights. */
  trainSteps: number;
  /** Trained weights, flattened in parameter order, or null for the seeded ones. */
  weights: number[] | null;
}

export interface UnrollParams {
  [key: string]: string | number | boolean;
  text: string;
  hidden: number;
  seed: number;
}

export function maxLength(params: UnrollParams): number {
  return Array.from(params.text).length - 1;
}

export function initialState(params: UnrollParams): UnrollState {
  return { seed: params.seed, length: maxLength(params), t: 0, unrolled: true, trainSteps: 0, weights: null };
}

const isInt = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

export function parseState(raw: unknown, params: UnrollParams, weightCount: number): UnrollState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Record<string, unknown>;
  const max = maxLength(params);
  if (!isInt(s.seed, 0, 999999) || !isInt(s.length, 1, max) || !isInt(s.t, 0, max - 1) || s.t >= s.length) return null;
  if (typeof s.unrolled !== 'boolean' || !isInt(s.trainSteps, 0, 1e6)) return null;
  let weights: number[] | null = null;
  if (s.weights !== null) {
    if (!Array.isArray(s.weights) || s.weights.length !== weightCount || !s.weights.every((w) => typeof w === 'number' && Number.isFinite(w))) return null;
    weights = s.weights as number[];
  }
  return { seed: s.seed, length: s.length, t: s.t, unrolled: s.unrolled, trainSteps: s.trainSteps, weights };
}
