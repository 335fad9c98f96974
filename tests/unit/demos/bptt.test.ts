import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/bptt/index.ts';
import { autodiffGradients, compareGradients, finiteDifferenceGradients, gradientCheck, GRADCHECK_TOLERANCE } from '../../../demos/bptt/gradcheck.ts';
import type { BpttConfig } from '../../../demos/bptt/model.ts';
import { buildModel, truncate, truncationOf, U_NAME } from '../../../demos/bptt/model.ts';
import manifest, { FRAMES_PER_STEP, maxFrame, stepsOf } from '../../../demos/bptt/schema.ts';
import { nextStepFrame, sweepPosition } from '../../../demos/bptt/timeline.ts';
import { refLossAndGradients } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

/**
 * Model side of the BPTT demo: the per-step contributions add up to the total gradient,
 * the heatmap is lower-triangular, truncation matches the reference truncated BPTT and
 * drops nothing at k ≥ T, the on-slide gradient check passes (and can fail), no tensor
 * leaks; plus the state and parameter contracts.
 */

type BpttParams = Parameters<typeof manifest.initialState>[0];
const parseState = (raw: unknown, p: BpttParams) => check(manifest.state(p), raw);
const params: BpttParams = { seed: 1, text: 'hello world', hidden: 6, gain: 0.7 };
const cfg = (over: Partial<BpttConfig> = {}): BpttConfig => ({ text: params.text, hidden: params.hidden, seed: params.seed, gain: params.gain, ...over });
const frob = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('contributions and heatmap', () => {
  const m = buildModel(cfg());
  const T = m.steps;

  it('reads the text as T = length − 1 steps', () => {
    expect(T).toBe(10);
    expect(m.chars.join('')).toBe('hello world');
    expect(m.states).toHaveLength(T);
  });

  it('per-step contributions C_k add up to ∂J/∂W_rec, which equals full BPTT on the reference path', () => {
    const sum = new Float64Array(m.total.length);
    for (const c of m.contributions) c.forEach((v, i) => (sum[i]! += v));
    const ref = refLossAndGradients(m.spec, m.params, m.batch).grads[U_NAME]!.data;
    expect(maxAbsDiff(sum, m.total)).toBeLessThan(1e-12);
    expect(maxAbsDiff(m.total, ref)).toBeLessThan(1e-12);
    expect(m.totalNorm).toBeGreaterThan(1e-3);
  });

  it('the drawn shares add up to the total norm ‖∂J/∂W_rec‖', () => {
    const sum = m.shares.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - m.totalNorm)).toBeLessThan(1e-12 * Math.max(1, m.totalNorm));
    expect(Math.abs(sum - frob(m.total))).toBeLessThan(1e-12);
  });

  it('the (t, k) pairs add up to each C_k', () => {
    for (let k = 0; k < T; k++) {
      const sum = new Float64Array(m.total.length);
      for (let t = k; t < T; t++) m.pairs[t]![k]!.forEach((v, i) => (sum[i]! += v));
      expect(maxAbsDiff(sum, m.contributions[k]!)).toBeLessThan(1e-12);
    }
  });

  it('the heatmap is zero above the diagonal and positive on and below it', () => {
    for (let t = 0; t < T; t++) {
      for (let k = 0; k < T; k++) {
        if (k > t) expect(m.heat[t]![k]).toBe(0);
        else expect(m.heat[t]![k]!).toBeGreaterThan(0);
      }
    }
  });

  it('small gain fades along the rows (vanishing), so the far past gets little gradient', () => {
    const small = buildModel(cfg({ gain: 0.25 }));
    const row = small.heat[T - 1]!;
    expect(row[0]! / row[T - 1]!).toBeLessThan(1e-3);
  });

  it('is deterministic in the seed', () => {
    expect(buildModel(cfg()).total).toEqual(m.total);
    expect(maxAbsDiff(buildModel(cfg({ seed: 2 })).total, m.total)).toBeGreaterThan(1e-6);
  });
});

