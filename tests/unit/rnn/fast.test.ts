import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/rnn/index.ts';
import { FastLstmTrainer, Rng, charBatch, charCorpus, fastLstmSupports, refLossAndGradients } from '../../../src/rnn/index.ts';
import { RnnModel, createTfOptimizer } from '../../../src/rnn/tf/index.ts';
import { relError, useCpu, worstError } from './helpers.ts';

beforeAll(useCpu);

const corpus = charCorpus('hello world, hello recurrent networks; long short-term memory remembers.');
const V = corpus.vocab.length;
const spec: ModelSpec = { input: { kind: 'onehot', vocab: V }, layers: [{ cell: { kind: 'lstm', hiddenSize: 20, forgetBias: 1 } }], head: { kind: 'softmax', classes: V, at: 'every' } };

describe('fused LSTM trainer', () => {
  it('gradients equal the op-by-op tfjs autodiff path and the float64 reference', () => {
    const model = RnnModel.create(tf, spec, { seed: 1 });
    const batch = charBatch(corpus, new Rng(2), 25, 3);
    const fast = FastLstmTrainer.fromModel(model, { optimizer: { kind: 'adam', learningRate: 0.01 } });
    const got = fast.gradients(batch);
    const naive = model.gradients(batch);
    const ref = refLossAndGradients(spec, model.getParams(), batch);
    model.dispose();
    expect(Math.abs(got.loss - naive.loss) / naive.loss).toBeLessThan(1e-5);
    const vsNaive = worstError(got.grads, naive.grads);
    expect(vsNaive.error, vsNaive.name).toBeLessThan(1e-4);
    const vsRef = worstError(got.grads, ref.grads);
    expect(vsRef.error, vsRef.name).toBeLessThan(1e-4);
  });

  it('dense input works too', () => {
    const dense: ModelSpec = { input: { kind: 'dense', size: 3 }, layers: [{ cell: { kind: 'lstm', hiddenSize: 5 } }], head: { kind: 'softmax', classes: 4, at: 'every' } };
    const rng = new Rng(3);
    const batch = { batchSize: 2, steps: 6, inputValues: Float64Array.from({ length: 36 }, () => rng.normal()), targetIndices: Int32Array.from({ length: 12 }, () => rng.int(4)) };
    const model = RnnModel.create(tf, dense, { seed: 4 });
    const fast = FastLstmTrainer.fromModel(model, { optimizer: { kind: 'sgd', learningRate: 0.1 } });
    const w = worstError(fast.gradients(batch).grads, model.gradients(batch).grads);
    model.dispose();
    expect(w.error, w.name).toBeLessThan(1e-4);
  });

  it('training with clipping and Adam follows the op-by-op path step for step', () => {
    const model = RnnModel.create(tf, spec, { seed: 5 });
    const fast = FastLstmTrainer.fromModel(model, { optimizer: { kind: 'adam', learningRate: 0.01 }, clip: { kind: 'norm', threshold: 1 } });
    const opt = createTfOptimizer(tf, { kind: 'adam', learningRate: 0.01 });
    const rng = new Rng(6);
    for (let step = 0; step < 10; step++) {
      const batch = charBatch(corpus, rng, 25, 2);
      const a = fast.trainStep(batch);
      const b = model.trainStep(batch, opt, { kind: 'norm', threshold: 1 });
      expect(Math.abs(a.loss - b.loss) / b.loss).toBeLessThan(1e-4);
      expect(a.clip.clipped).toBe(b.clip.clipped);
    }
    const w = worstError(fast.getParams(), model.getParams());
    expect(w.error, w.name).toBeLessThan(1e-4);
    // writeTo hands the trained weights back to the tfjs model without leaking tensors.
    const n = tf.memory().numTensors;
    fast.writeTo(tf, model);
    expect(tf.memory().numTensors).toBe(n);
    expect(relError(model.getParams()['head.V']!.data, fast.getParams()['head.V']!.data)).toBe(0);
    opt.dispose();
    model.dispose();
  });

  it('learns: the loss falls well below ln V within 150 steps', () => {
    const fast = new FastLstmTrainer(spec, RnnModel.create(tf, spec, { seed: 7 }).getParams(), { optimizer: { kind: 'adam', learningRate: 0.02 }, clip: { kind: 'norm', threshold: 5 } });
    const rng = new Rng(8);
    let last = Infinity;
    for (let i = 0; i < 150; i++) last = fast.trainStep(charBatch(corpus, rng, 25, 1)).loss;
    expect(last).toBeLessThan(0.5 * Math.log(V));
  });

  it('says which specs it supports', () => {
    expect(fastLstmSupports(spec)).toBe(true);
    expect(fastLstmSupports({ ...spec, layers: [{ cell: { kind: 'gru', hiddenSize: 3 } }] })).toBe(false);
    expect(() => new FastLstmTrainer({ ...spec, layers: [{ cell: { kind: 'gru', hiddenSize: 3 } }] }, {}, { optimizer: { kind: 'sgd', learningRate: 1 } })).toThrow(/spec: expected one unidirectional LSTM/);
  });
});
