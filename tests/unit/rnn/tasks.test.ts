import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/rnn/index.ts';
import {
  Rng, addingProblem, charBatch, charCorpus, helloExample, majorityTask, oneHotWindows, pascanuLossSurface, pascanuModel,
  refLoss, rememberFirst, slidingWindows, temporalOrder, validateBatch,
} from '../../../src/rnn/index.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { useCpu } from './helpers.ts';

beforeAll(useCpu);

describe('character corpus', () => {
  it('the four-letter hello example', () => {
    const { corpus, batch } = helloExample();
    expect(corpus.vocab).toEqual(['h', 'e', 'l', 'o']);
    expect(Array.from(batch.inputIndices!)).toEqual([0, 1, 2, 2]);
    expect(Array.from(batch.targetIndices!)).toEqual([1, 2, 2, 3]);
  });
  it('tokenises by code point and round-trips', () => {
    const c = charCorpus('Chữ tài đi với chữ tai một vần. 😳');
    expect(c.decode(Array.from(c.ids))).toBe(c.text);
    expect(c.vocab).toContain('😳');
    expect(() => c.encode('Z')).toThrow(/not in the vocabulary/);
  });
  it('a model with small initial weights starts at about T·ln V per sequence', () => {
    const c = charCorpus('the quick brown fox jumps over the lazy dog, again and again and again.');
    const V = c.vocab.length, T = 25;
    const batch = charBatch(c, new Rng(1), T, 4);
    const spec: ModelSpec = { input: { kind: 'onehot', vocab: V }, layers: [{ cell: { kind: 'lstm', hiddenSize: 20 } }], head: { kind: 'softmax', classes: V, at: 'every' } };
    const model = RnnModel.create(tf, spec, { seed: 2, kernel: 'normal', recurrent: 'normal', scale: 0.01 });
    const perSequence = model.loss(batch) * T;
    model.dispose();
    expect(Math.abs(perSequence - T * Math.log(V)) / (T * Math.log(V))).toBeLessThan(1e-3);
  });
  it('the same seed gives the same batches; another seed does not', () => {
    const c = charCorpus('abcdefghijklmnopqrstuvwxyz'.repeat(3));
    const a = charBatch(c, new Rng(3), 5, 4), b = charBatch(c, new Rng(3), 5, 4), d = charBatch(c, new Rng(4), 5, 4);
    expect(a).toEqual(b);
    expect(a.inputIndices).not.toEqual(d.inputIndices);
  });
});

describe('long-time-lag tasks', () => {
  it('adding problem: two markers, target is their sum', () => {
    const b = addingProblem(new Rng(1), 20, 8);
    for (let s = 0; s < 8; s++) {
      let sum = 0, markers = 0;
      for (let t = 0; t < 20; t++) if (b.inputValues![(s * 20 + t) * 2 + 1] === 1) { sum += b.inputValues![(s * 20 + t) * 2]!; markers++; }
      expect(markers).toBe(2);
      expect(b.targetValues![s]).toBeCloseTo(sum, 12);
    }
    validateBatch({ input: { kind: 'dense', size: 2 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 2 } }], head: { kind: 'linear', size: 1, at: 'last' } }, b);
  });
  it('temporal order: class encodes the order of X and Y', () => {
    const b = temporalOrder(new Rng(2), 30, 16);
    for (let s = 0; s < 16; s++) {
      const rel = Array.from(b.inputIndices!.subarray(s * 30, s * 30 + 30)).filter((v) => v === 4 || v === 5);
      expect(rel).toHaveLength(2);
      expect(b.targetIndices![s]).toBe(2 * (rel[0]! - 4) + (rel[1]! - 4));
    }
  });
  it('remember the first symbol after a lag', () => {
    const b = rememberFirst(new Rng(3), 12, 4, 10);
    for (let s = 0; s < 10; s++) {
      expect(b.inputIndices![s * 13]).toBe(b.targetIndices![s]);
      expect(Array.from(b.inputIndices!.subarray(s * 13 + 1, s * 13 + 13)).every((v) => v === 4)).toBe(true);
    }
  });
  it('sliding windows and majority classification', () => {
    const w = slidingWindows([0, 1, 2, 3, 1], 3, 4);
    expect(w.inputs).toEqual([[0, 1, 2], [1, 2, 3]]);
    expect(w.targets).toEqual([3, 1]);
    expect(Array.from(oneHotWindows(w, 4).subarray(0, 12))).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const m = majorityTask(new Rng(4), 7, 20);
    for (let s = 0; s < 20; s++) {
      const ones = Array.from(m.inputIndices!.subarray(s * 7, s * 7 + 7)).reduce((a, v) => a + v, 0);
      expect(m.targetIndices![s]).toBe(ones > 3 ? 1 : 0);
    }
  });
});

describe("Pascanu's single-unit model", () => {
  it('gradient equals central finite differences, contributions sum to it', () => {
    for (const [w, b] of [[2, -1], [5, -2.5], [8, -3.9], [-1, 0.5]] as const) {
      const r = pascanuModel(w, b);
      const h = 1e-6;
      const fw = (pascanuModel(w + h, b).loss - pascanuModel(w - h, b).loss) / (2 * h);
      const fb = (pascanuModel(w, b + h).loss - pascanuModel(w, b - h).loss) / (2 * h);
      expect(Math.abs(r.dLdw - fw)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fw)));
      expect(Math.abs(r.dLdb - fb)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fb)));
      expect(r.dwContributions.reduce((a, v) => a + v, 0)).toBeCloseTo(r.dLdw, 12);
      expect(r.xs[0]).toBe(0.5);
      expect(r.xs).toHaveLength(51);
    }
  });
  it('the loss surface over (w, b) matches the pointwise model and has a cliff', () => {
    const s = pascanuLossSurface({ wMin: 1, wMax: 9, bMin: -6, bMax: 1, nw: 41, nb: 36 });
    expect(s.loss).toHaveLength(41 * 36);
    const p = pascanuModel(s.ws[7]!, s.bs[20]!);
    expect(s.loss[20 * 41 + 7]).toBeCloseTo(p.loss, 14);
    expect(s.dLdw[20 * 41 + 7]).toBeCloseTo(p.dLdw, 12);
    // Near the bifurcation the gradient is orders of magnitude above its typical size: the cliff.
    const g = Array.from(s.dLdb).map(Math.abs).sort((a, b) => a - b);
    expect(g[g.length - 1]! / g[Math.floor(g.length / 2)]!).toBeGreaterThan(100);
    expect(() => pascanuLossSurface({ wMin: 1, wMax: 1, bMin: 0, bMax: 1, nw: 3, nb: 3 })).toThrow(/grid\.wMax/);
  });
  it('the tfjs model and reference agree on the hello loss', () => {
    const { batch } = helloExample();
    const spec: ModelSpec = { input: { kind: 'onehot', vocab: 4 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 3 } }], head: { kind: 'softmax', classes: 4, at: 'every' } };
    const model = RnnModel.create(tf, spec, { seed: 5 });
    const l = model.loss(batch);
    expect(Math.abs(l - refLoss(spec, model.getParams(), batch))).toBeLessThan(1e-5);
    model.dispose();
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
