/** demos/bidirectional: the challenge checks (the goals are in schema.ts). Pure: the float64 reference forward pass on the held-out lines. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { evaluate, modelsOf, testLines, weightsOf } from './model.ts';
import type { BiParams, BiState } from './schema.ts';

/** Held-out accuracy at the first letter the bidirectional RNN must reach; a left-to-right reader can get about half right there. */
export const FIRST_LETTER_GOAL = 0.95;

export const challenges: Record<string, ChallengeCheck<BiParams, BiState>> = {
  /** The bidirectional RNN's trained weights tag the first letter of at least 95 % of the held-out lines right. */
  'first-letter': (state, params) => {
    if (state.bi === null) return false;
    const models = modelsOf(params);
    return evaluate(models[1], weightsOf(models, state, 1), testLines(state.seed, params.length)).accuracy[0]! >= FIRST_LETTER_GOAL;
  },
};
