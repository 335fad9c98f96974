import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch, ModelSpec } from '../../../src/rnn/index.ts';
import { MAX_HIDDEN_SIZE, Rng, charBatch, charCorpus, helloExample, initParams, makeBatch, refLossAndGradients } from '../../../src/rnn/index.ts';
import { RnnModel, createTfOptimizer } from '../../../src/rnn/tf/index.ts';
import { useCpu } from './helpers.ts';

beforeAll(useCpu);

const hello = helloExample();
const spec = (kind: 'rnn' | 'lstm' | 'gru', extra: Partial<ModelSpec> = {}): ModelSpec => ({
  input: { kind: 'onehot', vocab: 4 },
  layers: [{ cell: { kind, hiddenSize: 6 } }],
  head: { kind: 'softmax', classes: 4, at: 'every' },
  ...extra,
});

describe('tfjs memory', () => {
  for (const kind of ['rnn', 'lstm', 'gru'] as const) {
    it(`${kind}: numTensors unchanged after 100 training steps, trace, diagnostics, generate and dispose`, () => {
      const baseline = tf.memory().numTensors;
      const model = RnnModel.create(tf, spec(kind), { seed: 1 });
      const opt = createTfOptimizer(tf, { kind: 'adam', learningRate: 0.05 });
      // The optimiser's slots appear on its first step; count from after it.
      model.trainStep(hello.batch, opt, { kind: 'norm', threshold: 1 });
      const afterFirst = tf.memory().numTensors;
      let loss = Infinity;
      for (let i = 0; i < 100; i++) loss = model.trainStep(hello.batch, opt, { kind: 'value', limit: 5 }).loss;
      expect(tf.memory().numTensors).toBe(afterFirst);
      expect(loss).toBeLessThan(0.2);
      model.trace(hello.batch);
      model.stepDiagnostics(hello.batch);
      const out = model.generate([0], 4, 0, new Rng(1));
      expect(hello.corpus.decode(out)).toBe('ello');
      expect(tf.memory().numTensors).toBe(afterFirst);
      opt.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }
});

describe('bad input throws, naming the argument, before any tensor is allocated', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['hidden size 0', () => RnnModel.create(tf, { ...spec('lstm'), layers: [{ cell: { kind: 'lstm', hiddenSize: 0 } }] }, { seed: 1 }), /spec\.layers\[0\]\.cell\.hiddenSize: expected an integer in \[1, 4096\], got 0/],
    ['absurd hidden size', () => RnnModel.create(tf, { ...spec('rnn'), layers: [{ cell: { kind: 'rnn', hiddenSize: MAX_HIDDEN_SIZE + 1 } }] }, { seed: 1 }), /hiddenSize: expected an integer in \[1, 4096\], got 4097/],
    ['fractional hidden size', () => RnnModel.create(tf, { ...spec('gru'), layers: [{ cell: { kind: 'gru', hiddenSize: 2.5 } }] }, { seed: 1 }), /hiddenSize/],
    ['vocabulary index out of range', () => withModel((m) => m.loss({ ...hello.batch, inputIndices: Int32Array.from([0, 1, 9, 2]) })), /batch\.inputIndices: expected integer indices in \[0, 3\], got 9 at position 2/],
    ['target index out of range', () => withModel((m) => m.loss({ ...hello.batch, targetIndices: Int32Array.from([0, 1, 2, -1]) })), /batch\.targetIndices/],
    ['sequence length 0', () => makeBatch([[]], { indices: [[]] }), /sequence length >= 1, got 0/],
    ['steps 0 in a batch', () => withModel((m) => m.loss({ batchSize: 1, steps: 0, inputIndices: new Int32Array(0), targetIndices: new Int32Array(0) })), /batch\.steps \(sequence length\): expected an integer in \[1, 65536\], got 0/],
    ['mismatched input shape', () => withModel((m) => m.loss({ ...hello.batch, inputIndices: Int32Array.from([0, 1, 2]) })), /batch\.inputIndices: expected length B·T = 4, got 3/],
    ['ragged sequences', () => makeBatch([[0, 1], [0]], { indices: [[1, 2], [1, 2]] }), /inputs\[1\]: expected length 2, got length 1/],
    ['dense input for a one-hot model', () => withModel((m) => m.loss({ batchSize: 1, steps: 4, inputValues: new Float64Array(16), targetIndices: hello.batch.targetIndices! })), /batch\.inputIndices: expected token indices/],
    ['non-finite learning rate', () => createTfOptimizer(tf, { kind: 'momentum', learningRate: Infinity }), /optimizer\.learningRate: expected a finite number, got Infinity/],
    ['non-finite clip threshold', () => withModel((m) => m.trainStep(hello.batch, null as unknown as tf.Optimizer, { kind: 'norm', threshold: NaN })), /threshold/],
    ['wrong parameter shape', () => RnnModel.fromParams(tf, spec('rnn'), { ...initParams(spec('rnn'), { seed: 1 }), 'head.c': { shape: [5], data: new Float64Array(5) } }), /params\["head\.c"\]: expected shape \[4\], got \[5\]/],
    ['unknown cell kind', () => RnnModel.create(tf, { ...spec('rnn'), layers: [{ cell: { kind: 'elman' as 'rnn', hiddenSize: 3 } }] }, { seed: 1 }), /spec\.layers\[0\]\.cell\.kind: expected one of "rnn", "lstm", "gru", got "elman"/],
    ['sequence too long for the corpus', () => charBatch(charCorpus('abc'), new Rng(1), 5, 1), /steps \(sequence length\): expected an integer in \[1, 2\], got 5/],
    ['non-finite dense input', () => refLossAndGradients({ ...spec('rnn'), input: { kind: 'dense', size: 1 } }, initParams({ ...spec('rnn'), input: { kind: 'dense', size: 1 } }, { seed: 1 }), { ...hello.batch, inputIndices: undefined, inputValues: Float64Array.from([0, NaN, 0, 0]) } as Batch), /batch\.inputValues: expected finite values, got NaN at position 1/],
  ];
  let shared: RnnModel | null = null;
  function withModel(f: (m: RnnModel) => unknown) {
    shared ??= RnnModel.create(tf, spec('rnn'), { seed: 1 });
    return f(shared);
  }
  for (const [name, f, message] of cases) {
    it(name, () => {
      withModel(() => 0);
      const before = tf.memory().numTensors;
      expect(f).toThrow(message);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
