import { describe, expect, it } from 'vitest';
import { largestSingularValue, spectralRadius } from '../../../src/rnn/index.ts';
import { activate } from '../../../src/rnn/ref/activations.ts';

/**
 * The example of the slide "What the bound says": W_rec = [[8, 8], [−8, −8]] has only zero
 * eigenvalues (W_rec² = 0), yet in the pre-activation recurrence a_t = W_rec·tanh(a_{t−1}) + b,
 * at the fixed point a* = (0, artanh ½), every one-step Jacobian is J = [[8, 6], [−8, −6]] and
 * J² = 2J: the gradient grows like 2^(t−k). Checked numerically, with finite differences.
 */
const W = Float64Array.from([8, 8, -8, -8]);
const aStar = [0, Math.atanh(0.5)];
const tanh = (v: number) => activate('tanh', v);
const apply = (m: ArrayLike<number>, v: number[]) => [m[0]! * v[0]! + m[1]! * v[1]!, m[2]! * v[0]! + m[3]! * v[1]!];
// The bias that makes a* a fixed point: b = a* − W·tanh(a*).
const b = ((wt) => [aStar[0]! - wt[0]!, aStar[1]! - wt[1]!])(apply(W, aStar.map(tanh)));
const step = (a: number[]) => apply(W, a.map(tanh)).map((v, i) => v + b[i]!);
const steps = (a: number[], l: number) => Array.from({ length: l }).reduce<number[]>((x) => step(x), a);

/** ∂(l-step map)/∂a at a*, by central differences, row-major [2·2]. */
function jacobian(l: number, eps = 1e-7): Float64Array {
  const J = new Float64Array(4);
  for (let j = 0; j < 2; j++) {
    const up = [...aStar];
    const down = [...aStar];
    up[j]! += eps;
    down[j]! -= eps;
    const fu = steps(up, l);
    const fd = steps(down, l);
    for (let i = 0; i < 2; i++) J[i * 2 + j] = (fu[i]! - fd[i]!) / (2 * eps);
  }
  return J;
}

const maxAbsDiff = (a: ArrayLike<number>, c: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - c[i]!)));

describe('a gradient that grows although every eigenvalue of W_rec is 0', () => {
  it('W_rec squares to 0 (both eigenvalues 0) and its largest singular value is 16', () => {
    const W2 = [W[0]! * W[0]! + W[1]! * W[2]!, W[0]! * W[1]! + W[1]! * W[3]!, W[2]! * W[0]! + W[3]! * W[2]!, W[2]! * W[1]! + W[3]! * W[3]!];
    expect(W2).toEqual([0, 0, 0, 0]);
    expect(spectralRadius(W, 2)).toBe(0);
    expect(largestSingularValue(W, 2, 2)).toBeCloseTo(16, 9);
  });

  it('a* = (0, artanh ½) is a fixed point, where the one-step Jacobian is [[8, 6], [−8, −6]]', () => {
    expect(maxAbsDiff(step(aStar), aStar)).toBeLessThan(1e-12);
    expect(maxAbsDiff(jacobian(1), [8, 6, -8, -6])).toBeLessThan(1e-5);
  });

  it('J² = 2J, so the product over l steps is 2^(l−1)·J and its norm doubles at every step back', () => {
    const J = [8, 6, -8, -6];
    const J2 = [J[0]! * J[0]! + J[1]! * J[2]!, J[0]! * J[1]! + J[1]! * J[3]!, J[2]! * J[0]! + J[3]! * J[2]!, J[2]! * J[1]! + J[3]! * J[3]!];
    expect(J2).toEqual(J.map((v) => 2 * v));
    const normJ = largestSingularValue(Float64Array.from(J), 2, 2);
    for (const l of [2, 4, 8]) {
      const measured = jacobian(l);
      expect(maxAbsDiff(measured, J.map((v) => 2 ** (l - 1) * v)) / 2 ** (l - 1)).toBeLessThan(1e-4);
      const norm = largestSingularValue(measured, 2, 2);
      expect(norm / (2 ** (l - 1) * normJ)).toBeCloseTo(1, 4);
      // The singular-value bound (λ₁γ)^l with γ = 1 for tanh holds; a spectral radius of 0 would "predict" 0.
      expect(norm).toBeLessThanOrEqual(16 ** l);
    }
  });
});
