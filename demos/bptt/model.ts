/**
 * The numbers the BPTT demo draws, for a one-layer tanh RNN reading a short text
 * (one-hot input, softmax over the next character at every step). Pure computation, no DOM.
 *
 * Heatmap and per-step contributions come from the float64 reference path (refDiagnostics).
 * Truncated BPTT needs one level finer: the share of ∂J/∂W_rec carried by loss J_t through
 * step k, for every pair (t, k); those pairs are computed here and checked against
 * refLossAndGradients' truncated BPTT in the tests.
 */
import type { Batch, ModelSpec, ParamSet } from '../../src/rnn/index.ts';
import { charCorpus, initParams, refDiagnostics } from '../../src/rnn/index.ts';
import { truncatedSegments } from '../../src/rnn/ref/bptt.ts';
import { textChars } from './schema.ts';

export interface BpttConfig {
  text: string;
  hidden: number;
  seed: number;
  gain: number;
}

export interface BpttModel {
  /** The T + 1 characters: inputs are 0 … T−1, targets 1 … T. */
  chars: string[];
  steps: number;
  hidden: number;
  spec: ModelSpec;
  params: ParamSet;
  batch: Batch;
  loss: number;
  /** Cross-entropy of each step, [T]. */
  stepLosses: number[];
  /** h_t per step, [T][H]. */
  states: number[][];
  /** ‖∂J_t/∂s_k‖ for loss step t (row) and state step k (column), [T][T]; 0 for k > t. */
  heat: number[][];
  /** ‖∂J/∂s_k‖ (all losses together), [T]. */
  stateGradNorms: number[];
  /** Step k's contribution C_k to ∂J/∂W_rec, [T] of flat [H·H] (row-major, W_rec is [H, H]). */
  contributions: Float64Array[];
  /** ∂J/∂W_rec = Σ_k C_k, flat [H·H]. */
  total: Float64Array;
  /** ‖∂J/∂W_rec‖ (Frobenius). */
  totalNorm: number;
  /** ⟨C_k, g⟩ / ‖g‖ with g the total: scalars that add up to ‖g‖ exactly, [T]. */
  shares: number[];
  /** The part of ∂J/∂W_rec that J_t carries through step k, [T][T] of flat [H·H] (empty for k > t). */
  pairs: Float64Array[][];
  /** False when any drawn number is NaN or ±∞ (the view then shows "diverged"). */
  finite: boolean;
}

/**
 * The core's name for the recurrent kernel. In the code (as in Keras' `recurrent_kernel`) U is
 * the recurrent matrix, the slides' W_rec, and the head's V is the slides' output matrix U.
 */
export const U_NAME = 'layer0.fw.U';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));

/** The RNN, its seeded weights (W_rec scaled by the gain) and the text as one sequence. */
export function setup(cfg: BpttConfig): { chars: string[]; spec: ModelSpec; params: ParamSet; batch: Batch } {
  const chars = textChars(cfg.text);
  const corpus = charCorpus(chars.join(''));
  const V = corpus.vocab.length;
  const T = chars.length - 1;
  const spec: ModelSpec = {
    input: { kind: 'onehot', vocab: V },
    layers: [{ cell: { kind: 'rnn', hiddenSize: cfg.hidden, activation: 'tanh' } }],
    head: { kind: 'softmax', classes: V, at: 'every' },
  };
  const params = initParams(spec, { seed: cfg.seed });
  const U = params[U_NAME]!.data;
  for (let i = 0; i < U.length; i++) U[i]! *= cfg.gain;
  const ids = corpus.ids;
  const batch: Batch = { batchSize: 1, steps: T, inputIndices: ids.slice(0, T), targetIndices: ids.slice(1, T + 1) };
  return { chars, spec, params, batch };
}

/** Everything the view needs for one set of weights; recomputed only when seed or gain change. */
export function buildModel(cfg: BpttConfig): BpttModel {
  const { chars, spec, params, batch } = setup(cfg);
  const T = batch.steps;
  const H = cfg.hidden;
  const d = refDiagnostics(spec, params, batch, { jacobians: false });
  const total = d.recurrentGrad;
  const totalNorm = norm(total);
  const shares = d.recurrentGradContributions.map((c) => (totalNorm > 0 ? dot(c, total) / totalNorm : 0));
  const pairs = pairContributions(params, batch, d.states, H);
  const finite = [d.loss, totalNorm, ...d.lossStateGradNorms.flat(), ...shares].every(Number.isFinite);
  return {
    chars,
    steps: T,
    hidden: H,
    spec,
    params,
    batch,
    loss: d.loss,
    stepLosses: d.stepLosses,
    states: d.states,
    heat: d.lossStateGradNorms,
    stateGradNorms: d.stateGradNorms,
    contributions: d.recurrentGradContributions,
    total,
    totalNorm,
    shares,
    pairs,
    finite,
  };
}

/**
 * pairs[t][k] = ∂(J_t/T)/∂W_rec through step k alone: h_{k−1}ᵀ · (∂(J_t/T)/∂h_k ⊙ (1 − h_k²)).
 * Row-vector convention a_k = x_k·W + h_{k−1}·U + b, so ∂a_k/∂h_{k−1} = Uᵀ, and h_{−1} = 0.
 * @param states h_t, [T][H]
 * @returns [T][t+1] of flat [H·H]
 */
