import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/rnn/index.ts';
import { FusedTrainer, initParams, refLossAndGradients } from '../../../src/rnn/index.ts';
import { CASES } from './configs.ts';
import { worstError } from './helpers.ts';

const sgd = { kind: 'sgd', learningRate: 0.1 } as const;

describe('fused trainer gradients against the float64 reference', () => {
  for (const precision of ['float64', 'float32'] as const) {
    for (const c of CASES) {
      it(`${c.name} (${precision})`, () => {
        const ps = initParams(c.spec, { seed: 8, kernel: 'normal', recurrent: 'normal', scale: 0.5 });
        const ref = refLossAndGradients(c.spec, ps, c.batch);
        const got = new FusedTrainer(c.spec, ps, { optimizer: sgd, precision }).gradients(c.batch);
        expect(Math.abs(got.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-5);
        const worst = worstError(got.grads, ref.grads);
        expect(worst.error, worst.name).toBeLessThan(precision === 'float64' ? 1e-10 : 1e-4);
      });
    }
  }

  const truncated = CASES.filter((c) => !c.spec.layers.some((l) => l.bidirectional));
  for (const tr of [{ k1: 2, k2: 2 }, { k1: 2, k2: 3 }, { k1: 1, k2: 4 }]) {
    for (const c of truncated) {
      it(`${c.name}, truncated BPTT(${tr.k1}, ${tr.k2})`, () => {
        const ps = initParams(c.spec, { seed: 9, kernel: 'normal', recurrent: 'normal', scale: 0.5 });
        const ref = refLossAndGradients(c.spec, ps, c.batch, { truncation: tr });
        const got = new FusedTrainer(c.spec, ps, { optimizer: sgd, truncation: tr }).gradients(c.batch);
        const worst = worstError(got.grads, ref.grads);
        expect(worst.error, worst.name).toBeLessThan(1e-10);
      });
    }
  }

  it('a batch of one and a wide batch (block tails of the matrix products) agree with the reference', () => {
    const spec: ModelSpec = { input: { kind: 'onehot', vocab: 7 }, layers: [{ cell: { kind: 'gru', hiddenSize: 9 } }, { cell: { kind: 'lstm', hiddenSize: 6, peephole: true }, bidirectional: true }], head: { kind: 'softmax', classes: 7, at: 'every' } };
    const ps = initParams(spec, { seed: 3 });
    for (const B of [1, 5, 9]) {
      const T = 4;
      const batch = { batchSize: B, steps: T, inputIndices: Int32Array.from({ length: B * T }, (_, i) => (i * 5) % 7), targetIndices: Int32Array.from({ length: B * T }, (_, i) => (i * 3) % 7) };
      const worst = worstError(new FusedTrainer(spec, ps, { optimizer: sgd }).gradients(batch).grads, refLossAndGradients(spec, ps, batch).grads);
      expect(worst.error, `B=${B} ${worst.name}`).toBeLessThan(1e-10);
    }
  });

  it('rejects truncation with a bidirectional layer and a bad precision, naming the field', () => {
    const c = CASES.find((x) => x.spec.layers.some((l) => l.bidirectional))!;
    const ps = initParams(c.spec, { seed: 1 });
    expect(() => new FusedTrainer(c.spec, ps, { optimizer: sgd, truncation: { k1: 1, k2: 2 } })).toThrow(/truncation: expected no bidirectional layer/);
    expect(() => new FusedTrainer(c.spec, ps, { optimizer: sgd, precision: 'float16' as 'float32' })).toThrow(/precision: expected/);
    expect(() => new FusedTrainer(c.spec, {}, { optimizer: sgd })).toThrow(/params: expected "/);
  });
});
