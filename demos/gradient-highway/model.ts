/**
 * Float64 model of the gradient highway: for the race's three cells (same sizes as the
 * long-lag demo), the norm of the state Jacobian product against the gap t − k on random
 * token sequences. Along the LSTM it follows the cell state, ‖∂c_t/∂c_k‖₂ (the c-block of
 * ∂[h;c]_t/∂[h;c]_k, every path included); for the GRU and the vanilla RNN ‖∂h_t/∂h_k‖₂.
 * One-step Jacobians come from the float64 reference cell's backward pass, row by row.
 * Dashed references: the direct path alone (∏ diag f for the LSTM, ∏ diag z for the GRU,
 * the "constant error carousel" when the gate is 1) and the RNN's bound (λ₁γ)^(t−k).
 */
import type { ParamSet } from '../../src/rnn/index.ts';
import { Rng, largestSingularValue, rememberFirst } from '../../src/rnn/index.ts';
import { refCell, type StepCache } from '../../src/rnn/ref/cells.ts';
import { cellWeights } from '../../src/rnn/ref/network.ts';
import { spectralNorm } from '../../src/rnn/spectral-norm.ts';
import { cellPrefix } from '../../src/rnn/spec.ts';
import { raceInitialParams, raceSpec, unprefixed, type RaceCell } from '../../src/training/trainers/long-lag-race.ts';
import { RACE_CELLS, RACE_TASK } from '../long-lag/race.ts';

/** Steps run before k, so s_k is a typical state rather than the zero start. */
export const BURN_IN = 10;

export interface HighwayConfig {
  seed: number;
  /** LSTM forget-gate bias and GRU update-gate bias of the seeded weights (ignored with trained ones). */
  keepBias: number;
  /** The three models' trained weights (names prefixed "rnn/", "lstm/", "gru/"), or null for seeded ones. */
  trained: ParamSet | null;
  horizon: number;
  sequences: number;
}

export interface CellCurves {
  cell: RaceCell;
  hidden: number;
  /** log10 of the plotted norm for d = 0..horizon, [sequences][horizon + 1]; −Infinity where it is exactly 0. */
  logNorms: Float64Array[];
  /** log10 ‖∂s_{k+d}/∂s_k‖₂ of the whole state ([h; c] for the LSTM), [sequences][horizon + 1]. */
  logStateNorms: Float64Array[];
  logMedian: Float64Array;
  /** The dashed reference: median of the direct path's norm (LSTM, GRU) or the bound (RNN), [horizon + 1]. */
  logReference: Float64Array;
  /** Mean keep gate over the measured steps (f for the LSTM, z for the GRU); NaN for the RNN. */
  meanGate: number;
  /** σ_max(W_rec) of the RNN (its bound's λ₁, γ = 1 for tanh); NaN for the gated cells. */
  lambda1: number;
}

export interface Highway {
  horizon: number;
  cells: Record<RaceCell, CellCurves>;
}

/** The weights of one cell: the trained ones, or the seeded ones with the keep bias. */
export function cellParams(cell: RaceCell, cfg: HighwayConfig): ParamSet {
  if (cfg.trained) return unprefixed(cell, cfg.trained);
  return raceInitialParams(cell, { ...RACE_TASK, lag: cfg.horizon, keepBias: cfg.keepBias }, cfg.seed);
}

/** Random sequences of the race's tokens (a symbol, then noise), BURN_IN + horizon steps each, as one-hot rows. */
export function sequenceInputs(seed: number, horizon: number, sequences: number): Float64Array[][] {
  const steps = BURN_IN + horizon;
  const V = RACE_TASK.symbols + RACE_TASK.noise;
  const batch = rememberFirst(new Rng(seed * 1000003 + 4241), steps - 1, RACE_TASK.symbols, sequences, RACE_TASK.noise);
  return Array.from({ length: sequences }, (_, b) =>
    Array.from({ length: steps }, (_, t) => {
      const x = new Float64Array(V);
      x[batch.inputIndices![b * steps + t]!] = 1;
      return x;
    }),
  );
}

/** C = A·B for square [n, n] row-major matrices. */
function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return c;
}

/** Rows and columns [from, from + size) of an [n, n] matrix. */
function block(a: Float64Array, n: number, from: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) out.set(a.subarray((from + i) * n + from, (from + i) * n + from + size), i * size);
  return out;
}

const log10 = (v: number) => (v === 0 ? -Infinity : Math.log10(v));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid]!;
  const lo = sorted[mid - 1]!, hi = sorted[mid]!;
  return lo === hi ? lo : (lo + hi) / 2;
}

/**
 * One-step Jacobians J_n[i][j] = ∂s_n[i]/∂s_{n−1}[j] along one sequence, from the
 * reference cell's backward pass seeded with each unit vector (as refDiagnostics does).
 */
