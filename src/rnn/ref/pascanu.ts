/**
 * Pascanu, Mikolov & Bengio (2013)'s single-hidden-unit model x_t = w·σ(x_{t−1}) + b,
 * x_0 = 0.5, with loss L = (σ(x_T) − 0.7)² at T = 50: a scalar recurrence whose loss
 * surface over (w, b) has the cliff that motivates gradient clipping. Plain numbers, so a
 * widget can sweep thousands of (w, b) points per frame.
 */
import { sigmoid } from './activations.ts';
import { checkFinite, checkInt } from '../validate.ts';

export interface PascanuOptions {
  /** Default 0.5. */
  x0?: number;
  /** Number of steps T; default 50. */
  steps?: number;
  /** Target of σ(x_T); default 0.7. */
  target?: number;
}

export interface PascanuResult {
  /** x_0 … x_T, [T+1]. */
  xs: Float64Array;
  loss: number;
  dLdw: number;
  dLdb: number;
  /** ∂L/∂x_t for t = 0 … T, [T+1]. */
  dLdx: Float64Array;
  /** Step t's share of ∂L/∂w (t = 1 … T at index t; index 0 is 0); they sum to dLdw. */
  dwContributions: Float64Array;
  /** |∂x_T/∂x_k| = Π_{j=k}^{T−1} |w·σ'(x_j)| for k = 0 … T, [T+1]. */
  jacobianNorms: Float64Array;
}

function options(o: PascanuOptions): Required<PascanuOptions> {
  return {
    x0: checkFinite('x0', o.x0 ?? 0.5),
    steps: checkInt('steps', o.steps ?? 50, 1, 1_000_000),
    target: checkFinite('target', o.target ?? 0.7),
  };
}

/** Forward pass, loss and its exact gradient by BPTT. */
export function pascanuModel(w: number, b: number, opts: PascanuOptions = {}): PascanuResult {
  checkFinite('w', w);
  checkFinite('b', b);
  const { x0, steps: T, target } = options(opts);
  const xs = new Float64Array(T + 1);
  xs[0] = x0;
  for (let t = 1; t <= T; t++) xs[t] = w * sigmoid(xs[t - 1]!) + b;
  const sT = sigmoid(xs[T]!);
  const loss = (sT - target) ** 2;
  const dLdx = new Float64Array(T + 1);
  const dw = new Float64Array(T + 1);
  const jac = new Float64Array(T + 1);
  dLdx[T] = 2 * (sT - target) * sT * (1 - sT);
  jac[T] = 1;
  let dLdw = 0, dLdb = 0;
  for (let t = T; t >= 1; t--) {
    const s = sigmoid(xs[t - 1]!);
    dw[t] = dLdx[t]! * s;
    dLdw += dw[t]!;
    dLdb += dLdx[t]!;
    const local = w * s * (1 - s);
    dLdx[t - 1] = dLdx[t]! * local;
    jac[t - 1] = jac[t]! * Math.abs(local);
  }
  return { xs, loss, dLdw, dLdb, dLdx, dwContributions: dw, jacobianNorms: jac };
}

/** Loss and gradient only, without allocating the per-step arrays (for grid sweeps). */
export function pascanuLossGrad(w: number, b: number, x0 = 0.5, T = 50, target = 0.7): { loss: number; dLdw: number; dLdb: number } {
  // Forward keeps σ(x_t) to reuse in the backward sweep.
  const s = new Float64Array(T + 1);
  let x = x0;
  s[0] = sigmoid(x);
  for (let t = 1; t <= T; t++) {
    x = w * s[t - 1]! + b;
    s[t] = sigmoid(x);
  }
  const sT = s[T]!;
  let d = 2 * (sT - target) * sT * (1 - sT);
  let dLdw = 0, dLdb = 0;
  for (let t = T; t >= 1; t--) {
    const sp = s[t - 1]!;
    dLdw += d * sp;
    dLdb += d;
    d *= w * sp * (1 - sp);
  }
  return { loss: (sT - target) ** 2, dLdw, dLdb };
}

export interface GridSpec {
  wMin: number;
  wMax: number;
  bMin: number;
  bMax: number;
  /** Grid points along w and b (≥ 2 each). */
  nw: number;
  nb: number;
}

export interface LossSurface {
  ws: Float64Array;
  bs: Float64Array;
  /** Row-major [nb, nw]: entry (i, j) is at b = bs[i], w = ws[j]. */
  loss: Float64Array;
  dLdw: Float64Array;
  dLdb: Float64Array;
}

/** Loss and gradient over a (w, b) grid. */
export function pascanuLossSurface(grid: GridSpec, opts: PascanuOptions = {}): LossSurface {
  for (const k of ['wMin', 'wMax', 'bMin', 'bMax'] as const) checkFinite(`grid.${k}`, grid[k]);
  const nw = checkInt('grid.nw', grid.nw, 2, 4096);
  const nb = checkInt('grid.nb', grid.nb, 2, 4096);
  if (!(grid.wMax > grid.wMin)) throw new RangeError(`grid.wMax: expected > grid.wMin (${grid.wMin}), got ${grid.wMax}`);
  if (!(grid.bMax > grid.bMin)) throw new RangeError(`grid.bMax: expected > grid.bMin (${grid.bMin}), got ${grid.bMax}`);
  const { x0, steps, target } = options(opts);
  const ws = Float64Array.from({ length: nw }, (_, j) => grid.wMin + ((grid.wMax - grid.wMin) * j) / (nw - 1));
  const bs = Float64Array.from({ length: nb }, (_, i) => grid.bMin + ((grid.bMax - grid.bMin) * i) / (nb - 1));
  const loss = new Float64Array(nw * nb), dLdw = new Float64Array(nw * nb), dLdb = new Float64Array(nw * nb);
  for (let i = 0; i < nb; i++) {
    for (let j = 0; j < nw; j++) {
      const r = pascanuLossGrad(ws[j]!, bs[i]!, x0, steps, target);
      loss[i * nw + j] = r.loss;
      dLdw[i * nw + j] = r.dLdw;
      dLdb[i * nw + j] = r.dLdb;
    }
  }
  return { ws, bs, loss, dLdw, dLdb };
}
