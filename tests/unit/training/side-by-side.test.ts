import { describe, expect, it } from 'vitest';
import { FusedTrainer, initParams, type Batch, type ModelSpec } from '../../../src/rnn/index.ts';
import { sideBySideTrainer } from '../../../src/training/trainers/fused-side-by-side.ts';
import { joinModelParams, modelParams } from '../../../src/training/trainers/side-by-side-params.ts';

const spec = (hidden: number, bidirectional: boolean): ModelSpec => ({
  input: { kind: 'onehot', vocab: 3 },
  layers: [{ cell: { kind: 'rnn', hiddenSize: hidden }, bidirectional }],
  head: { kind: 'softmax', classes: 2, at: 'every' },
});
const batch: Batch = { batchSize: 2, steps: 4, inputIndices: Int32Array.from([0, 1, 2, 1, 2, 2, 0, 1]), targetIndices: Int32Array.from([0, 1, 1, 0, 1, 1, 0, 0]) };
const optimizer = { kind: 'adam', learningRate: 0.05 } as const;

describe('fused-side-by-side trainer', () => {
  it('trains each model exactly as its own fused trainer would, seeded with seed + k, and reports each loss', () => {
    const models = [spec(3, false), spec(2, true)];
    const session = sideBySideTrainer.create({ models, batch, optimizer }, 7, undefined);
    const alone = models.map((m, k) => new FusedTrainer(m, initParams(m, { seed: 7 + k }), { optimizer }));
    for (let i = 0; i < 5; i++) {
      const losses = alone.map((t) => t.trainStep(batch).loss);
      expect(session.step()).toBeCloseTo((losses[0]! + losses[1]!) / 2, 12);
      const state = session.state();
      expect(state.step).toBe(i + 1);
      expect(state.extra).toEqual({ loss0: losses[0], loss1: losses[1] });
    }
    const state = session.state();
    alone.forEach((t, k) => expect(modelParams(state.params, k)).toEqual(t.getParams()));
  });

  it('resumes from a state, and names a missing field', () => {
    const models = [spec(2, false)];
    const first = sideBySideTrainer.create({ models, batch, optimizer: { kind: 'sgd', learningRate: 0.1 } }, 1, undefined);
    first.step();
    const resumed = sideBySideTrainer.create({ models, batch, optimizer: { kind: 'sgd', learningRate: 0.1 } }, 99, first.state());
    expect(resumed.state().step).toBe(1);
    expect(resumed.state().params).toEqual(first.state().params);
    expect(joinModelParams([modelParams(first.state().params, 0)])).toEqual(first.state().params);
    expect(() => sideBySideTrainer.create({ batch, optimizer }, 1, undefined)).toThrow(/config\.models/);
    expect(() => sideBySideTrainer.create({ models, optimizer }, 1, undefined)).toThrow(/config\.batch/);
  });

  it('without a held-out batch carries the losses only, and refuses a held-out batch that is not one', () => {
    const models = [spec(3, false), spec(2, true)];
    expect(Object.keys(sideBySideTrainer.create({ models, batch, optimizer }, 7, undefined).state().extra)).toEqual(['loss0', 'loss1']);
    expect(() => sideBySideTrainer.create({ models, batch, optimizer, heldOut: 3 }, 1, undefined)).toThrow(/config\.heldOut/);
  });
});
