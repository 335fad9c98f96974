import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec, OptimizerSpec } from '../../../src/rnn/index.ts';
import { ArrayOptimizer, Rng, clipByGlobalNorm, clipElementwise, helloExample } from '../../../src/rnn/index.ts';
import { RnnModel, createTfOptimizer, tfClip } from '../../../src/rnn/tf/index.ts';
import { relError, useCpu } from './helpers.ts';

beforeAll(useCpu);

function randomGrads(seed: number, scale: number): Float64Array[] {
  const rng = new Rng(seed);
  return [7, 3, 12].map((n) => Float64Array.from({ length: n }, () => scale * rng.normal()));
}

describe('global-norm clipping (Pascanu et al. 2013, Algorithm 1)', () => {
  it('never lets the norm exceed the threshold and keeps the direction', () => {
    for (let seed = 0; seed < 50; seed++) {
      const g = randomGrads(seed, 10 ** ((seed % 7) - 3));
      const copy = g.map((a) => Float64Array.from(a));
      const r = clipByGlobalNorm(g, 1);
      expect(r.normAfter).toBeLessThanOrEqual(1 + 1e-12);
      expect(r.clipped).toBe(r.normBefore > 1);
      if (!r.clipped) expect(g).toEqual(copy);
      else expect(relError(g.flatMap((a) => Array.from(a)).map((v) => v * (r.normBefore / 1)), copy.flatMap((a) => Array.from(a)))).toBeLessThan(1e-12);
    }
  });
  it('reports NaN/Inf and leaves the gradient alone', () => {
    const g = randomGrads(1, 100);
    g[1]![2] = NaN;
    const r = clipByGlobalNorm(g, 1);
    expect(r.finite).toBe(false);
    expect(r.clipped).toBe(false);
    expect(Number.isNaN(g[1]![2])).toBe(true);
    const h = randomGrads(2, 1);
    h[0]![0] = Infinity;
    expect(clipByGlobalNorm(h, 1).finite).toBe(false);
  });
});

describe('element-wise clipping', () => {
  it('bounds every entry, leaves small gradients untouched, reports norms', () => {
    const g = randomGrads(3, 5);
    const r = clipElementwise(g, 1);
    expect(r.clipped).toBe(true);
    for (const a of g) for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(r.normAfter).toBeLessThan(r.normBefore);
    const small = randomGrads(4, 0.01);
    const copy = small.map((a) => Float64Array.from(a));
    expect(clipElementwise(small, 1).clipped).toBe(false);
    expect(small).toEqual(copy);
  });
});

describe('tfjs clipping and training steps', () => {
  it('tfClip agrees with the plain version and frees what it replaces', () => {
    const g = randomGrads(5, 3);
    const before = tf.memory().numTensors;
    const map = { a: tf.tensor(Float32Array.from(g[0]!)), b: tf.tensor(Float32Array.from(g[1]!)), c: tf.tensor(Float32Array.from(g[2]!)) };
    const { grads, report } = tfClip(tf, map, { kind: 'norm', threshold: 1 });
    const plain = clipByGlobalNorm(g, 1);
    expect(Math.abs(report.normBefore - plain.normBefore) / plain.normBefore).toBeLessThan(1e-6);
    expect(report.normAfter).toBeLessThanOrEqual(1 + 1e-5);
    expect(relError(grads['a']!.dataSync(), g[0]!)).toBeLessThan(1e-6);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('a non-finite gradient is detected and never applied', () => {
    const { batch } = helloExample();
    const spec: ModelSpec = { input: { kind: 'onehot', vocab: 4 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 3 } }], head: { kind: 'softmax', classes: 4, at: 'every' } };
    const model = RnnModel.create(tf, spec, { seed: 1 });
    const opt = createTfOptimizer(tf, { kind: 'sgd', learningRate: 0.1 });
    const p = model.getParams();
    p['layer0.fw.U']!.data[0] = Infinity;
    model.setParams(p);
    const before = model.getParams();
    const r = model.trainStep(batch, opt, { kind: 'norm', threshold: 5 });
    expect(r.clip.finite).toBe(false);
    expect(r.applied).toBe(false);
    expect(model.getParams()['head.V']!.data).toEqual(before['head.V']!.data);
    opt.dispose();
    model.dispose();
  });
});

describe('optimisers: the plain-array rules equal tfjs\'s own', () => {
  const specs: OptimizerSpec[] = [
    { kind: 'sgd', learningRate: 0.1 },
    { kind: 'momentum', learningRate: 0.05, momentum: 0.8 },
    { kind: 'adagrad', learningRate: 0.1 },
    { kind: 'rmsprop', learningRate: 0.01, decay: 0.9, momentum: 0.5 },
    { kind: 'adam', learningRate: 0.01 },
  ];
  for (const spec of specs) {
    it(spec.kind, () => {
      const rng = new Rng(6);
      const init = Float32Array.from({ length: 10 }, () => rng.normal());
      const v = tf.variable(tf.tensor(init));
      const p = Float32Array.from(init);
      const tfOpt = createTfOptimizer(tf, spec);
      const arr = new ArrayOptimizer(spec, [10]);
      for (let step = 0; step < 5; step++) {
        const g = Float32Array.from({ length: 10 }, () => rng.normal());
        const gt = tf.tensor(g);
        tfOpt.applyGradients({ [v.name]: gt });
        gt.dispose();
        arr.step([p], [g]);
      }
      expect(relError(v.dataSync(), p)).toBeLessThan(1e-5);
      expect(relError(p, init)).toBeGreaterThan(1e-3);
      tfOpt.dispose();
      v.dispose();
    });
  }
  it('rejects a non-finite learning rate before allocating', () => {
    const n = tf.memory().numTensors;
    expect(() => createTfOptimizer(tf, { kind: 'adam', learningRate: NaN })).toThrow(/optimizer\.learningRate: expected a finite number/);
    expect(() => new ArrayOptimizer({ kind: 'sgd', learningRate: Infinity }, [3])).toThrow(/learningRate/);
    expect(() => createTfOptimizer(tf, { kind: 'sgd', learningRate: -1 })).toThrow(/> 0/);
    expect(tf.memory().numTensors).toBe(n);
  });
});
