/** Cross-entropy and accuracy of a softmax head's logits against a batch's class targets. */
import type { Batch } from '../../rnn/batch.ts';

export interface HeldOutFigures {
  /** Mean cross-entropy (nats) over every output step of every sequence. */
  loss: number;
  /** Share of output steps whose largest logit is the target class. */
  accuracy: number;
}

/**
 * logits: [T·B, classes] time-major for a head at every step, [B, classes] for one at the
 * last step (as FusedTrainer.predict gives them); targets: [B·T] sequence-major, or [B].
 */
export function heldOutFigures(logits: Float64Array, batch: Batch, classes: number, at: 'every' | 'last'): HeldOutFigures {
  const targets = batch.targetIndices;
  if (!targets) throw new RangeError('heldOut.targetIndices: expected class targets');
  const B = batch.batchSize;
  const T = at === 'every' ? batch.steps : 1;
  let loss = 0;
  let hits = 0;
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
      if (best === target) hits++;
    }
  }
  return { loss: loss / (B * T), accuracy: hits / (B * T) };
}
