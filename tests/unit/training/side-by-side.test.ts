import { describe, expect, it } from 'vitest';
import { FusedTrainer, initParams, type Batch, type ModelSpec } from '../../../src/rnn/index.ts';
import { sideBySideTrainer } from '../../../src/training/trainers/fused-side-by-side.ts';
import { heldOutFigures, heldOutFromExtra } from '../../../src/training/trainers/held-out.ts';
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

  it('given a held-out batch, every state carries each model\'s held-out accuracy per step and loss', () => {
    const models = [spec(3, false), spec(2, true)];
    const heldOut: Batch = { batchSize: 3, steps: 4, inputIndices: Int32Array.from([2, 1, 0, 0, 1, 1, 2, 0, 0, 2, 2, 1]), targetIndices: Int32Array.from([1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1]) };
    const session = sideBySideTrainer.create({ models, batch, optimizer, heldOut }, 7, undefined);
    for (let i = 0; i < 3; i++) session.step();
    const state = session.state();
    models.forEach((m, k) => {
      const figures = heldOutFigures(m, modelParams(state.params, k), heldOut);
      expect(figures.accuracy).toHaveLength(4);
      for (const a of figures.accuracy) expect([0, 1 / 3, 2 / 3, 1]).toContain(a);
      expect(heldOutFromExtra(state.extra, k)).toEqual(figures);
    });
    expect(state.extra.loss0).toBeGreaterThan(0);
    // Without one, the state is as before: the losses only.
    expect(Object.keys(sideBySideTrainer.create({ models, batch, optimizer }, 7, undefined).state().extra)).toEqual(['loss0', 'loss1']);
    expect(() => sideBySideTrainer.create({ models, batch, optimizer, heldOut: 3 }, 1, undefined)).toThrow(/config\.heldOut/);
    expect(() => heldOutFigures({ ...models[0]!, head: { kind: 'softmax', classes: 2, at: 'last' } }, modelParams(state.params, 0), heldOut)).toThrow(/config\.heldOut/);
  });
});
