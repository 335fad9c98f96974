import { describe, expect, it } from 'vitest';
import { largestSingularValue } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import type { DemoCanvas } from '../../../src/widgets/ui.ts';
import manifest from '../../../demos/vanishing/schema.ts';
import type { ActivationName, MatrixKind, VanishingConfig } from '../../../demos/vanishing/model.ts';
import {
  ACTIVATIONS,
  BURN_IN,
  HIDDEN,
  MATRICES,
  buildNetwork,
  measure,
  plotValue,
  recurrenceStep,
  recurrentMatrix,
  runSequence,
  sequenceInputs,
  largestSymmetricEigenvalue,
  spectralNorm,
} from '../../../demos/vanishing/model.ts';
import { LOG_MAX, LOG_MIN, drawVanishing, formatLog } from '../../../demos/vanishing/view.ts';

type VanishingParams = Parameters<typeof manifest.initialState>[0];
const params = validateParams(manifest, '').values as VanishingParams;
const initialState = (p: VanishingParams) => manifest.initialState(p);
const parseState = (raw: unknown, p: VanishingParams) => check(manifest.state(p), raw);
const LAMBDAS = [0.1, 0.5, 0.9, 1, 1.5, 3, 5];
const cfg = (activation: ActivationName, lambda1: number, matrix: MatrixKind = 'orthogonal', seed = 1): VanishingConfig => ({
  seed,
  lambda1,
  activation,
  matrix,
  horizon: 50,
  sequences: 5,
});

function seeded(seed: number, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(seed * 12.9898 + i * 78.233) * 2;
  return a;
}

describe('W_rec construction', () => {
  it.each(MATRICES)('the %s W_rec has largest singular value exactly lambda_1', (matrix) => {
    for (const lambda of LAMBDAS) {
      const w = recurrentMatrix(7, HIDDEN, matrix, lambda);
      // src/rnn's Gelfand-formula estimate is an independent check of the Jacobi one.
      expect(largestSingularValue(w, HIDDEN, HIDDEN)).toBeCloseTo(lambda, 9);
      expect(spectralNorm(w, HIDDEN, HIDDEN) / lambda).toBeCloseTo(1, 12);
      expect(measure(cfg('tanh', lambda, matrix)).sigmaMax / lambda).toBeCloseTo(1, 12);
    }
  });

  it('an orthogonal W_rec stretches every direction by lambda_1, a Gaussian one does not', () => {
    const n = HIDDEN;
    // ‖W e_c‖ ≥ σ_min for every basis vector e_c: all equal λ₁ for a scaled orthogonal matrix.
    const minColumnNorm = (w: Float64Array) => {
      let min = Infinity;
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += w[r * n + c]! ** 2;
        min = Math.min(min, Math.sqrt(s));
      }
      return min;
    };
    expect(minColumnNorm(recurrentMatrix(3, n, 'orthogonal', 2))).toBeCloseTo(2, 10);
    expect(minColumnNorm(recurrentMatrix(3, n, 'gaussian', 2))).toBeLessThan(1.5);
  });

  it('spectral norms agree with src/rnn on rectangular, degenerate, ill-conditioned and singular matrices', () => {
    for (const seed of [1, 2, 3]) {
      const a = seeded(seed, 5 * 7);
      expect(spectralNorm(a, 5, 7) / largestSingularValue(a, 5, 7)).toBeCloseTo(1, 12);
      expect(spectralNorm(a, 7, 5) / largestSingularValue(a, 7, 5)).toBeCloseTo(1, 12);
    }
    const q = recurrentMatrix(5, HIDDEN, 'orthogonal', 1);
    expect(spectralNorm(q, HIDDEN, HIDDEN)).toBeCloseTo(1, 13);
    // Q·diag(1, 1e-3, 1e-6, …): singular values spanning many decades.
    const ill = q.map((v, i) => v * 10 ** (-3 * (i % HIDDEN)));
    expect(spectralNorm(ill, HIDDEN, HIDDEN) / largestSingularValue(ill, HIDDEN, HIDDEN)).toBeCloseTo(1, 10);
    const rank1 = new Float64Array(HIDDEN * HIDDEN).map((_, i) => (1 + (i % HIDDEN)) * (1 + Math.floor(i / HIDDEN)));
    const expected = Math.sqrt(Array.from({ length: HIDDEN }, (_, i) => (1 + i) ** 2).reduce((x, y) => x + y) ** 2);
    expect(spectralNorm(rank1, HIDDEN, HIDDEN) / expected).toBeCloseTo(1, 12);
    expect(spectralNorm(new Float64Array(9), 3, 3)).toBe(0);
  });

  it('the symmetric eigenvalue solver finds the largest of a known spectrum', () => {
    // [[2, 1, 0], [1, 2, 1], [0, 1, 2]] has eigenvalues 2 − √2, 2, 2 + √2.
    expect(largestSymmetricEigenvalue(Float64Array.from([2, 1, 0, 1, 2, 1, 0, 1, 2]), 3)).toBeCloseTo(2 + Math.SQRT2, 14);
    expect(largestSymmetricEigenvalue(Float64Array.from([-3, 0, 0, -1]), 2)).toBeCloseTo(-1, 14);
  });
});

