import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClipSpec, ModelSpec, OptimizerSpec } from '../../../src/rnn/index.ts';
import { FusedTrainer, Rng, charBatch, charCorpus, initParams } from '../../../src/rnn/index.ts';
import { RnnModel, createTfOptimizer } from '../../../src/rnn/tf/index.ts';
import { CASES } from './configs.ts';
import { useCpu, worstError } from './helpers.ts';

beforeAll(useCpu);

const OPTIMIZERS: OptimizerSpec[] = [
  { kind: 'sgd', learningRate: 0.1 },
  { kind: 'momentum', learningRate: 0.05, momentum: 0.8 },
  { kind: 'adagrad', learningRate: 0.1 },
  { kind: 'rmsprop', learningRate: 0.01, momentum: 0.5 },
  { kind: 'adam', learningRate: 0.01 },
];
const CLIPS: (ClipSpec | undefined)[] = [{ kind: 'norm', threshold: 0.02 }, { kind: 'value', limit: 0.02 }, undefined];

/** Trains the same model for `steps` steps on both paths; returns the worst parameter error. */
function track(spec: ModelSpec, batch: CaseBatch, opt: OptimizerSpec, clip: ClipSpec | undefined, steps: number) {
  const ps = initParams(spec, { seed: 11, kernel: 'normal', recurrent: 'normal', scale: 0.5 });
  const model = RnnModel.fromParams(tf, spec, ps);
  const tfOpt = createTfOptimizer(tf, opt);
  const fused = new FusedTrainer(spec, ps, { optimizer: opt, ...(clip ? { clip } : {}) });
  const before = tf.memory().numTensors;
  const clipped: boolean[] = [];
  for (let s = 0; s < steps; s++) {
    const a = fused.trainStep(batch);
    const b = model.trainStep(batch, tfOpt, clip);
    expect(Math.abs(a.loss - b.loss) / Math.abs(b.loss), `step ${s} loss`).toBeLessThan(1e-4);
    expect(a.clip.clipped, `step ${s} clipped`).toBe(b.clip.clipped);
    clipped.push(a.clip.clipped);
  }
  const worst = worstError(fused.getParams(), model.getParams());
  tfOpt.dispose();
  model.dispose();
  expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  return { worst, clipped };
}
type CaseBatch = (typeof CASES)[number]['batch'];

describe('fused training follows the op-by-op tfjs path step for step', () => {
  CASES.forEach((c, i) => {
    const opt = OPTIMIZERS[i % OPTIMIZERS.length]!;
    const clip = CLIPS[i % CLIPS.length];
    it(`${c.name}, ${opt.kind}, clip ${clip?.kind ?? 'none'}`, () => {
      const { worst } = track(c.spec, c.batch, opt, clip, 4);
      expect(worst.error, worst.name).toBeLessThan(1e-4);
    });
  });

  for (const opt of OPTIMIZERS) {
    for (const clip of CLIPS.slice(0, 2)) {
      it(`every optimiser and clip kind: ${opt.kind}, clip ${clip!.kind}`, () => {
        const c = CASES.find((x) => x.name === 'lstm peephole')!;
        const { worst, clipped } = track(c.spec, c.batch, opt, clip, 4);
        expect(worst.error, worst.name).toBeLessThan(1e-4);
        // The thresholds are small enough that clipping really happens.
        expect(clipped).toContain(true);
      });
    }
  }
});

describe('fused trainer behaviour', () => {
  const corpus = charCorpus('hello world, hello recurrent networks; long short-term memory remembers.');
  const V = corpus.vocab.length;

  it('reports a non-finite gradient and leaves the weights untouched', () => {
    const c = CASES[0]!;
    const ps = initParams(c.spec, { seed: 2 });
    ps['head.c']!.data[0] = Number.NaN;
    const fused = new FusedTrainer(c.spec, ps, { optimizer: { kind: 'adam', learningRate: 0.1 }, clip: { kind: 'norm', threshold: 1 } });
    const r = fused.trainStep(c.batch);
    expect(r.applied).toBe(false);
    expect(r.clip.finite).toBe(false);
    expect(fused.getParams()['layer0.fw.W']!.data).toEqual(ps['layer0.fw.W']!.data);
  });

  for (const kind of ['rnn', 'gru', 'lstm'] as const) {
    it(`${kind} learns: the loss falls well below ln V within 150 steps`, () => {
      const spec: ModelSpec = { input: { kind: 'onehot', vocab: V }, layers: [{ cell: { kind, hiddenSize: 20, forgetBias: kind === 'lstm' ? 1 : undefined } }], head: { kind: 'softmax', classes: V, at: 'every' } };
      const fused = new FusedTrainer(spec, initParams(spec, { seed: 7 }), { optimizer: { kind: 'adam', learningRate: 0.02 }, clip: { kind: 'norm', threshold: 5 }, precision: 'float32' });
      const rng = new Rng(8);
      let last = Infinity;
      for (let i = 0; i < 150; i++) last = fused.trainStep(charBatch(corpus, rng, 25, 2)).loss;
      expect(last).toBeLessThan(0.5 * Math.log(V));
    });
  }

  it('setParams/getParams round-trip and hand weights to a tfjs model', () => {
    const c = CASES[4]!;
    const ps = initParams(c.spec, { seed: 3 });
    const fused = new FusedTrainer(c.spec, initParams(c.spec, { seed: 4 }), { optimizer: { kind: 'sgd', learningRate: 1 } });
    fused.setParams(ps);
    const model = RnnModel.fromParams(tf, c.spec, fused.getParams());
    expect(worstError(model.getParams(), ps).error).toBeLessThan(1e-7);
    model.dispose();
  });
});
