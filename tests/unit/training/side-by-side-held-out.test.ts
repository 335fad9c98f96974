import { describe, expect, it } from 'vitest';
import { refForwardSequence, type Batch, type ModelSpec } from '../../../src/rnn/index.ts';
import { sideBySideTrainer } from '../../../src/training/trainers/fused-side-by-side.ts';
import { HELD_OUT_STEP_KEY, heldOutAccuracyKey, heldOutLossKey } from '../../../src/training/trainers/held-out-keys.ts';
import { sideBySideHeldOutTrainer } from '../../../src/training/trainers/side-by-side-held-out.ts';
import { modelParams } from '../../../src/training/trainers/side-by-side-params.ts';

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

/** Held-out loss and accuracy from the float64 reference, one sequence at a time. */
function reference(model: ModelSpec, state: ReturnType<ReturnType<typeof sideBySideHeldOutTrainer.create>['state']>, k: number, b: Batch) {
  const params = modelParams(state.params, k);
  let loss = 0;
  let hits = 0;
  let outputs = 0;
  for (let i = 0; i < b.batchSize; i++) {
    const trace = refForwardSequence(model, params, b, i);
    loss += trace.loss;
    trace.probs.forEach((p, n) => {
      const target = model.head.at === 'every' ? b.targetIndices![i * b.steps + n]! : b.targetIndices![i]!;
      if (p.indexOf(Math.max(...p)) === target) hits++;
      outputs++;
    });
  }
  return { loss: loss / b.batchSize, accuracy: hits / outputs };
}

describe('fused-side-by-side-held-out trainer', () => {
  it('trains as fused-side-by-side does and reports each model’s held-out loss and accuracy as the float64 reference computes them', () => {
    for (const at of ['every', 'last'] as const) {
      const models = [spec(3, 1, at), spec(3, 2, at)];
      const [train, held] = at === 'every' ? [batch, heldOut] : [lastBatch, lastHeldOut];
      const session = sideBySideHeldOutTrainer.create({ models, batch: train, heldOut: held, optimizer }, 7, undefined);
      const plain = sideBySideTrainer.create({ models, batch: train, optimizer }, 7, undefined);
      for (let i = 0; i < 6; i++) expect(session.step()).toBe(plain.step());
      const state = session.state();
      expect(state.params).toEqual(plain.state().params);
      expect(state.extra).toMatchObject(plain.state().extra);
      expect(state.extra[HELD_OUT_STEP_KEY]).toBe(6);
      models.forEach((m, k) => {
        const ref = reference(m, state, k, held);
        expect(state.extra[heldOutLossKey(k)]).toBeCloseTo(ref.loss, 10);
        expect(state.extra[heldOutAccuracyKey(k)]).toBe(ref.accuracy);
      });
    }
  });

  it('measures once per step however often it is asked, and again after a step', () => {
    const models = [spec(2, 1, 'every')];
    const session = sideBySideHeldOutTrainer.create({ models, batch, heldOut, optimizer }, 3, undefined);
    const a = session.state();
    expect(session.state().extra).toEqual(a.extra);
    session.step();
    const b = session.state();
    expect(b.extra[HELD_OUT_STEP_KEY]).toBe(1);
    expect(b.extra[heldOutLossKey(0)]).not.toBe(a.extra[heldOutLossKey(0)]);
  });

  it('names a missing held-out batch and refuses a head without classes', () => {
    expect(() => sideBySideHeldOutTrainer.create({ models: [spec(2, 1, 'every')], batch, optimizer }, 1, undefined)).toThrow(/config\.heldOut/);
    const linear: ModelSpec = { ...spec(2, 1, 'every'), head: { kind: 'linear', size: 1, at: 'every' } };
    expect(() => sideBySideHeldOutTrainer.create({ models: [linear], batch: { batchSize: 2, steps: 4, inputIndices: batch.inputIndices!, targetValues: new Float64Array(8) }, heldOut, optimizer }, 1, undefined)).toThrow(/head/);
  });
});
