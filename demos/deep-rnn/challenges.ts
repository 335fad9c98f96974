/** demos/deep-rnn: the challenge checks (the goals are in schema.ts). Pure: it reads the held-out accuracies the training worker measured. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import type { DeepParams, DeepState } from './schema.ts';

/** Held-out accuracy, over every step of every held-out stream, the shown stack must reach. */
export const ACCURACY_GOAL = 0.95;

export const challenges: Record<string, ChallengeCheck<DeepParams, DeepState>> = {
  /** The stack picked by "show" answers at least 95 % of the held-out steps right at the last report. */
  'show-learned': (state) => state.weights !== null && (state.accuracy?.[Number(state.shown) - 1] ?? 0) >= ACCURACY_GOAL,
};
