/**
 * The per-step quantities the gradient widgets draw, computed on the float64 reference
 * path for one sequence: cheap for the small models a slide shows, and free of tfjs
 * per-op overhead.
 */
import type { Batch } from '../batch.ts';
import { validateBatch } from '../batch.ts';
import { largestSingularValue, matmul, spectralNormPower, spectralRadius } from '../linalg.ts';
import type { ParamSet } from '../params.ts';
import { zerosParamSet } from '../params.ts';
import type { ModelSpec } from '../spec.ts';
import { cellPrefix, gateCount, layerInputWidth, validateSpec } from '../spec.ts';
import { checkInt } from '../validate.ts';
import { derivativeBound } from './activations.ts';
import { refCell } from './cells.ts';
import type { Direction } from './network.ts';
import { backwardSequence, cellWeights, forwardSequence } from './network.ts';

export interface RecurrentStats {
  /** σ_max(W_rec): the largest singular value of the recurrent kernel [H, G·H]. */
  sigmaMax: number;
  /** max|λ| of each square gate block of W_rec, [G] (one entry for a vanilla RNN). */
  spectralRadius: number[];
  /** γ, the bound on the activation's derivative (1 for tanh, 1/4 for sigmoid). */
  gamma: number;
}

/** σ_max, spectral radius and γ of the recurrent kernel of one layer/direction. */
export function recurrentStats(spec: ModelSpec, ps: ParamSet, layer = 0, direction: Direction = 'fw'): RecurrentStats {
  const l = spec.layers[layer];
  if (!l) throw new RangeError(`layer: expected an index in [0, ${spec.layers.length - 1}], got ${layer}`);
  const U = cellWeights(ps, cellPrefix(layer, direction)).U;
  const H = l.cell.hiddenSize;
  const G = gateCount(l.cell.kind);
  const radii: number[] = [];
  for (let g = 0; g < G; g++) {
    const block = new Float64Array(H * H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) block[i * H + j] = U[i * G * H + g * H + j]!;
    radii.push(spectralRadius(block, H));
  }
  const act = l.cell.kind === 'rnn' ? (l.cell.activation ?? 'tanh') : 'tanh';
  return { sigmaMax: largestSingularValue(U, H, G * H), spectralRadius: radii, gamma: derivativeBound(act) };
}

export interface DiagnosticsOptions {
  /** Which sequence of the batch (default 0). */
  sequence?: number;
  layer?: number;
  direction?: Direction;
  /** Also compute the Jacobian-product norms ‖∂s_t/∂s_k‖ (O(T²·S³)); default true. */
  jacobians?: boolean;
  /** Also compute the ‖∂J_t/∂s_k‖ matrix (T extra backward passes); default true. */
  perStepLossGrads?: boolean;
}

export interface Diagnostics {
  loss: number;
  stepLosses: number[];
  /** s_t per step, [T][S] (S = H, or 2H = [h; c] for LSTM). */
  states: number[][];
  /** Gate activations per step: names → [T][H] (RNN h; LSTM i, f, g, o, c, h; GRU z, r, hTilde, h). */
  gates: Record<string, number[][]>;
  /** Total ∂J/∂s_k for every step k, [T][S]. */
  stateGrads: number[][];
  /** ‖∂J/∂s_k‖, [T]. */
  stateGradNorms: number[];
  /** ‖∂J_t/∂s_k‖ for output step t (row) and state step k (column), [T][T]; zero for k > t. */
  lossStateGradNorms: number[][];
  /** Step k's contribution to ∂J/∂W_rec, [T] of flat [H·G·H]; they sum to the total. */
  recurrentGradContributions: Float64Array[];
  /** Frobenius norms of those contributions, [T]. */
  recurrentGradContributionNorms: number[];
  /** Total ∂J/∂W_rec, flat [H·G·H]. */
  recurrentGrad: Float64Array;
  /** ‖∂s_t/∂s_k‖ (spectral norm) for t ≥ k, [T][T]; 1 on the diagonal, 0 above it. */
  jacobianNorms: number[][];
  stats: RecurrentStats;
}

