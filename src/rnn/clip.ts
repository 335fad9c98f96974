/**
 * Gradient clipping on plain arrays (the reference and fast paths; tf/clip.ts does the
 * same on tensors). Non-finite gradients are reported and left untouched: the caller
 * must skip the update, because scaling NaN by a threshold is still NaN.
 */
import { checkFinite } from './validate.ts';

export interface ClipReport {
  /** Global L2 norm over all gradients before clipping (NaN/Infinity if any entry is non-finite). */
  normBefore: number;
  /** Global L2 norm after clipping (equal to normBefore when nothing changed). */
  normAfter: number;
  /** Whether any entry was changed. */
  clipped: boolean;
  /** False when a gradient held NaN or ±Infinity; the update must then be skipped. */
  finite: boolean;
}

type Grad = { length: number; [i: number]: number };

function norm(grads: readonly Grad[]): number {
  let s = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  return Math.sqrt(s);
}

function allFinite(grads: readonly Grad[]): boolean {
  for (const g of grads) for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i])) return false;
  return true;
}

/** Pascanu et al. (2013), Algorithm 1: if ‖g‖ > threshold, g ← threshold·g/‖g‖. In place. */
export function clipByGlobalNorm(grads: readonly Grad[], threshold: number): ClipReport {
  checkFinite('threshold', threshold, 'positive');
  const before = norm(grads);
  if (!allFinite(grads)) return { normBefore: before, normAfter: before, clipped: false, finite: false };
  if (before <= threshold) return { normBefore: before, normAfter: before, clipped: false, finite: true };
  const s = threshold / before;
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = g[i]! * s;
  return { normBefore: before, normAfter: norm(grads), clipped: true, finite: true };
}

/** Element-wise clipping to [−limit, limit], as in min-char-rnn. In place. */
export function clipElementwise(grads: readonly Grad[], limit: number): ClipReport {
  checkFinite('limit', limit, 'positive');
  const before = norm(grads);
  if (!allFinite(grads)) return { normBefore: before, normAfter: before, clipped: false, finite: false };
  let clipped = false;
  for (const g of grads) {
    for (let i = 0; i < g.length; i++) {
      const v = g[i]!;
      if (v > limit) { g[i] = limit; clipped = true; }
      else if (v < -limit) { g[i] = -limit; clipped = true; }
    }
  }
  return { normBefore: before, normAfter: clipped ? norm(grads) : before, clipped, finite: true };
}

export type ClipSpec = { kind: 'norm'; threshold: number } | { kind: 'value'; limit: number };

export function applyClip(grads: readonly Grad[], clip: ClipSpec | undefined): ClipReport {
  if (!clip) {
    const n = norm(grads);
    return { normBefore: n, normAfter: n, clipped: false, finite: allFinite(grads) };
  }
  return clip.kind === 'norm' ? clipByGlobalNorm(grads, clip.threshold) : clipElementwise(grads, clip.limit);
}

/** Throws unless the clip description is usable. */
export function validateClip(clip: ClipSpec | undefined): void {
  if (!clip) return;
  if (clip.kind === 'norm') checkFinite('clip.threshold', clip.threshold, 'positive');
  else if (clip.kind === 'value') checkFinite('clip.limit', clip.limit, 'positive');
  else throw new RangeError(`clip.kind: expected "norm" or "value", got ${JSON.stringify((clip as { kind: unknown }).kind)}`);
}