describe('truncated BPTT', () => {
  const m = buildModel(cfg());
  const T = m.steps;

  it('k ≥ T drops nothing: same gradient as full BPTT', () => {
    for (const k of [T, T + 2]) {
      const r = truncate(m, k);
      expect(r.droppedCells).toBe(0);
      expect(r.dropped.flat().some(Boolean)).toBe(false);
      expect(r.relDiff).toBe(0);
      expect(maxAbsDiff(r.grad, m.total)).toBeLessThan(1e-12);
      r.droppedShares.forEach((d) => expect(Math.abs(d)).toBeLessThan(1e-12));
    }
  });

  it('k < T drops exactly the cells with t − k′ ≥ k and matches the reference truncated BPTT(1, k)', () => {
    for (const k of [1, 3, 5, T - 1]) {
      const r = truncate(m, k);
      expect(r.droppedCells).toBe(((T - k) * (T - k + 1)) / 2);
      for (let t = 0; t < T; t++) for (let j = 0; j < T; j++) expect(r.dropped[t]![j]).toBe(j <= t && t - j >= k);
      const ref = refLossAndGradients(m.spec, m.params, m.batch, { truncation: { k1: 1, k2: k } }).grads[U_NAME]!.data;
      expect(maxAbsDiff(r.grad, ref)).toBeLessThan(1e-12);
      expect(r.relDiff).toBeGreaterThan(0);
      // Kept and dropped parts of each step's share add back up to the share.
      r.keptShares.forEach((s, j) => expect(Math.abs(s + r.droppedShares[j]! - m.shares[j]!)).toBeLessThan(1e-12));
    }
  });
});

describe('the two truncation schemes', () => {
  const m = buildModel(cfg());
  const T = m.steps;

  it('each equals the core\'s truncated BPTT(k1, k2) on the same data', () => {
    for (const scheme of ['chunked', 'band'] as const) {
      for (const tau of [1, 2, 3, 5, T - 1]) {
        const r = truncate(m, tau, scheme);
        expect(r.scheme).toBe(scheme);
        const ref = refLossAndGradients(m.spec, m.params, m.batch, { truncation: truncationOf(scheme, tau) }).grads[U_NAME]!.data;
        expect(maxAbsDiff(r.grad, ref), `${scheme} τ = ${tau}`).toBeLessThan(1e-12);
      }
    }
  });

  it('chunked drops the cells whose loss and state lie in different chunks of τ steps', () => {
    expect(T % 5).toBe(0);
    const r = truncate(m, 5, 'chunked');
    for (let t = 0; t < T; t++) for (let j = 0; j < T; j++) expect(r.dropped[t]![j]).toBe(j <= t && Math.floor(t / 5) !== Math.floor(j / 5));
    expect(truncationOf('chunked', 5)).toEqual({ k1: 5, k2: 5 });
    expect(truncationOf('band', 5)).toEqual({ k1: 1, k2: 5 });
  });

  it('at the slide defaults, τ = 5 loses about 5.5 % of ‖∂J/∂W_rec‖ in the band and about 38 % in chunks', () => {
    const band = truncate(m, 5, 'band').relDiff;
    const chunked = truncate(m, 5, 'chunked').relDiff;
    expect(band).toBeCloseTo(0.055, 2);
    expect(chunked).toBeCloseTo(0.379, 2);
    expect(chunked).toBeGreaterThan(5 * band);
  });

  it('τ ≥ T is full BPTT for both schemes', () => {
    for (const scheme of ['chunked', 'band'] as const) {
      const r = truncate(m, T, scheme);
      expect(r.droppedCells).toBe(0);
      expect(r.relDiff).toBe(0);
    }
  });
});

