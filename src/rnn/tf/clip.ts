/**
 * Clipping of tfjs gradient maps (tfjs has no clip-by-global-norm). One read-back of the
 * norm per call decides what to do, so a NaN never reaches the optimiser.
 */
import type { NamedTensorMap, Scalar } from '@tensorflow/tfjs';
import type { Tf } from './tfjs.ts';
import type { ClipReport, ClipSpec } from '../clip.ts';
import { validateClip } from '../clip.ts';

function globalNorm(tf: Tf, grads: NamedTensorMap): Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))) as Scalar);
}

/**
 * Clips a gradient map: returns the new map (the input tensors are disposed when replaced)
 * and the report. When the norm is not finite the map is returned unchanged with
 * finite: false, and the caller must not apply it.
 */
export function tfClip(tf: Tf, grads: NamedTensorMap, clip: ClipSpec | undefined): { grads: NamedTensorMap; report: ClipReport } {
  validateClip(clip);
  const n = globalNorm(tf, grads);
  const before = n.dataSync()[0]!;
  n.dispose();
  if (!Number.isFinite(before)) return { grads, report: { normBefore: before, normAfter: before, clipped: false, finite: false } };
  if (!clip) return { grads, report: { normBefore: before, normAfter: before, clipped: false, finite: true } };
  if (clip.kind === 'norm') {
    if (before <= clip.threshold) return { grads, report: { normBefore: before, normAfter: before, clipped: false, finite: true } };
    const s = clip.threshold / before;
    const out: NamedTensorMap = {};
    for (const [k, g] of Object.entries(grads)) {
      out[k] = tf.mul(g, s);
      g.dispose();
    }
    const m = globalNorm(tf, out);
    const after = m.dataSync()[0]!;
    m.dispose();
    return { grads: out, report: { normBefore: before, normAfter: after, clipped: true, finite: true } };
  }
  const out: NamedTensorMap = {};
  for (const [k, g] of Object.entries(grads)) {
    out[k] = tf.clipByValue(g, -clip.limit, clip.limit);
    g.dispose();
  }
  const m = globalNorm(tf, out);
  const after = m.dataSync()[0]!;
  m.dispose();
  return { grads: out, report: { normBefore: before, normAfter: after, clipped: after !== before, finite: true } };
}
