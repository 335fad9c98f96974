/** demos/sentiment: the challenge checks (the goals are in schema.ts). Pure: they read the per-epoch curves the state carries. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import type { SentimentParams, SentimentState } from './schema.ts';

/** How far below its best the held-out accuracy must fall: 5 points, four of the 70 held-out reviews. */
export const OVERFIT_DROP = 0.05;

export const challenges: Record<string, ChallengeCheck<SentimentParams, SentimentState>> = {
  /**
   * Overfitting seen in the curves: the latest held-out accuracy is at least 5 points below
   * its best epoch's, while the training loss is lower now than at that epoch.
   */
  overfit: (state) => {
    const { heldOut, trainLoss } = state;
    if (heldOut.length < 2 || trainLoss.length !== heldOut.length) return false;
    const best = heldOut.indexOf(Math.max(...heldOut));
    return heldOut[best]! - heldOut.at(-1)! >= OVERFIT_DROP && trainLoss.at(-1)! < trainLoss[best]!;
  },
};