describe('on-slide gradient check', () => {
  it('autodiff vs central differences: max relative error under 1e-3 across the parameter range', () => {
    const cases: Partial<BpttConfig>[] = [{}, { gain: 0.25 }, { gain: 3 }, { hidden: 2, seed: 7 }, { hidden: 8, gain: 2.5, seed: 1 }, { text: 'abracadabra!!', seed: 0 }];
    for (const c of cases) {
      const r = gradientCheck(tf, buildModel(cfg(c)));
      expect(r.ok, JSON.stringify({ c, r })).toBe(true);
      expect(r.maxRelError).toBeLessThan(GRADCHECK_TOLERANCE);
      expect(r.count).toBeGreaterThan(40);
    }
  });

  it('fails on a wrong gradient (a 1 % error in one matrix)', () => {
    const m = buildModel(cfg());
    const auto = autodiffGradients(tf, m);
    auto[U_NAME]!.data.forEach((v, i, a) => (a[i] = v * 1.01));
    const r = compareGradients(auto, finiteDifferenceGradients(m));
    expect(r.ok).toBe(false);
    expect(r.worst).toBe(U_NAME);
    expect(r.maxRelError).toBeGreaterThan(5e-3);
  });

  it('finite differences leave the weights exactly as they were', () => {
    const m = buildModel(cfg());
    const before = Float64Array.from(m.params[U_NAME]!.data);
    finiteDifferenceGradients(m);
    expect(m.params[U_NAME]!.data).toEqual(before);
  });

  it('tf.memory().numTensors returns to its baseline', () => {
    const m = buildModel(cfg());
    gradientCheck(tf, m);
    const baseline = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) gradientCheck(tf, m);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('state and parameters', () => {
  it('initial state round-trips through JSON and the state schema', () => {
    expect(demo.spec).toBe(manifest);
    const s = demo.spec.initialState(params);
    expect(s.frame).toBe(maxFrame(stepsOf(params)));
    expect(parseState(JSON.parse(JSON.stringify(s)), params)).toEqual(s);
    const mid = { ...s, frame: 5 * FRAMES_PER_STEP, trunc: 3, gain: 1.85, seed: 12, playing: true };
    expect(parseState(JSON.parse(JSON.stringify(mid)), params)).toEqual(mid);
  });

  it('the state schema rejects garbage', () => {
    const s = manifest.initialState(params);
    const bad: unknown[] = [
      null,
      42,
      'state',
      [s],
      {},
      { ...s, seed: -1 },
      { ...s, seed: 1.5 },
      { ...s, seed: 1_000_001 },
      { ...s, gain: 10 },
      { ...s, gain: 'big' },
      { ...s, gain: Number.NaN },
      { ...s, trunc: 0 },
      { ...s, frame: maxFrame(stepsOf(params)) + 1 },
      { ...s, frame: -3 },
      { ...s, frame: 2.5 },
      { ...s, playing: 'yes' },
    ];
    for (const b of bad) expect(parseState(b, params), JSON.stringify(b)).toBeNull();
  });

  it('manifest parameters validate: defaults from an empty body, problems for bad values', () => {
    const empty = validateParams(manifest, '');
    expect(empty.problems).toEqual([]);
    expect(empty.values).toEqual(params);
    expect(manifest.tfjs).toBe(true);
    expect(validateParams(manifest, 'seed: 1000000').problems).toEqual([]);
    for (const body of ['seed: 1.5', 'seed: 1000001', 'hidden: 40', 'gain: 0', 'text: ab', 'colour: red']) {
      expect(validateParams(manifest, body).problems.length, body).toBeGreaterThan(0);
    }
    expect(validateParams(manifest, 'seed: 3\ntext: "abcabcab"\nhidden: 4').problems).toEqual([]);
  });

  it('frames: forward sweep, then backward sweep, then done', () => {
    const T = 10;
    expect(sweepPosition(0, T)).toMatchObject({ phase: 'forward', forwardDone: 0, backwardFrom: T });
    expect(sweepPosition(3 * FRAMES_PER_STEP + 4, T)).toMatchObject({ phase: 'forward', forwardDone: 3, tween: 0.5 });
    expect(sweepPosition(T * FRAMES_PER_STEP, T)).toMatchObject({ phase: 'backward', forwardDone: T, backwardFrom: T });
    expect(sweepPosition((T + 2) * FRAMES_PER_STEP, T)).toMatchObject({ phase: 'backward', backwardFrom: T - 2 });
    expect(sweepPosition(maxFrame(T), T)).toMatchObject({ phase: 'done', backwardFrom: 0 });
    expect(nextStepFrame(3, T)).toBe(FRAMES_PER_STEP);
    expect(nextStepFrame(maxFrame(T), T)).toBe(maxFrame(T));
  });
});
