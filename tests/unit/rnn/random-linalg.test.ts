import { describe, expect, it } from 'vitest';
import { Rng, initParams, largestSingularValue, orthogonalInit, sampleWithTemperature, spectralRadius } from '../../../src/rnn/index.ts';
import type { ModelSpec } from '../../../src/rnn/index.ts';

describe('seeded random numbers', () => {
  it('same seed, same stream; different seed, different stream', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = Array.from({ length: 20 }, () => a.normal()), xb = Array.from({ length: 20 }, () => b.normal());
    expect(xa).toEqual(xb);
    expect(Array.from({ length: 20 }, () => c.normal())).not.toEqual(xa);
  });
  it('uniform() is the published mulberry32 generator', () => {
    // The widely circulated one-line mulberry32, written independently here.
    function mulberry32(a: number) {
      return () => {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    for (const seed of [1, 42, 123456789]) {
      const r = new Rng(seed), m = mulberry32(seed);
      for (let i = 0; i < 100; i++) expect(r.uniform()).toBe(m());
    }
  });
  it('normals have mean 0 and variance 1; uniforms stay in [0, 1)', () => {
    const r = new Rng(7);
    const n = 20000;
    const xs = Array.from({ length: n }, () => r.normal());
    const mean = xs.reduce((a, v) => a + v, 0) / n;
    const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.04);
    for (let i = 0; i < 1000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
  it('temperature sampling: 0 is arg-max, low temperature concentrates, high flattens', () => {
    const logits = [1, 3, 2];
    const r = new Rng(3);
    expect(sampleWithTemperature(r, logits, 0)).toBe(1);
    const count = (temp: number) => Array.from({ length: 2000 }, () => sampleWithTemperature(r, logits, temp)).filter((i) => i === 1).length / 2000;
    expect(count(0.1)).toBeGreaterThan(0.99);
    expect(count(100)).toBeLessThan(0.4);
    expect(() => sampleWithTemperature(r, logits, -1)).toThrow(/temperature/);
  });
  it('initialisers: same seed same weights; orthogonal blocks are orthogonal', () => {
    const spec: ModelSpec = { input: { kind: 'onehot', vocab: 5 }, layers: [{ cell: { kind: 'lstm', hiddenSize: 4 } }], head: { kind: 'softmax', classes: 5, at: 'every' } };
    expect(initParams(spec, { seed: 9 })).toEqual(initParams(spec, { seed: 9 }));
    expect(initParams(spec, { seed: 9 })['layer0.fw.W']!.data).not.toEqual(initParams(spec, { seed: 10 })['layer0.fw.W']!.data);
    const q = orthogonalInit(new Rng(1), 4, 2).data;
    for (let b = 0; b < 2; b++) for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      let d = 0;
      for (let k = 0; k < 4; k++) d += q[k * 8 + b * 4 + i]! * q[k * 8 + b * 4 + j]!;
      expect(d).toBeCloseTo(i === j ? 1 : 0, 12);
    }
  });
});

describe('spectral quantities', () => {
  it('spectral radius of a rotation times 0.9 is 0.9 (complex eigenvalues, no gap)', () => {
    const c = Math.cos(0.3) * 0.9, s = Math.sin(0.3) * 0.9;
    expect(spectralRadius(Float64Array.from([c, -s, s, c]), 2)).toBeCloseTo(0.9, 10);
  });
  it('triangular matrix: radius is the largest |diagonal|, σ_max is larger', () => {
    const a = Float64Array.from([0.5, 3, 0, 0, -0.7, 1, 0, 0, 0.2]);
    expect(spectralRadius(a, 3)).toBeCloseTo(0.7, 6);
    expect(largestSingularValue(a, 3, 3)).toBeGreaterThan(3);
    expect(spectralRadius(new Float64Array(9), 3)).toBe(0);
  });
  it('σ_max of an orthogonal matrix times 2 is 2', () => {
    const q = orthogonalInit(new Rng(5), 6, 1, 2).data;
    expect(largestSingularValue(q, 6, 6)).toBeCloseTo(2, 10);
    expect(spectralRadius(q, 6)).toBeCloseTo(2, 8);
  });
});
