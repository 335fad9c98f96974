/**
 * A model's figures on a held-out batch, measured where it trains (in the training worker)
 * so that a demo's page only draws them: accuracy at every output step and the mean loss,
 * from the logits of a fused forward pass. For models with a softmax head. No trainer code
 * here, so a demo reading the figures out of a state does not bundle one.
 */
import type { Batch } from '../../rnn/batch.ts';

export interface HeldOutFigures {
  /** Share of the batch's sequences whose largest logit is the target, per output step: [T] for a head at every step, [1] for one at the last. */
  accuracy: number[];
  /** Mean cross-entropy (nats) over every output step of every sequence. */
  loss: number;
}

/**
 * logits: [T·B, classes] time-major for a head at every step, [B, classes] for one at the
 * last step (as FusedTrainer.predict gives them); targets: [B·T] sequence-major, or [B].
 */
export function heldOutFigures(logits: Float64Array, batch: Batch, classes: number, at: 'every' | 'last'): HeldOutFigures {
  const targets = batch.targetIndices;
  if (!targets) throw new RangeError('config.heldOut.targetIndices: expected class targets');
  const B = batch.batchSize;
  const T = at === 'every' ? batch.steps : 1;
  const hits = new Array<number>(T).fill(0);
  let loss = 0;
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const row = (t * B + b) * classes;
      const target = targets[at === 'every' ? b * batch.steps + t : b]!;
      let best = 0;
      let max = logits[row]!;
      for (let k = 1; k < classes; k++) {
        if (logits[row + k]! > max) {
          max = logits[row + k]!;
          best = k;
        }
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += Math.exp(logits[row + k]! - max);
      loss += max + Math.log(sum) - logits[row + target]!;
      if (best === target) hits[t]! += 1;
    }
  }
  return { accuracy: hits.map((h) => h / B), loss: loss / (B * T) };
}

/** Every output step weighs the same: the share of all held-out outputs that are right. */
export function meanAccuracy(figures: HeldOutFigures): number {
  return figures.accuracy.reduce((a, v) => a + v, 0) / figures.accuracy.length;
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
