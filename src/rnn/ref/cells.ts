/**
 * One step of each cell, forward and backward, in float64 plain TypeScript. This is the
 * reference every other path is tested against, so it favours obviousness over speed.
 * Row-vector convention, as in tf.layers: pre-activation a = x·W + h·U + b.
 */
import type { CellSpec } from '../spec.ts';
import { activate, derivative, sigmoid } from './activations.ts';

/** A cell's parameters as flat row-major arrays (see spec.ts for shapes). */
export interface CellWeights {
  W: Float64Array;
  U: Float64Array;
  b: Float64Array;
  pi?: Float64Array;
  pf?: Float64Array;
  po?: Float64Array;
}

/** Everything one step needs to run backwards, plus the gate activations widgets draw. */
export interface StepCache {
  x: Float64Array;
  prev: Float64Array;
  state: Float64Array;
  /** Named per-step activations: RNN {h}; LSTM {i, f, g, o, c, h}; GRU {z, r, hTilde, h}; each [H]. */
  gates: Record<string, Float64Array>;
}

/** out[j] += Σ_i x[i]·M[i, j] for M [n, m]. */
function accVecMat(x: Float64Array, m: Float64Array, n: number, cols: number, out: Float64Array, colOff = 0, width = cols): void {
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * cols + colOff;
    for (let j = 0; j < width; j++) out[j]! += xi * m[row + j]!;
  }
}

/** out[i] += Σ_j M[i, j]·d[j] (the transpose product backward needs). */
function accMatVec(m: Float64Array, d: Float64Array, n: number, cols: number, out: Float64Array, colOff = 0, width = cols): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * cols + colOff;
    for (let j = 0; j < width; j++) s += m[row + j]! * d[j]!;
    out[i]! += s;
  }
}

/** G[i, j] += x[i]·d[j] (outer-product gradient of a kernel). */
function accOuter(x: Float64Array, d: Float64Array, n: number, cols: number, g: Float64Array, colOff = 0, width = cols): void {
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * cols + colOff;
    for (let j = 0; j < width; j++) g[row + j]! += xi * d[j]!;
  }
}

function accBias(d: Float64Array, g: Float64Array, off = 0): void {
  for (let j = 0; j < d.length; j++) g[off + j]! += d[j]!;
}

export interface RefCell {
  readonly spec: CellSpec;
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** Length of s_t: H, or 2H for LSTM ([h; c]). */
  readonly stateSize: number;
  /** s_t from x_t [I] and s_{t−1} [S]. */
  forward(w: CellWeights, x: Float64Array, prev: Float64Array): StepCache;
  /** Given ∂J/∂s_t [S], accumulates weight gradients into g and returns ∂J/∂s_{t−1} [S] and ∂J/∂x_t [I]. */
  backward(w: CellWeights, c: StepCache, dState: Float64Array, g: CellWeights): { dPrev: Float64Array; dx: Float64Array };
}

function rnnCell(spec: CellSpec, I: number): RefCell {
  const H = spec.hiddenSize;
  const act = spec.activation ?? 'tanh';
  return {
    spec, inputSize: I, hiddenSize: H, stateSize: H,
    forward(w, x, prev) {
      const a = Float64Array.from(w.b);
      accVecMat(x, w.W, I, H, a);
      accVecMat(prev, w.U, H, H, a);
      const h = a.map((v) => activate(act, v));
      return { x, prev, state: h, gates: { h } };
    },
    backward(w, c, dState, g) {
      const h = c.state;
      const da = dState.map((d, j) => d * derivative(act, h[j]!));
      accOuter(c.x, da, I, H, g.W);
      accOuter(c.prev, da, H, H, g.U);
      accBias(da, g.b);
      const dx = new Float64Array(I);
      accMatVec(w.W, da, I, H, dx);
      const dPrev = new Float64Array(H);
      accMatVec(w.U, da, H, H, dPrev);
      return { dPrev, dx };
    },
  };
}

