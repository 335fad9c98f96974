/**
 * A model's figures on a held-out batch, measured where it trains (in the training worker)
 * so that a demo's page only draws them: accuracy at every time step and the mean loss,
 * from the float64 reference forward pass. For models with a softmax at every step.
 */
import type { Batch } from '../../rnn/batch.ts';
import type { ParamSet } from '../../rnn/params.ts';
import { forwardSequence } from '../../rnn/ref/network.ts';
import type { ModelSpec } from '../../rnn/spec.ts';

export interface HeldOutFigures {
  /** Fraction of the batch's sequences whose most probable class is the target, per step, [T]. */
  accuracy: number[];
  /** Cross-entropy averaged over steps, then over sequences. */
  loss: number;
}

export function heldOutFigures(spec: ModelSpec, params: ParamSet, batch: Batch): HeldOutFigures {
  const targets = batch.targetIndices;
  if (!targets || spec.head.kind !== 'softmax' || spec.head.at !== 'every') throw new RangeError('config.heldOut: needs a softmax head at every step and target classes');
  const T = batch.steps;
  const hits = new Array<number>(T).fill(0);
  let loss = 0;
  for (let b = 0; b < batch.batchSize; b++) {
    const trace = forwardSequence(spec, params, batch, b);
    loss += trace.loss;
    trace.probs.forEach((p, t) => {
      let best = 0;
      for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
      if (best === targets[b * T + t]) hits[t]! += 1;
    });
  }
  return { accuracy: hits.map((h) => h / batch.batchSize), loss: loss / batch.batchSize };
}

/** The names a trainer's `extra` gives model k's figures under. */
export const heldOutKeys = {
  loss: (k: number): string => `heldOutLoss${k}`,
  accuracy: (k: number, t: number): string => `heldOutAccuracy${k}.${t}`,
};

/** Model k's figures out of a trainer state's `extra` (steps 0, 1, … as far as they go); null when it carries none. */
export function heldOutFromExtra(extra: Record<string, number>, k: number): HeldOutFigures | null {
  const loss = extra[heldOutKeys.loss(k)];
  if (loss === undefined) return null;
  const accuracy: number[] = [];
  for (let t = 0, a = extra[heldOutKeys.accuracy(k, 0)]; a !== undefined; a = extra[heldOutKeys.accuracy(k, ++t)]) accuracy.push(a);
  return { accuracy, loss };
}