describe('measured Jacobian norms', () => {
  it('match a finite-difference Jacobian of the real recurrence s_t = W_rec sigma(s_{t-1}) + W_in x_t + b', () => {
    for (const [activation, matrix, lambda] of [
      ['tanh', 'gaussian', 1.5],
      ['sigmoid', 'orthogonal', 3],
    ] as const) {
      const c = cfg(activation, lambda, matrix);
      const gap = 6;
      const net = buildNetwork(c.seed, c.matrix, c.lambda1);
      const inputs = sequenceInputs(c.seed, 0, BURN_IN + c.horizon - 1);
      const sk = runSequence(net, activation, inputs.slice(0, BURN_IN)).at(-1)!;
      const forward = (s0: Float64Array) => inputs.slice(BURN_IN, BURN_IN + gap).reduce((s, x) => recurrenceStep(net, activation, s, x), s0);
      const jac = new Float64Array(HIDDEN * HIDDEN);
      const h = 1e-6;
      for (let c2 = 0; c2 < HIDDEN; c2++) {
        const up = Float64Array.from(sk);
        const down = Float64Array.from(sk);
        up[c2]! += h;
        down[c2]! -= h;
        const fu = forward(up);
        const fd = forward(down);
        for (let r = 0; r < HIDDEN; r++) jac[r * HIDDEN + c2] = (fu[r]! - fd[r]!) / (2 * h);
      }
      const measured = 10 ** measure(c).logNorms[0]![gap]!;
      expect(measured / spectralNorm(jac, HIDDEN, HIDDEN)).toBeCloseTo(1, 5);
    }
  });

  it.each(ACTIVATIONS)('the bound (lambda_1 gamma)^(t-k) is never below the measured norms (%s)', (activation) => {
    for (const matrix of MATRICES) {
      for (const lambda of LAMBDAS) {
        const m = measure(cfg(activation, lambda, matrix, 2));
        expect(m.gamma).toBe(activation === 'sigmoid' ? 0.25 : 1);
        for (let d = 0; d <= m.horizon; d++) {
          expect(m.logBound[d]).toBeCloseTo(d * Math.log10(lambda * m.gamma), 9);
          for (const row of m.logNorms) expect(row[d]!).toBeLessThanOrEqual(m.logBound[d]! + 1e-9);
          expect(m.logMedian[d]!).toBeLessThanOrEqual(m.logBound[d]! + 1e-9);
        }
      }
    }
  });

  it('the bound is attained for a linear RNN with orthogonal W_rec, so the measurement is not trivially small', () => {
    const m = measure(cfg('linear', 1.5));
    for (const row of m.logNorms) for (let d = 0; d <= m.horizon; d++) expect(row[d]! - m.logBound[d]!).toBeGreaterThan(-1e-9);
  });

  it('vanishes for lambda_1 gamma < 1: tanh with lambda_1 = 0.5 is below 1e-3 at t-k = 40', () => {
    for (const matrix of MATRICES) {
      const m = measure(cfg('tanh', 0.5, matrix));
      for (const row of m.logNorms) expect(row[40]!).toBeLessThan(-3);
      expect(m.logMedian[40]!).toBeLessThan(-3);
    }
  });

  it('can grow for lambda_1 gamma > 1: linear with lambda_1 = 1.5', () => {
    const m = measure(cfg('linear', 1.5));
    expect(m.logMedian[40]!).toBeGreaterThan(3);
    expect(m.logMedian[40]!).toBeGreaterThan(m.logMedian[20]!);
  });

  it('is deterministic in the seed', () => {
    const a = measure(cfg('relu', 1.3, 'gaussian', 9));
    expect(measure(cfg('relu', 1.3, 'gaussian', 9)).logMedian).toEqual(a.logMedian);
    expect(measure(cfg('relu', 1.3, 'gaussian', 10)).logMedian).not.toEqual(a.logMedian);
  });
});

