import { describe, expect, it } from 'vitest';
import { refForwardSequence, type Batch, type ModelSpec } from '../../../src/rnn/index.ts';
import { sideBySideTrainer } from '../../../src/training/trainers/fused-side-by-side.ts';
import { heldOutFromExtra, heldOutKeys, meanAccuracy } from '../../../src/training/trainers/held-out.ts';
import { modelParams } from '../../../src/training/trainers/side-by-side-params.ts';
import type { TrainerState } from '../../../src/training/job.ts';

const spec = (hidden: number, depth: number, at: 'every' | 'last'): ModelSpec => ({
  input: { kind: 'onehot', vocab: 3 },
  layers: Array.from({ length: depth }, () => ({ cell: { kind: 'rnn' as const, hiddenSize: hidden } })),
  head: { kind: 'softmax', classes: 3, at },
});
const batch: Batch = { batchSize: 2, steps: 4, inputIndices: Int32Array.from([0, 1, 2, 1, 2, 2, 0, 1]), targetIndices: Int32Array.from([0, 1, 1, 0, 1, 2, 0, 0]) };
const heldOut: Batch = { batchSize: 3, steps: 4, inputIndices: Int32Array.from([2, 1, 0, 0, 1, 1, 2, 0, 0, 2, 2, 1]), targetIndices: Int32Array.from([2, 0, 0, 1, 1, 2, 1, 0, 0, 2, 1, 1]) };
const lastBatch: Batch = { ...batch, targetIndices: Int32Array.from([1, 2]) };
const lastHeldOut: Batch = { ...heldOut, targetIndices: Int32Array.from([2, 0, 1]) };
const optimizer = { kind: 'adam', learningRate: 0.05 } as const;

/** Held-out loss and accuracy per output step from the float64 reference, one sequence at a time. */
function reference(model: ModelSpec, state: TrainerState, k: number, b: Batch) {
  const params = modelParams(state.params, k);
  const outputs = model.head.at === 'every' ? b.steps : 1;
  const hits = new Array<number>(outputs).fill(0);
  let loss = 0;
  for (let i = 0; i < b.batchSize; i++) {
    const trace = refForwardSequence(model, params, b, i);
    loss += trace.loss;
    trace.probs.forEach((p, n) => {
      const target = model.head.at === 'every' ? b.targetIndices![i * b.steps + n]! : b.targetIndices![i]!;
      if (p.indexOf(Math.max(...p)) === target) hits[n]! += 1;
    });
  }
  return { loss: loss / b.batchSize, accuracy: hits.map((h) => h / b.batchSize) };
}

describe('fused-side-by-side with a held-out batch', () => {
  it('trains as without one and reports each model’s held-out loss and per-step accuracy as the float64 reference computes them', () => {
    for (const at of ['every', 'last'] as const) {
      const models = [spec(3, 1, at), spec(3, 2, at)];
      const [train, held] = at === 'every' ? [batch, heldOut] : [lastBatch, lastHeldOut];
      const session = sideBySideTrainer.create({ models, batch: train, heldOut: held, optimizer }, 7, undefined);
      const plain = sideBySideTrainer.create({ models, batch: train, optimizer }, 7, undefined);
      for (let i = 0; i < 6; i++) expect(session.step()).toBe(plain.step());
      const state = session.state();
      expect(state.params).toEqual(plain.state().params);
      expect(state.extra).toMatchObject(plain.state().extra);
      models.forEach((m, k) => {
        const ref = reference(m, state, k, held);
        const figures = heldOutFromExtra(state.extra, k)!;
        expect(figures.loss).toBeCloseTo(ref.loss, 10);
        expect(figures.accuracy).toEqual(ref.accuracy);
        expect(meanAccuracy(figures)).toBeCloseTo(ref.accuracy.reduce((a, v) => a + v, 0) / ref.accuracy.length, 12);
      });
    }
  });

  it('measures once per step however often it is asked, and again after a step', () => {
    const session = sideBySideTrainer.create({ models: [spec(2, 1, 'every')], batch, heldOut, optimizer }, 3, undefined);
    const a = session.state();
    expect(session.state().extra).toEqual(a.extra);
    session.step();
    expect(session.state().extra[heldOutKeys.loss(0)]).not.toBe(a.extra[heldOutKeys.loss(0)]);
  });

  it('refuses a held-out batch for a head without classes, and one without class targets', () => {
    const linear: ModelSpec = { ...spec(2, 1, 'every'), head: { kind: 'linear', size: 1, at: 'every' } };
    const values: Batch = { batchSize: 2, steps: 4, inputIndices: batch.inputIndices!, targetValues: new Float64Array(8) };
    expect(() => sideBySideTrainer.create({ models: [linear], batch: values, heldOut, optimizer }, 1, undefined)).toThrow(/head/);
    const unlabelled: Batch = { batchSize: 3, steps: 4, inputIndices: heldOut.inputIndices! };
    expect(() => sideBySideTrainer.create({ models: [spec(2, 1, 'every')], batch, heldOut: unlabelled, optimizer }, 1, undefined).state()).toThrow(/targetIndices/);
  });
});
