import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch, ModelSpec } from '../../../src/rnn/index.ts';
import { Rng, initParams, refDiagnostics, refForwardSequence, refLossAndGradients } from '../../../src/rnn/index.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { CASES } from './configs.ts';
import { relError, useCpu, worstError } from './helpers.ts';
import { refCellForTest } from './ref-cell.ts';

beforeAll(useCpu);

const T = 8;
function rnnCase(kind: 'rnn' | 'lstm' | 'gru'): { spec: ModelSpec; batch: Batch } {
  const rng = new Rng(5);
  return {
    spec: { input: { kind: 'onehot', vocab: 4 }, layers: [{ cell: { kind, hiddenSize: 3 } }], head: { kind: 'softmax', classes: 4, at: 'every' } },
    batch: { batchSize: 1, steps: T, inputIndices: Int32Array.from({ length: T }, () => rng.int(4)), targetIndices: Int32Array.from({ length: T }, () => rng.int(4)) },
  };
}

describe('truncated BPTT', () => {
  for (const c of CASES.filter((x) => !x.spec.layers.some((l) => l.bidirectional))) {
    it(`k1 = k2 ≥ T equals full BPTT: ${c.name}`, () => {
      const ps = initParams(c.spec, { seed: 1 });
      const full = refLossAndGradients(c.spec, ps, c.batch);
      const trunc = refLossAndGradients(c.spec, ps, c.batch, { truncation: { k1: c.batch.steps + 2, k2: c.batch.steps + 5 } });
      expect(worstError(trunc.grads, full.grads).error).toBe(0);
    });
  }
  it('k2 = T with k1 = 1 also equals full BPTT (every loss reaches back to the start)', () => {
    const { spec, batch } = rnnCase('rnn');
    const ps = initParams(spec, { seed: 2 });
    const full = refLossAndGradients(spec, ps, batch);
    const trunc = refLossAndGradients(spec, ps, batch, { truncation: { k1: 1, k2: T } });
    expect(worstError(trunc.grads, full.grads).error).toBeLessThan(1e-12);
  });
  it('k1 = k2 = 1 keeps only each step\'s own term: W_rec gradient differs from full, input kernel too', () => {
    const { spec, batch } = rnnCase('rnn');
    const ps = initParams(spec, { seed: 2 });
    const full = refLossAndGradients(spec, ps, batch);
    const trunc = refLossAndGradients(spec, ps, batch, { truncation: { k1: 1, k2: 1 } });
    expect(relError(trunc.grads['layer0.fw.U']!.data, full.grads['layer0.fw.U']!.data)).toBeGreaterThan(1e-3);
    // The head sees no recurrence, so its gradient is unaffected by truncation.
    expect(relError(trunc.grads['head.V']!.data, full.grads['head.V']!.data)).toBeLessThan(1e-12);
  });
  it('rejects k2 < k1 and bidirectional layers', () => {
    const { spec, batch } = rnnCase('rnn');
    const ps = initParams(spec, { seed: 2 });
    expect(() => refLossAndGradients(spec, ps, batch, { truncation: { k1: 3, k2: 2 } })).toThrow(/truncation\.k2/);
    const bi = CASES.find((c) => c.name.startsWith('bidirectional'))!;
    expect(() => refLossAndGradients(bi.spec, initParams(bi.spec, { seed: 1 }), bi.batch, { truncation: { k1: 1, k2: 2 } })).toThrow(/truncation/);
  });
});

