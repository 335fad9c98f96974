/**
 * The on-slide gradient check: tfjs autodiff (RnnModel, float32 on the active backend)
 * against central finite differences of the float64 reference loss, for every weight.
 * float64 differences make the reference itself accurate to ~1e-10, so what the check
 * measures is the autodiff gradient, not the rounding of the check.
 */
import type { ParamSet } from '../../src/rnn/index.ts';
import { refLoss } from '../../src/rnn/index.ts';
import type { Tf } from '../../src/rnn/tf/index.ts';
import { RnnModel } from '../../src/rnn/tf/index.ts';
import type { BpttModel } from './model.ts';

export interface GradCheck {
  /** max over the weight matrices (W_in, W_rec, b, V, c) of ‖a − n‖ / ‖n‖, a autodiff, n finite differences. */
  maxRelError: number;
  /** The matrix that gave it, e.g. "layer0.fw.U". */
  worst: string;
  /** Number of weights compared. */
  count: number;
  epsilon: number;
  /** Error under 1e-3 and all numbers finite. */
  ok: boolean;
}

export const GRADCHECK_TOLERANCE = 1e-3;
export const FD_EPSILON = 1e-6;

/** Autodiff gradients for the model's current weights; the tfjs model is disposed before returning. */
export function autodiffGradients(tf: Tf, m: BpttModel): ParamSet {
  const net = RnnModel.fromParams(tf, m.spec, m.params);
  try {
    return net.gradients(m.batch).grads;
  } finally {
    net.dispose();
  }
}

/** Central differences (J(θ + ε) − J(θ − ε)) / 2ε of the float64 loss, every weight. */
export function finiteDifferenceGradients(m: BpttModel, epsilon = FD_EPSILON): ParamSet {
  const out: ParamSet = {};
  for (const [name, p] of Object.entries(m.params)) {
    const g = new Float64Array(p.data.length);
    for (let i = 0; i < p.data.length; i++) {
      const keep = p.data[i]!;
      p.data[i] = keep + epsilon;
      const up = refLoss(m.spec, m.params, m.batch);
      p.data[i] = keep - epsilon;
      const down = refLoss(m.spec, m.params, m.batch);
      p.data[i] = keep;
      g[i] = (up - down) / (2 * epsilon);
    }
    out[name] = { shape: [...p.shape], data: g };
  }
  return out;
}

/**
 * Norm-wise per matrix rather than per entry: an entry that is a near-cancelling sum of
 * large per-step terms keeps float32's absolute error but loses its relative accuracy,
 * which says nothing about whether autodiff is right.
 */
export function compareGradients(auto: ParamSet, numeric: ParamSet, epsilon = FD_EPSILON): GradCheck {
  let maxRelError = 0;
  let worst = '';
  let count = 0;
  for (const [name, n] of Object.entries(numeric)) {
    const a = auto[name];
    if (!a || a.data.length !== n.data.length) return { maxRelError: Infinity, worst: name, count, epsilon, ok: false };
    let diff = 0, nn = 0, aa = 0;
    for (let i = 0; i < n.data.length; i++) {
      diff += (a.data[i]! - n.data[i]!) ** 2;
      nn += n.data[i]! ** 2;
      aa += a.data[i]! ** 2;
    }
    count += n.data.length;
    const scale = Math.sqrt(Math.max(nn, aa));
    const err = scale > 0 ? Math.sqrt(diff) / scale : 0;
    // `!(err <= max)` also catches NaN, which then reads as ∞.
    if (!(err <= maxRelError)) {
      maxRelError = Number.isNaN(err) ? Infinity : err;
      worst = name;
    }
  }
  return { maxRelError, worst, count, epsilon, ok: Number.isFinite(maxRelError) && maxRelError < GRADCHECK_TOLERANCE };
}

/** The check the slide shows, for the model's current weights. */
export function gradientCheck(tf: Tf, m: BpttModel, epsilon = FD_EPSILON): GradCheck {
  return compareGradients(autodiffGradients(tf, m), finiteDifferenceGradients(m, epsilon), epsilon);
}