/** Everything the BPTT widgets draw, for one sequence of the batch. */
export function refDiagnostics(spec: ModelSpec, ps: ParamSet, batch: Batch, opts: DiagnosticsOptions = {}): Diagnostics {
  validateSpec(spec);
  validateBatch(spec, batch);
  const b = checkInt('sequence', opts.sequence ?? 0, 0, batch.batchSize - 1);
  const layer = checkInt('layer', opts.layer ?? 0, 0, spec.layers.length - 1);
  const direction = opts.direction ?? 'fw';
  if (direction === 'bw' && !spec.layers[layer]!.bidirectional) throw new RangeError(`direction: expected 'fw' for a unidirectional layer ${layer}, got 'bw'`);
  const T = batch.steps;
  const tr = forwardSequence(spec, ps, batch, b);
  const full = backwardSequence(spec, ps, batch, b, tr, zerosParamSet(ps), { record: { layer, direction } })!;
  const steps = direction === 'fw' ? tr.layers[layer]!.fw : tr.layers[layer]!.bw!;
  const gateNames = Object.keys(steps[0]!.gates).filter((k) => k !== 'rh');
  const gates: Record<string, number[][]> = {};
  for (const k of gateNames) gates[k] = steps.map((s) => Array.from(s.gates[k]!));
  const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

  const lossStateGradNorms: number[][] = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  if (opts.perStepLossGrads !== false) {
    tr.outputSteps.forEach((t, n) => {
      const stepWeights = tr.outputSteps.map((_, m) => (m === n ? 1 : 0));
      const rec = backwardSequence(spec, ps, batch, b, tr, zerosParamSet(ps), { stepWeights, record: { layer, direction } })!;
      for (let k = 0; k < T; k++) lossStateGradNorms[t]![k] = norm(rec.stateGrads[k]!);
    });
  }

  const cell = refCell(spec.layers[layer]!.cell, layerInputWidth(spec, layer));
  const S = cell.stateSize;
  const jacobianNorms: number[][] = Array.from({ length: T }, () => new Array<number>(T).fill(0));
  if (opts.jacobians !== false) {
    const w = cellWeights(ps, cellPrefix(layer, direction));
    const scratch = cellWeights(zerosParamSet(ps), cellPrefix(layer, direction));
    // J[t] = ∂s_t/∂s_{t−1} in the direction's own time order; row i from a backward pass seeded with e_i.
    const jac: Float64Array[] = steps.map((c) => {
      const m = new Float64Array(S * S);
      for (let i = 0; i < S; i++) {
        const e = new Float64Array(S);
        e[i] = 1;
        m.set(cell.backward(w, c, e, scratch).dPrev, i * S);
      }
      return m;
    });
    // Work in the direction's processing order n, then map back to time indices.
    const timeOf = (n: number) => (direction === 'fw' ? n : T - 1 - n);
    for (let k = 0; k < T; k++) {
      jacobianNorms[timeOf(k)]![timeOf(k)] = 1;
      let p: Float64Array | null = null;
      for (let n = k + 1; n < T; n++) {
        const j = jac[timeOf(n)]!;
        p = p ? matmul(j, p, S, S, S) : Float64Array.from(j);
        jacobianNorms[timeOf(n)]![timeOf(k)] = spectralNormPower(p, S, S);
      }
    }
  }

  const contributions = full.stepGrads.map((g) => g.U);
  const total = new Float64Array(contributions[0]!.length);
  for (const c of contributions) for (let i = 0; i < c.length; i++) total[i]! += c[i]!;
  return {
    loss: tr.loss,
    stepLosses: tr.stepLosses,
    states: steps.map((s) => Array.from(s.state)),
    gates,
    stateGrads: full.stateGrads.map((g) => Array.from(g)),
    stateGradNorms: full.stateGrads.map(norm),
    lossStateGradNorms,
    recurrentGradContributions: contributions,
    recurrentGradContributionNorms: contributions.map(norm),
    recurrentGrad: total,
    jacobianNorms,
    stats: recurrentStats(spec, ps, layer, direction),
  };
}