/** A 2D context that records every number it is handed, for checking what would be drawn; text is 8 px a character, about the 15 px font. */
function recordingCanvas(width: number, height: number): { dc: DemoCanvas; numbers: number[]; texts: string[]; filled: Map<string, [number, number][]> } {
  const numbers: number[] = [];
  const texts: string[] = [];
  /** Each text filled, with the x and y it was filled at. */
  const filled = new Map<string, [number, number][]>();
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, key) {
      if (key === 'measureText') return (s: string) => ({ width: s.length * 8 });
      if (key in target) return target[key as string];
      return (...args: unknown[]) => {
        if (key === 'fillText') filled.set(String(args[0]), [...(filled.get(String(args[0])) ?? []), [Number(args[1]), Number(args[2])]]);
        for (const a of args) {
          if (typeof a === 'number') numbers.push(a);
          if (typeof a === 'string') texts.push(a);
        }
      };
    },
    set(target, key, value) {
      if (typeof value === 'number') numbers.push(value);
      target[key as string] = value;
      return true;
    },
  });
  return { dc: { canvas: {} as HTMLCanvasElement, ctx: ctx as unknown as CanvasRenderingContext2D, width, height, scale: 1 }, numbers, texts, filled };
}

describe('what is drawn', () => {
  it('huge or broken lambda_1 never produces NaN, and off-scale values are marked', () => {
    for (const activation of ACTIVATIONS) {
      for (const lambda of [5, 1e6, 1e100, 1e300, Infinity, 1e-300, NaN]) {
        const m = measure(cfg(activation, lambda, 'gaussian'));
        for (const arr of [...m.logNorms, m.logMedian, m.logBound]) {
          for (const v of arr) {
            expect(Number.isNaN(v)).toBe(false);
            expect(Number.isFinite(plotValue(v, LOG_MIN, LOG_MAX).value)).toBe(true);
          }
        }
        const { dc, numbers } = recordingCanvas(420, 240);
        drawVanishing(dc, m, 50);
        drawVanishing(dc, m, 17);
        expect(numbers.length).toBeGreaterThan(100);
        expect(numbers.every(Number.isFinite)).toBe(true);
      }
    }
  });

  it('an exploding curve is clipped with an infinity mark, a vanishing one with a ->0 mark', () => {
    const up = recordingCanvas(420, 240);
    drawVanishing(up.dc, measure(cfg('linear', 5)), 50);
    expect(up.texts).toContain('∞');
    const down = recordingCanvas(420, 240);
    drawVanishing(down.dc, measure(cfg('tanh', 0.5)), 50);
    expect(down.texts).toContain('→0');
    expect(down.texts).not.toContain('∞');
  });

  it('a region label moves to a place the finished curves and their marks leave free', () => {
    const shrinks = 'norm < 1: shrinks with the gap';
    const grows = 'norm > 1: grows with the gap';
    const [width, height] = [540, 300];
    const at = (activation: (typeof ACTIVATIONS)[number], lambda: number, label: string, reveal = 50) => {
      const rec = recordingCanvas(width, height);
      drawVanishing(rec.dc, measure(cfg(activation, lambda)), reveal);
      return rec.filled.get(label)![0]!;
    };
    // tanh at λ₁ = 0.5 falls slowly and leaves the frame at the right end: the usual places, left in each region's outer corner.
    expect(at('tanh', 0.5, shrinks)).toEqual([expect.toSatisfy((x: number) => x < width / 2), expect.toSatisfy((y: number) => y > height - 50)]);
    expect(at('tanh', 0.5, grows)[0]).toBeLessThan(width / 2);
    // Sigmoid at λ₁ = 1: λ₁γ = ¼, the curves and their →0 marks reach 10⁻¹⁶ under both bottom corners' labels; the label goes up beside 1, on the right.
    const [x, y] = at('sigmoid', 1, shrinks);
    expect(x).toBeGreaterThan(width / 2);
    expect(y).toBeLessThan(height * 0.7);
    // Placed from the whole run, it does not move while the curves are revealed.
    expect(at('sigmoid', 1, shrinks, 5)).toEqual([x, y]);
    // Growing linear curves cross the top left corner: the upper label moves right.
    expect(at('linear', 5, grows)[0]).toBeGreaterThan(width / 2);
  });

  it('plotValue clamps past the frame and flags the side', () => {
    expect(plotValue(40, LOG_MIN, LOG_MAX)).toEqual({ value: LOG_MAX + 1, clip: 'over' });
    expect(plotValue(-Infinity, LOG_MIN, LOG_MAX)).toEqual({ value: LOG_MIN - 1, clip: 'under' });
    expect(plotValue(NaN, LOG_MIN, LOG_MAX).clip).toBe('over');
    expect(plotValue(-2, LOG_MIN, LOG_MAX)).toEqual({ value: -2, clip: null });
    expect(formatLog(Math.log10(3.2e-5))).toBe('3.2e−5');
    expect(formatLog(400)).toBe('1.0e400');
    expect(formatLog(-Infinity)).toBe('0');
  });
});