export function stepJacobians(cell: RaceCell, ps: ParamSet, inputs: Float64Array[]): { caches: StepCache[]; jacobians: Float64Array[]; size: number } {
  const spec = raceSpec(cell, { ...RACE_TASK, keepBias: 0 });
  const ref = refCell(spec.layers[0]!.cell, inputs[0]!.length);
  const w = cellWeights(ps, cellPrefix(0));
  const scratch = cellWeights(Object.fromEntries(Object.entries(ps).map(([k, p]) => [k, { shape: p.shape, data: new Float64Array(p.data.length) }])), cellPrefix(0));
  const S = ref.stateSize;
  let s: Float64Array = new Float64Array(S);
  const caches = inputs.map((x) => {
    const c = ref.forward(w, x, s);
    s = c.state;
    return c;
  });
  const jacobians = caches.map((c) => {
    const m = new Float64Array(S * S);
    for (let i = 0; i < S; i++) {
      const e = new Float64Array(S);
      e[i] = 1;
      m.set(ref.backward(w, c, e, scratch).dPrev, i * S);
    }
    return m;
  });
  return { caches, jacobians, size: S };
}

function measureCell(cell: RaceCell, cfg: HighwayConfig, inputs: Float64Array[][]): CellCurves {
  const ps = cellParams(cell, cfg);
  const H = ps['layer0.fw.U']!.shape[0]!;
  const k = BURN_IN - 1;
  const logNorms: Float64Array[] = [];
  const logStateNorms: Float64Array[] = [];
  const logDirect: Float64Array[] = [];
  let gateSum = 0, gateCount = 0;
  for (const seq of inputs) {
    const { caches, jacobians, size } = stepJacobians(cell, ps, seq);
    const plotted = new Float64Array(cfg.horizon + 1);
    const whole = new Float64Array(cfg.horizon + 1);
    const direct = new Float64Array(cfg.horizon + 1);
    const keep = new Float64Array(H).fill(1);
    let p: Float64Array | null = null;
    for (let d = 1; d <= cfg.horizon; d++) {
      const j = jacobians[k + d]!;
      p = p ? matmul(j, p, size) : Float64Array.from(j);
      whole[d] = log10(spectralNorm(p, size, size));
      plotted[d] = cell === 'lstm' ? log10(spectralNorm(block(p, size, H, H), H, H)) : whole[d]!;
      if (cell !== 'rnn') {
        const gate = caches[k + d]!.gates[cell === 'lstm' ? 'f' : 'z']!;
        let mx = 0;
        for (let u = 0; u < H; u++) {
          keep[u] = keep[u]! * gate[u]!;
          mx = Math.max(mx, keep[u]!);
          gateSum += gate[u]!;
          gateCount++;
        }
        direct[d] = log10(mx);
      }
    }
    logNorms.push(plotted);
    logStateNorms.push(whole);
    logDirect.push(direct);
  }
  const lambda1 = cell === 'rnn' ? largestSingularValue(ps['layer0.fw.U']!.data, H, H) : Number.NaN;
  const logMedian = new Float64Array(cfg.horizon + 1);
  const logReference = new Float64Array(cfg.horizon + 1);
  for (let d = 0; d <= cfg.horizon; d++) {
    logMedian[d] = median(logNorms.map((r) => r[d]!));
    // tanh: γ = 1, so the RNN's bound is λ₁^(t−k).
    logReference[d] = cell === 'rnn' ? d * Math.log10(lambda1) : median(logDirect.map((r) => r[d]!));
  }
  return { cell, hidden: H, logNorms, logStateNorms, logMedian, logReference, meanGate: gateCount ? gateSum / gateCount : Number.NaN, lambda1 };
}

/**
 * Measures all three cells on the same random sequences. `cache` keeps curves between
 * calls: the RNN has no keep bias, so moving the slider recomputes only the gated cells.
 */
export function measureHighway(cfg: HighwayConfig, cache?: Map<string, CellCurves>): Highway {
  const inputs = sequenceInputs(cfg.seed, cfg.horizon, cfg.sequences);
  const measured = (cell: RaceCell): CellCurves => {
    const weights = cfg.trained ? 'trained' : cell === 'rnn' ? 'seeded' : `bias ${cfg.keepBias}`;
    const key = `${cell} ${cfg.seed} ${cfg.horizon} ${cfg.sequences} ${weights}`;
    const hit = cache?.get(key);
    if (hit) return hit;
    const curves = measureCell(cell, cfg, inputs);
    if (cache) {
      if (cache.size > 32) cache.clear();
      cache.set(key, curves);
    }
    return curves;
  };
  const cells = Object.fromEntries(RACE_CELLS.map((cell) => [cell, measured(cell)])) as Record<RaceCell, CellCurves>;
  return { horizon: cfg.horizon, cells };
}
