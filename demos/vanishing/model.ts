/**
 * Float64 model of the vanishing/exploding gradient slides. The recurrence is the
 * lecture's (Pascanu et al.) form, with s_t taken before the activation:
 *
 *   s_t = W_rec σ(s_{t−1}) + W_in x_t + b,   ∂s_t/∂s_k = ∏_{i=k+1..t} W_rec diag(σ′(s_{i−1})),
 *
 * so the bound ‖∂s_t/∂s_k‖₂ ≤ (λ₁γ)^(t−k) of the slides applies factor by factor.
 * Norms are exact spectral norms (largest eigenvalue of JᵀJ), and the product is carried
 * as 10^scale · M with M renormalised every step, so no λ₁ overflows what is drawn.
 * Vectors are columns; matrices are row-major Float64Arrays.
 */
import { derivativeBound, orthogonalInit, Rng } from '../../src/rnn/index.ts';
import { activate, derivative } from '../../src/rnn/ref/activations.ts';
import { spectralNorm } from '../../src/rnn/spectral-norm.ts';

export { largestSymmetricEigenvalue, spectralNorm } from '../../src/rnn/spectral-norm.ts';

export { ACTIVATIONS, MATRICES, type ActivationName, type MatrixKind } from './schema.ts';
import type { ActivationName, MatrixKind } from './schema.ts';

/** Units in s_t. */
export const HIDDEN = 16;
/** Width of x_t. */
export const INPUT = 4;
/** Steps run before k, so s_k is a typical state rather than the zero start. */
export const BURN_IN = 10;
/** States are held inside ±STATE_LIMIT so Inf − Inf never turns a derivative into NaN. */
const STATE_LIMIT = 1e150;

export interface VanishingConfig {
  seed: number;
  /** Largest singular value λ₁ of W_rec (> 0). */
  lambda1: number;
  activation: ActivationName;
  matrix: MatrixKind;
  /** Largest gap t − k measured. */
  horizon: number;
  /** Number of random input sequences. */
  sequences: number;
}

export interface Measurement {
  lambda1: number;
  gamma: number;
  /** λ₁γ: below 1 the bound forces vanishing; above 1 growth becomes possible. */
  ratio: number;
  /** σ_max of the W_rec actually built (equals λ₁ up to rounding). */
  sigmaMax: number;
  horizon: number;
  /** log10 ‖∂s_{k+d}/∂s_k‖₂ for d = 0..horizon, [sequences][horizon + 1]; −Infinity where the product is exactly 0. */
  logNorms: Float64Array[];
  /** Median over the sequences of logNorms, [horizon + 1]. */
  logMedian: Float64Array;
  /** log10 (λ₁γ)^d, [horizon + 1]. */
  logBound: Float64Array;
}

/** σ′ at the pre-activation x (the slides' diag(σ′(s_{i−1}))), from the core's derivative of the output. */
export function activationSlope(kind: ActivationName, x: number): number {
  return derivative(kind, activate(kind, x));
}

/**
 * W_rec / λ₁ [n, n]: a seeded orthogonal matrix (every singular value 1) or a Gaussian one
 * divided by its own largest singular value. Both come from the same Gaussian draw, so
 * switching kind or λ₁ keeps the rest of the picture's randomness.
 */
export function unitRecurrentMatrix(seed: number, n: number, kind: MatrixKind): Float64Array {
  // orthogonalInit orthonormalises exactly these n² normal draws.
  if (kind === 'orthogonal') return orthogonalInit(new Rng(seed), n).data;
  const rng = new Rng(seed);
  const g = new Float64Array(n * n);
  for (let i = 0; i < g.length; i++) g[i] = rng.normal();
  const sigma = spectralNorm(g, n, n);
  for (let i = 0; i < g.length; i++) g[i] = g[i]! / sigma;
  return g;
}

/** W_rec [n, n] with largest singular value exactly λ₁. */
export function recurrentMatrix(seed: number, n: number, kind: MatrixKind, lambda1: number): Float64Array {
  return unitRecurrentMatrix(seed, n, kind).map((w) => w * lambda1);
}

/** Keeps λ₁ usable: positive, finite; anything else is taken as the nearest usable value. */
function usableLambda(lambda1: number): number {
  if (Number.isNaN(lambda1)) return 1;
  return Math.min(1e300, Math.max(1e-300, lambda1));
}

function clampState(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.max(-STATE_LIMIT, Math.min(STATE_LIMIT, x));
}

/** Per-sequence generator, independent of how many sequences are drawn. */
const sequenceSeed = (seed: number, j: number) => (seed * 1000003 + 7919 * (j + 1)) % 4294967296;

/** The random network of one seed. */
export interface Network {
  /** W_rec / λ₁, [n, n], largest singular value 1. */
  unitW: Float64Array;
  /** W_rec, [n, n]. */
  w: Float64Array;
  /** W_in, [n, INPUT]. */
  win: Float64Array;
  /** b, [n]. */
  b: Float64Array;
}

