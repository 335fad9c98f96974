/**
 * Gradient descent with and without norm clipping on the error surface of Pascanu,
 * Mikolov & Bengio (2013)'s one-unit RNN x_t = w·σ(x_{t−1}) + b (x_0 = 0.5, T = 50,
 * L = (σ(x_50) − 0.7)²). Plain float64 numbers, no DOM: everything the view draws is
 * recomputed from a few state fields, so the cloned window draws the same picture.
 */
import { clipByGlobalNorm, pascanuLossGrad, Rng } from '../../src/rnn/index.ts';

export interface Window {
  wMin: number;
  wMax: number;
  bMin: number;
  bMax: number;
}

export { WINDOW } from './schema.ts';
import { WINDOW } from './schema.ts';

/** A point in parameter space. */
export interface Point {
  w: number;
  b: number;
}

export function inWindow(p: Point, win: Window = WINDOW): boolean {
  return p.w >= win.wMin && p.w <= win.wMax && p.b >= win.bMin && p.b <= win.bMax;
}

/** One iterate of gradient descent: where it stands and the step it takes from there. */
export interface Iterate {
  w: number;
  b: number;
  loss: number;
  /** ‖∇L‖ at (w, b) before clipping. */
  gradNorm: number;
  /** ‖Δθ‖ of the step taken from here (lr times the possibly clipped norm); NaN for the last iterate. */
  stepNorm: number;
  /** Whether clipping rescaled the gradient at this iterate. */
  clipped: boolean;
}

export interface Run {
  /** Iterates 0 … n (n ≤ steps); every number in them is finite. */
  iterates: Iterate[];
  /** Index of the first iterate whose loss, gradient or parameters were not finite (never stored), or null. */
  divergedAt: number | null;
  /** Index of the first iterate outside the drawn window, or null. */
  leftAt: number | null;
}

export interface DescentOptions {
  start: Point;
  lr: number;
  steps: number;
  /** Norm-clipping threshold (Pascanu et al. 2013, Algorithm 1); null runs plain gradient descent. */
  threshold: number | null;
  window?: Window;
}

/** Plain or norm-clipped gradient descent from `start`; stops at the first non-finite value. */
export function descend(o: DescentOptions): Run {
  const win = o.window ?? WINDOW;
  const iterates: Iterate[] = [];
  let divergedAt: number | null = null;
  let leftAt: number | null = null;
  let { w, b } = o.start;
  for (let i = 0; i <= o.steps; i++) {
    if (!Number.isFinite(w) || !Number.isFinite(b)) {
      divergedAt = i;
      break;
    }
    const r = pascanuLossGrad(w, b);
    const g = Float64Array.of(r.dLdw, r.dLdb);
    const gradNorm = Math.hypot(r.dLdw, r.dLdb);
    if (!Number.isFinite(r.loss) || !Number.isFinite(gradNorm)) {
      divergedAt = i;
      break;
    }
    if (leftAt === null && !inWindow({ w, b }, win)) leftAt = i;
    const last = i === o.steps;
    const report = o.threshold !== null && !last ? clipByGlobalNorm([g], o.threshold) : null;
    const stepNorm = last ? NaN : o.lr * (report ? report.normAfter : gradNorm);
    iterates.push({ w, b, loss: r.loss, gradNorm, stepNorm, clipped: report?.clipped ?? false });
    w -= o.lr * g[0]!;
    b -= o.lr * g[1]!;
  }
  return { iterates, divergedAt, leftAt };
}

/**
 * A start point for the Random button: just below or above the cliff near the cusp,
 * where the two runs differ (elsewhere both runs look the same and teach nothing).
 */
export function randomStart(seed: number): Point {
  const rng = new Rng(seed);
  const w = rng.range(3.7, 5.3);
  const b = -0.62 * w + 0.47 + rng.range(-1.6, 0.4);
  return { w: round3(w), b: round3(Math.min(WINDOW.bMax, Math.max(WINDOW.bMin, b))) };
}

/** Three decimals: enough for a start point, short in the URL. */
export function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