describe('state and parameters', () => {
  it('the manifest defaults validate and bad values are reported', () => {
    const ok = validateParams(manifest, '');
    expect(ok.problems).toEqual([]);
    expect(ok.values).toMatchObject({ seed: 1, lambda1: 1, activation: 'tanh', matrix: 'orthogonal' });
    expect(manifest.tfjs).toBe(false);
    expect(validateParams(manifest, 'lambda1: 9').problems).toHaveLength(1);
    expect(validateParams(manifest, 'activation: softmax').problems).toHaveLength(1);
    expect(validateParams(manifest, 'seed: 1.5').problems).toHaveLength(1);
    expect(validateParams(manifest, 'horizon: 600').problems).toHaveLength(1);
  });

  it('round-trips the state through JSON', () => {
    const s0 = initialState(params);
    expect(s0).toEqual({ seed: 1, lambda1: 1, activation: 'tanh', matrix: 'orthogonal', reveal: 50 });
    const s1 = { ...s0, lambda1: 2.37, activation: 'relu' as const, matrix: 'gaussian' as const, reveal: 12, seed: 44 };
    for (const s of [s0, s1]) expect(parseState(JSON.parse(JSON.stringify(s)), params)).toEqual(s);
  });

  it('rejects garbage', () => {
    const good = initialState(params);
    const bad: unknown[] = [
      null,
      42,
      'state',
      [],
      {},
      { ...good, seed: 1.5 },
      { ...good, seed: -1 },
      { ...good, lambda1: 0 },
      { ...good, lambda1: 50 },
      { ...good, lambda1: '1' },
      { ...good, activation: 'softmax' },
      { ...good, matrix: 'identity' },
      { ...good, reveal: 51 },
      { ...good, reveal: -1 },
      { ...good, reveal: 2.5 },
    ];
    for (const raw of bad) expect(parseState(raw, params)).toBeNull();
  });
});