export function buildNetwork(seed: number, matrix: MatrixKind, lambda1: number): Network {
  const n = HIDDEN;
  const lambda = usableLambda(lambda1);
  const unitW = unitRecurrentMatrix(seed, n, matrix);
  // W_in and b come from a stream of their own so that W_rec's kind does not shift them.
  const rng = new Rng(sequenceSeed(seed, -1));
  const win = new Float64Array(n * INPUT);
  for (let i = 0; i < win.length; i++) win[i] = rng.normal() / Math.sqrt(INPUT);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = 0.1 * rng.normal();
  return { unitW, w: unitW.map((v) => v * lambda), win, b };
}

/** x_1 … x_steps ~ N(0, 1) of input sequence j, [steps][INPUT]. */
export function sequenceInputs(seed: number, j: number, steps: number): Float64Array[] {
  const rng = new Rng(sequenceSeed(seed, j));
  const xs: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    const x = new Float64Array(INPUT);
    for (let i = 0; i < INPUT; i++) x[i] = rng.normal();
    xs.push(x);
  }
  return xs;
}

/** One step s_t = W_rec σ(s_{t−1}) + W_in x_t + b, [n] → [n]. */
export function recurrenceStep(net: Network, activation: ActivationName, s: Float64Array, x: Float64Array): Float64Array {
  const n = HIDDEN;
  const act = s.map((v) => activate(activation, v));
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = net.b[i]!;
    for (let c = 0; c < n; c++) v += net.w[i * n + c]! * act[c]!;
    for (let c = 0; c < INPUT; c++) v += net.win[i * INPUT + c]! * x[c]!;
    next[i] = clampState(v);
  }
  return next;
}

/** Pre-activation states s_1 … s_steps from s_0 = 0, [steps][n]. */
export function runSequence(net: Network, activation: ActivationName, inputs: Float64Array[]): Float64Array[] {
  let s: Float64Array = new Float64Array(HIDDEN);
  return inputs.map((x) => (s = recurrenceStep(net, activation, s, x)));
}

/**
 * log10 ‖∂s_{k+d}/∂s_k‖₂ for d = 0..states.length, with J = 10^scale · M and ‖M‖ kept near 1.
 * @param unitW W_rec / λ₁ [n, n]
 * @param states s_k … s_{k+D−1}, [D][n]
 */
function logJacobianNorms(unitW: Float64Array, logLambda: number, states: Float64Array[], activation: ActivationName): Float64Array {
  const n = HIDDEN;
  const out = new Float64Array(states.length + 1);
  let m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  let scale = 0;
  const slope = new Float64Array(n);
  for (let d = 1; d <= states.length; d++) {
    if (scale === -Infinity) {
      out[d] = -Infinity;
      continue;
    }
    const s = states[d - 1]!;
    for (let c = 0; c < n; c++) slope[c] = activationSlope(activation, s[c]!);
    // M ← (W/λ₁) diag(σ′(s_{d−1})) M: the newest factor multiplies from the left.
    const next = new Float64Array(n * n);
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < n; c++) {
        const f = unitW[i * n + c]! * slope[c]!;
        if (f === 0) continue;
        for (let j = 0; j < n; j++) next[i * n + j]! += f * m[c * n + j]!;
      }
      for (let j = 0; j < n; j++) maxAbs = Math.max(maxAbs, Math.abs(next[i * n + j]!));
    }
    if (maxAbs === 0) {
      scale = -Infinity;
      out[d] = -Infinity;
      continue;
    }
    for (let k = 0; k < next.length; k++) next[k] = next[k]! / maxAbs;
    m = next;
    scale += logLambda + Math.log10(maxAbs);
    out[d] = scale + Math.log10(spectralNorm(m, n, n));
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid]!;
  const lo = sorted[mid - 1]!;
  const hi = sorted[mid]!;
  // Equal infinities would average to NaN; −Infinity with a finite value stays −Infinity.
  return lo === hi ? lo : (lo + hi) / 2;
}

/** Runs the recurrence on `sequences` seeded inputs and measures every ‖∂s_{k+d}/∂s_k‖₂ against its bound. */
export function measure(cfg: VanishingConfig): Measurement {
  const lambda1 = usableLambda(cfg.lambda1);
  const net = buildNetwork(cfg.seed, cfg.matrix, lambda1);
  const logLambda = Math.log10(lambda1);
  const logNorms: Float64Array[] = [];
  for (let j = 0; j < cfg.sequences; j++) {
    const states = runSequence(net, cfg.activation, sequenceInputs(cfg.seed, j, BURN_IN + cfg.horizon - 1));
    // Factor d uses σ′(s_{k+d−1}), k = BURN_IN: the states s_k … s_{k+horizon−1}.
    logNorms.push(logJacobianNorms(net.unitW, logLambda, states.slice(BURN_IN - 1), cfg.activation));
  }
  const gamma = derivativeBound(cfg.activation);
  const ratio = lambda1 * gamma;
  const logRatio = logLambda + Math.log10(gamma);
  const logBound = new Float64Array(cfg.horizon + 1);
  const logMedian = new Float64Array(cfg.horizon + 1);
  for (let d = 0; d <= cfg.horizon; d++) {
    logBound[d] = d * logRatio;
    logMedian[d] = median(logNorms.map((row) => row[d]!));
  }
  return { lambda1, gamma, ratio, sigmaMax: spectralNorm(net.w, HIDDEN, HIDDEN), horizon: cfg.horizon, logNorms, logMedian, logBound };
}

export { plotValue, type Clip } from '../../src/widgets/log-scale.ts';