describe('per-step diagnostics', () => {
  for (const kind of ['rnn', 'lstm', 'gru'] as const) {
    it(`${kind}: contributions sum to ∂J/∂W_rec; ∂J/∂s_k and contributions match tfjs`, () => {
      const { spec, batch } = rnnCase(kind);
      const ps = initParams(spec, { seed: 9, recurrent: 'normal', scale: 0.6 });
      const d = refDiagnostics(spec, ps, batch);
      const full = refLossAndGradients(spec, ps, batch);
      expect(relError(d.recurrentGrad, full.grads['layer0.fw.U']!.data)).toBeLessThan(1e-12);
      expect(d.recurrentGradContributions).toHaveLength(T);
      const model = RnnModel.fromParams(tf, spec, ps);
      const before = tf.memory().numTensors;
      const td = model.stepDiagnostics(batch);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      expect(relError(td.stateGrads.flat(2), d.stateGrads.flat())).toBeLessThan(1e-3);
      expect(relError(td.recurrentGradContributions.flat(2), d.recurrentGradContributions.flatMap((c) => Array.from(c)))).toBeLessThan(1e-3);
      // ‖∂J_t/∂s_k‖ is zero for k > t (no influence backwards in time) and the last row is J_T's own gradient.
      for (let t = 0; t < T; t++) for (let k = t + 1; k < T; k++) expect(d.lossStateGradNorms[t]![k]).toBe(0);
      expect(d.lossStateGradNorms[T - 1]![T - 1]).toBeGreaterThan(0);
    });
  }

  it('Jacobian-product norms match finite differences of the states', () => {
    const { spec, batch } = rnnCase('lstm');
    const ps = initParams(spec, { seed: 11, recurrent: 'normal', scale: 0.8 });
    const d = refDiagnostics(spec, ps, batch);
    // ∂s_t/∂s_k by finite differences: nudge one coordinate of s_k and rerun the cell to step t.
    const k = 2, t = 6, h = 1e-6;
    const base = refForwardSequence(spec, ps, batch, 0).layers[0]!.fw;
    const S = base[0]!.state.length;
    const cellStep = refCellForTest(spec, ps, batch);
    const runFrom = (sk: Float64Array) => {
      let s = sk;
      for (let n = k + 1; n <= t; n++) s = cellStep(n, s);
      return s;
    };
    const J = new Float64Array(S * S);
    for (let j = 0; j < S; j++) {
      const up = Float64Array.from(base[k]!.state), down = Float64Array.from(base[k]!.state);
      up[j]! += h;
      down[j]! -= h;
      const a = runFrom(up), b = runFrom(down);
      for (let i = 0; i < S; i++) J[i * S + j] = (a[i]! - b[i]!) / (2 * h);
    }
    const sigma = spectralNorm(J, S);
    expect(Math.abs(d.jacobianNorms[t]![k]! - sigma) / sigma).toBeLessThan(1e-5);
    expect(d.jacobianNorms[k]![k]).toBe(1);
    expect(d.jacobianNorms[k]![t]).toBe(0);
  });

  it('reports σ_max, spectral radius and γ of W_rec', () => {
    const spec: ModelSpec = { input: { kind: 'dense', size: 1 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 2, activation: 'sigmoid' } }], head: { kind: 'linear', size: 1, at: 'last' } };
    const ps = initParams(spec, { seed: 0 });
    ps['layer0.fw.U']!.data.set([0.5, 2, 0, 0.25]);
    const batch: Batch = { batchSize: 1, steps: 3, inputValues: new Float64Array(3), targetValues: new Float64Array(1) };
    const d = refDiagnostics(spec, ps, batch);
    expect(d.stats.spectralRadius[0]).toBeCloseTo(0.5, 9);
    // σ_max of [[0.5, 2], [0, 0.25]] is the square root of the largest eigenvalue of AᵀA.
    const ata = [0.25, 1, 1, 4.0625];
    const tr = ata[0]! + ata[3]!, det = ata[0]! * ata[3]! - ata[1]! * ata[2]!;
    expect(d.stats.sigmaMax).toBeCloseTo(Math.sqrt(tr / 2 + Math.sqrt((tr * tr) / 4 - det)), 9);
    expect(d.stats.gamma).toBe(0.25);
  });
});

function spectralNorm(a: Float64Array, n: number): number {
  // Plain power iteration on AᵀA, many iterations: an independent check of the library's estimate.
  let v = Float64Array.from({ length: n }, (_, i) => 1 / (i + 1));
  let s = 0;
  for (let it = 0; it < 2000; it++) {
    const av = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) av[i]! += a[i * n + j]! * v[j]!;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j]! += a[i * n + j]! * av[i]!;
    const nw = Math.hypot(...w);
    s = Math.sqrt(nw);
    v = w.map((x) => x / nw);
  }
  return s;
}
