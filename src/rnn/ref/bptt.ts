/**
 * Loss and gradients of a batch on the float64 reference path: full BPTT, or truncated
 * BPTT(k1, k2) (Williams & Peng): every k1 steps, the losses of those k1 steps are
 * backpropagated at most k2 steps into the past.
 */
import type { Batch } from '../batch.ts';
import { validateBatch } from '../batch.ts';
import type { ParamSet } from '../params.ts';
import { zerosParamSet } from '../params.ts';
import type { ModelSpec } from '../spec.ts';
import { validateSpec } from '../spec.ts';
import { checkInt } from '../validate.ts';
import { backwardSequence, forwardSequence } from './network.ts';

export interface Truncation {
  /** Steps between backward passes. */
  k1: number;
  /** How many steps each backward pass reaches back (k2 ≥ k1). */
  k2: number;
}

export function validateTruncation(spec: ModelSpec, steps: number, tr: Truncation | undefined): Truncation | undefined {
  if (!tr) return undefined;
  checkInt('truncation.k1', tr.k1, 1);
  checkInt('truncation.k2', tr.k2, tr.k1);
  if (tr.k1 >= steps && tr.k2 >= steps) return undefined;
  if (spec.layers.some((l) => l.bidirectional)) {
    throw new RangeError('truncation: expected no bidirectional layer (a backward direction needs the whole sequence), got one');
  }
  return tr;
}

/** Segments [from, to] of the backward passes, with the output steps whose loss each one carries. */
export function truncatedSegments(T: number, tr: Truncation): { end: number; from: number; lossFrom: number }[] {
  const segs: { end: number; from: number; lossFrom: number }[] = [];
  for (let end = tr.k1 - 1; ; end += tr.k1) {
    const e = Math.min(end, T - 1);
    segs.push({ end: e, from: Math.max(0, e - tr.k2 + 1), lossFrom: Math.max(0, end - tr.k1 + 1) });
    if (e === T - 1) break;
  }
  return segs;
}

export interface RefResult {
  /** Mean over the batch of J (the per-sequence loss, itself a mean over output steps). */
  loss: number;
  /** ∂loss/∂θ with the same names and shapes as the parameters. */
  grads: ParamSet;
}

/** Loss and gradient of a batch (mean over sequences) in float64. */
export function refLossAndGradients(spec: ModelSpec, ps: ParamSet, batch: Batch, opts: { truncation?: Truncation } = {}): RefResult {
  validateSpec(spec);
  validateBatch(spec, batch);
  const trunc = validateTruncation(spec, batch.steps, opts.truncation);
  const grads = zerosParamSet(ps);
  let loss = 0;
  const B = batch.batchSize;
  for (let b = 0; b < B; b++) {
    const tr = forwardSequence(spec, ps, batch, b);
    loss += tr.loss / B;
    if (!trunc) {
      backwardSequence(spec, ps, batch, b, tr, grads, { scale: 1 / B });
      continue;
    }
    const n = tr.outputSteps.length;
    for (const seg of truncatedSegments(batch.steps, trunc)) {
      const stepWeights = tr.outputSteps.map((t) => (t >= seg.lossFrom && t <= seg.end ? 1 / n : 0));
      if (stepWeights.every((w) => w === 0)) continue;
      backwardSequence(spec, ps, batch, b, tr, grads, { scale: 1 / B, stepWeights, window: { from: seg.from, to: seg.end } });
    }
  }
  return { loss, grads };
}

/** Loss only (for finite differences). */
export function refLoss(spec: ModelSpec, ps: ParamSet, batch: Batch): number {
  let loss = 0;
  for (let b = 0; b < batch.batchSize; b++) loss += forwardSequence(spec, ps, batch, b).loss / batch.batchSize;
  return loss;
}