function lstmCell(spec: CellSpec, I: number): RefCell {
  const H = spec.hiddenSize;
  const G = 4 * H;
  const peep = spec.peephole === true;
  return {
    spec, inputSize: I, hiddenSize: H, stateSize: 2 * H,
    forward(w, x, prev) {
      const hPrev = prev.subarray(0, H);
      const cPrev = prev.subarray(H);
      const z = Float64Array.from(w.b);
      accVecMat(x, w.W, I, G, z);
      accVecMat(hPrev, w.U, H, G, z);
      const i = new Float64Array(H), f = new Float64Array(H), gg = new Float64Array(H), o = new Float64Array(H);
      const c = new Float64Array(H), h = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        const cp = cPrev[j]!;
        i[j] = sigmoid(z[j]! + (peep ? w.pi![j]! * cp : 0));
        f[j] = sigmoid(z[H + j]! + (peep ? w.pf![j]! * cp : 0));
        gg[j] = Math.tanh(z[2 * H + j]!);
        c[j] = f[j]! * cp + i[j]! * gg[j]!;
        o[j] = sigmoid(z[3 * H + j]! + (peep ? w.po![j]! * c[j]! : 0));
        h[j] = o[j]! * Math.tanh(c[j]!);
      }
      const state = new Float64Array(2 * H);
      state.set(h, 0);
      state.set(c, H);
      return { x, prev, state, gates: { i, f, g: gg, o, c, h } };
    },
    backward(w, cache, dState, g) {
      const { i, f, g: gg, o, c } = cache.gates as Record<'i' | 'f' | 'g' | 'o' | 'c', Float64Array>;
      const hPrev = cache.prev.subarray(0, H);
      const cPrev = cache.prev.subarray(H);
      const dz = new Float64Array(G);
      const dPrev = new Float64Array(2 * H);
      for (let j = 0; j < H; j++) {
        const dh = dState[j]!;
        const tc = Math.tanh(c[j]!);
        const oj = o[j]!, ij = i[j]!, fj = f[j]!, gj = gg[j]!;
        const dO = dh * tc * oj * (1 - oj);
        let dc = dState[H + j]! + dh * oj * (1 - tc * tc);
        if (peep) {
          dc += dO * w.po![j]!;
          g.po![j]! += dO * c[j]!;
        }
        const dI = dc * gj * ij * (1 - ij);
        const dF = dc * cPrev[j]! * fj * (1 - fj);
        const dG = dc * ij * (1 - gj * gj);
        dz[j] = dI;
        dz[H + j] = dF;
        dz[2 * H + j] = dG;
        dz[3 * H + j] = dO;
        let dcPrev = dc * fj;
        if (peep) {
          dcPrev += dI * w.pi![j]! + dF * w.pf![j]!;
          g.pi![j]! += dI * cPrev[j]!;
          g.pf![j]! += dF * cPrev[j]!;
        }
        dPrev[H + j] = dcPrev;
      }
      accOuter(cache.x, dz, I, G, g.W);
      accOuter(hPrev, dz, H, G, g.U);
      accBias(dz, g.b);
      const dx = new Float64Array(I);
      accMatVec(w.W, dz, I, G, dx);
      const dh = new Float64Array(H);
      accMatVec(w.U, dz, H, G, dh);
      dPrev.set(dh, 0);
      return { dPrev, dx };
    },
  };
}

function gruCell(spec: CellSpec, I: number): RefCell {
  const H = spec.hiddenSize;
  const G = 3 * H;
  return {
    spec, inputSize: I, hiddenSize: H, stateSize: H,
    forward(w, x, prev) {
      const xa = Float64Array.from(w.b);
      accVecMat(x, w.W, I, G, xa);
      const hz = new Float64Array(2 * H);
      accVecMat(prev, w.U, H, G, hz, 0, 2 * H);
      const z = new Float64Array(H), r = new Float64Array(H), rh = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        z[j] = sigmoid(xa[j]! + hz[j]!);
        r[j] = sigmoid(xa[H + j]! + hz[H + j]!);
        rh[j] = r[j]! * prev[j]!;
      }
      const ha = xa.slice(2 * H);
      accVecMat(rh, w.U, H, G, ha, 2 * H, H);
      const hTilde = ha.map(Math.tanh);
      const h = new Float64Array(H);
      for (let j = 0; j < H; j++) h[j] = z[j]! * prev[j]! + (1 - z[j]!) * hTilde[j]!;
      return { x, prev, state: h, gates: { z, r, hTilde, h, rh } };
    },
    backward(w, cache, dState, g) {
      const { z, r, hTilde, rh } = cache.gates as Record<'z' | 'r' | 'hTilde' | 'rh', Float64Array>;
      const prev = cache.prev;
      const dPrev = new Float64Array(H);
      const dAll = new Float64Array(G);
      const dHa = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        const dh = dState[j]!;
        dPrev[j] = dh * z[j]!;
        const zj = z[j]!, ht = hTilde[j]!;
        dAll[j] = dh * (prev[j]! - ht) * zj * (1 - zj);
        dHa[j] = dh * (1 - zj) * (1 - ht * ht);
        dAll[2 * H + j] = dHa[j]!;
      }
      accOuter(rh, dHa, H, G, g.U, 2 * H, H);
      const dRh = new Float64Array(H);
      accMatVec(w.U, dHa, H, G, dRh, 2 * H, H);
      for (let j = 0; j < H; j++) {
        const rj = r[j]!;
        dAll[H + j] = dRh[j]! * prev[j]! * rj * (1 - rj);
        dPrev[j]! += dRh[j]! * rj;
      }
      const dZr = dAll.subarray(0, 2 * H);
      accOuter(prev, dZr, H, G, g.U, 0, 2 * H);
      accMatVec(w.U, dZr, H, G, dPrev, 0, 2 * H);
      accOuter(cache.x, dAll, I, G, g.W);
      accBias(dAll, g.b);
      const dx = new Float64Array(I);
      accMatVec(w.W, dAll, I, G, dx);
      return { dPrev, dx };
    },
  };
}

/** The reference cell for a spec reading inputs of width inputSize. */
export function refCell(spec: CellSpec, inputSize: number): RefCell {
  switch (spec.kind) {
    case 'rnn':
      return rnnCell(spec, inputSize);
    case 'lstm':
      return lstmCell(spec, inputSize);
    case 'gru':
      return gruCell(spec, inputSize);
  }
}
