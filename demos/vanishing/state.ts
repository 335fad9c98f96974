/**
 * The demo's JSON state: the settings the model recomputes from, and how many gaps of the
 * measured curves are revealed so far (the animation counter). Pixels are never synced.
 */
import type { ActivationName, MatrixKind } from './model.ts';
import { ACTIVATIONS, MATRICES } from './model.ts';
import manifest from './demo.json';

export type VanishingParams = {
  seed: number;
  lambda1: number;
  activation: string;
  matrix: string;
  horizon: number;
  sequences: number;
};

export type VanishingState = {
  seed: number;
  /** Largest singular value of W_rec. */
  lambda1: number;
  activation: ActivationName;
  matrix: MatrixKind;
  /** Gaps t − k drawn so far, 0..horizon; horizon when the animation is done. */
  reveal: number;
};

export const LAMBDA_MIN = manifest.params.lambda1.min;
export const LAMBDA_MAX = manifest.params.lambda1.max;
export const SEED_MIN = manifest.params.seed.min;
export const SEED_MAX = manifest.params.seed.max;

const isActivation = (v: unknown): v is ActivationName => typeof v === 'string' && (ACTIVATIONS as readonly string[]).includes(v);
const isMatrix = (v: unknown): v is MatrixKind => typeof v === 'string' && (MATRICES as readonly string[]).includes(v);

export function initialState(params: VanishingParams): VanishingState {
  return {
    seed: params.seed,
    lambda1: params.lambda1,
    activation: isActivation(params.activation) ? params.activation : 'tanh',
    matrix: isMatrix(params.matrix) ? params.matrix : 'orthogonal',
    reveal: params.horizon,
  };
}

export function parseState(raw: unknown, params: VanishingParams): VanishingState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const { seed, lambda1, activation, matrix, reveal } = r;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < SEED_MIN || seed > SEED_MAX) return null;
  if (typeof lambda1 !== 'number' || !Number.isFinite(lambda1) || lambda1 < LAMBDA_MIN || lambda1 > LAMBDA_MAX) return null;
  if (!isActivation(activation) || !isMatrix(matrix)) return null;
  if (typeof reveal !== 'number' || !Number.isInteger(reveal) || reveal < 0 || reveal > params.horizon) return null;
  return { seed, lambda1, activation, matrix, reveal };
}
