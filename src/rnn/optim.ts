/**
 * Optimisers: descriptions validated up front, and tfjs's update rules (same defaults,
 * same ε placement) on plain arrays for the fast path, so it trains as the tfjs path
 * does with tfjs's own optimisers (createTfOptimizer in tf/optim.ts).
 */
import { checkFinite, checkOneOf } from './validate.ts';

export type OptimizerSpec =
  | { kind: 'sgd'; learningRate: number }
  | { kind: 'momentum'; learningRate: number; momentum?: number }
  | { kind: 'adagrad'; learningRate: number; initialAccumulator?: number }
  | { kind: 'rmsprop'; learningRate: number; decay?: number; momentum?: number; epsilon?: number }
  | { kind: 'adam'; learningRate: number; beta1?: number; beta2?: number; epsilon?: number };

/** ε used when none is given: tfjs's float32 backend epsilon. */
export const DEFAULT_EPSILON = 1e-7;

export function validateOptimizer(spec: OptimizerSpec): void {
  checkOneOf('optimizer.kind', spec.kind, ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']);
  checkFinite('optimizer.learningRate', spec.learningRate, 'positive');
  const unit = (name: string, v: number | undefined) => {
    if (v === undefined) return;
    checkFinite(name, v, 'nonnegative');
    if (v >= 1) throw new RangeError(`${name}: expected a number in [0, 1), got ${v}`);
  };
  if (spec.kind === 'momentum') unit('optimizer.momentum', spec.momentum);
  if (spec.kind === 'rmsprop') {
    unit('optimizer.decay', spec.decay);
    unit('optimizer.momentum', spec.momentum);
  }
  if (spec.kind === 'adam') {
    unit('optimizer.beta1', spec.beta1);
    unit('optimizer.beta2', spec.beta2);
  }
  if ('epsilon' in spec && spec.epsilon !== undefined) checkFinite('optimizer.epsilon', spec.epsilon, 'positive');
  if (spec.kind === 'adagrad' && spec.initialAccumulator !== undefined) checkFinite('optimizer.initialAccumulator', spec.initialAccumulator, 'positive');
}

type Arr = Float32Array | Float64Array;

/** The tfjs update rules on flat arrays; one slot of state per parameter array. */
export class ArrayOptimizer {
  private readonly s1: Arr[];
  private readonly s2: Arr[];
  private t = 0;

  constructor(readonly spec: OptimizerSpec, sizes: readonly number[], float64 = false) {
    validateOptimizer(spec);
    const make = (n: number, v = 0) => (float64 ? new Float64Array(n) : new Float32Array(n)).fill(v);
    const init = spec.kind === 'adagrad' ? (spec.initialAccumulator ?? 0.1) : 0;
    this.s1 = sizes.map((n) => make(n, init));
    this.s2 = sizes.map((n) => make(n));
  }

  /** params[i] −= update(grads[i]) in place. */
  step(params: readonly Arr[], grads: readonly Arr[]): void {
    const s = this.spec;
    const lr = s.learningRate;
    this.t++;
    params.forEach((p, k) => {
      const g = grads[k]!, a = this.s1[k]!, m2 = this.s2[k]!;
      const n = p.length;
      switch (s.kind) {
        case 'sgd':
          for (let i = 0; i < n; i++) p[i]! -= lr * g[i]!;
          break;
        case 'momentum': {
          const mu = s.momentum ?? 0.9;
          for (let i = 0; i < n; i++) {
            a[i] = mu * a[i]! + g[i]!;
            p[i]! -= lr * a[i]!;
          }
          break;
        }
        case 'adagrad':
          for (let i = 0; i < n; i++) {
            a[i]! += g[i]! * g[i]!;
            p[i]! -= (lr * g[i]!) / Math.sqrt(a[i]! + DEFAULT_EPSILON);
          }
          break;
        case 'rmsprop': {
          const d = s.decay ?? 0.9, mu = s.momentum ?? 0, eps = s.epsilon ?? DEFAULT_EPSILON;
          for (let i = 0; i < n; i++) {
            a[i] = d * a[i]! + (1 - d) * g[i]! * g[i]!;
            m2[i] = mu * m2[i]! + (lr * g[i]!) / Math.sqrt(a[i]! + eps);
            p[i]! -= m2[i]!;
          }
          break;
        }
        case 'adam': {
          const b1 = s.beta1 ?? 0.9, b2 = s.beta2 ?? 0.999, eps = s.epsilon ?? DEFAULT_EPSILON;
          const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
          for (let i = 0; i < n; i++) {
            a[i] = b1 * a[i]! + (1 - b1) * g[i]!;
            m2[i] = b2 * m2[i]! + (1 - b2) * g[i]! * g[i]!;
            p[i]! -= (lr * (a[i]! / c1)) / (Math.sqrt(m2[i]! / c2) + eps);
          }
          break;
        }
      }
    });
  }
}