function pairContributions(params: ParamSet, batch: Batch, states: number[][], H: number): Float64Array[][] {
  const T = batch.steps;
  const U = params[U_NAME]!.data;
  const Vh = params['head.V']!;
  const O = Vh.shape[1]!;
  const c = params['head.c']!.data;
  return Array.from({ length: T }, (_, t) => {
    const h = states[t]!;
    // ∂(J_t/T)/∂h_t = (p_t − y_t)·Vᵀ / T with J the mean over the T steps.
    const logits = Array.from({ length: O }, (_, j) => c[j]! + h.reduce((s, hi, i) => s + hi * Vh.data[i * O + j]!, 0));
    const m = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - m));
    const z = e.reduce((a, b) => a + b, 0);
    const target = batch.targetIndices![t]!;
    const dy = e.map((v, j) => (v / z - (j === target ? 1 : 0)) / T);
    let delta = Array.from({ length: H }, (_, i) => dy.reduce((s, v, j) => s + v * Vh.data[i * O + j]!, 0));
    const row: Float64Array[] = [];
    for (let k = t; k >= 0; k--) {
      const hk = states[k]!;
      const da = delta.map((v, j) => v * (1 - hk[j]! * hk[j]!));
      const C = new Float64Array(H * H);
      if (k > 0) {
        const prev = states[k - 1]!;
        for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) C[i * H + j] = prev[i]! * da[j]!;
      }
      row[k] = C;
      delta = Array.from({ length: H }, (_, i) => {
        let s = 0;
        for (let j = 0; j < H; j++) s += U[i * H + j]! * da[j]!;
        return s;
      });
    }
    return row;
  });
}

/**
 * How the gradient is cut, both in the core's terms of truncated BPTT(k1, k2) (Williams & Peng):
 * - 'chunked', BPTT(τ, τ): the sequence is cut into chunks of τ steps; each chunk's losses are
 *   backpropagated to the start of that chunk only (the scheme of the slides, one update per chunk);
 * - 'band', BPTT(1, τ): every loss J_t is backpropagated through its own last τ states.
 */
export type TruncationScheme = 'chunked' | 'band';

/** The core's truncation {k1, k2} for a scheme and a truncation length τ. */
export function truncationOf(scheme: TruncationScheme, tau: number): { k1: number; k2: number } {
  return scheme === 'chunked' ? { k1: tau, k2: tau } : { k1: 1, k2: tau };
}

/**
 * Whether truncation drops cell (t, j), the path from loss J_t back to state s_j (0-based), as
 * the core's truncated BPTT(k1, k2) does: J_t goes into the backward pass that ends at the first
 * multiple of k1 at or after t (or at the last step), and that pass reaches back k2 states.
 * Chunked: J_t and s_j lie in different chunks (a last, shorter chunk's pass still reaches back τ
 * states). Band: s_j is τ or more steps behind t.
 * @returns [T][T], false for j > t
 */
export function droppedMask(scheme: TruncationScheme, tau: number, T: number): boolean[][] {
  const dropped = Array.from({ length: T }, () => new Array<boolean>(T).fill(false));
  if (tau >= T) return dropped;
  for (const seg of truncatedSegments(T, truncationOf(scheme, tau))) {
    for (let t = seg.lossFrom; t <= seg.end; t++) for (let j = 0; j < seg.from; j++) dropped[t]![j] = true;
  }
  return dropped;
}

export interface TruncationResult {
  scheme: TruncationScheme;
  /** Truncation length τ; τ ≥ T is full BPTT for either scheme. */
  k: number;
  /** Whether cell (t, k') is dropped (see droppedMask), [T][T]. */
  dropped: boolean[][];
  droppedCells: number;
  /** ∂J/∂W_rec of truncated BPTT, flat [H·H]. */
  grad: Float64Array;
  /** Step k's kept and dropped parts, projected on the full gradient like `shares`, [T]. */
  keptShares: number[];
  droppedShares: number[];
  /** The fraction of ∂J/∂W_rec lost: ‖g_trunc − g‖ / ‖g‖ (0 when nothing is dropped). */
  relDiff: number;
}

/** Truncated BPTT of either scheme with length τ = k: what it keeps and drops of the full gradient. */
export function truncate(m: BpttModel, k: number, scheme: TruncationScheme = 'band'): TruncationResult {
  const T = m.steps;
  const n = m.hidden * m.hidden;
  const grad = new Float64Array(n);
  const dropped = droppedMask(scheme, k, T);
  const keptShares: number[] = [];
  const droppedShares: number[] = [];
  let droppedCells = 0;
  for (let j = 0; j < T; j++) {
    const kept = new Float64Array(n);
    for (let t = j; t < T; t++) {
      if (dropped[t]![j]) {
        droppedCells++;
        continue;
      }
      const p = m.pairs[t]![j]!;
      for (let i = 0; i < n; i++) kept[i]! += p[i]!;
    }
    for (let i = 0; i < n; i++) grad[i]! += kept[i]!;
    const share = m.totalNorm > 0 ? dot(kept, m.total) / m.totalNorm : 0;
    keptShares.push(share);
    droppedShares.push(m.shares[j]! - share);
  }
  const diff = grad.map((v, i) => v - m.total[i]!);
  const relDiff = droppedCells === 0 ? 0 : m.totalNorm > 0 ? norm(diff) / m.totalNorm : norm(diff) > 0 ? Infinity : 0;
  return { scheme, k, dropped, droppedCells, grad, keptShares, droppedShares, relDiff };
}
