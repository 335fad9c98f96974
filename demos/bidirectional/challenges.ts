/** demos/bidirectional: the challenge checks (the goals are in schema.ts). Pure: the held-out figures the state carries (the float64 reference forward pass on the held-out lines). */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { heldOutOf, modelsOf, testLines } from './model.ts';
import type { BiParams, BiState } from './schema.ts';

/** Held-out accuracy at the first letter the bidirectional RNN must reach; a left-to-right reader can get about half right there. */
export const FIRST_LETTER_GOAL = 0.95;

export const challenges: Record<string, ChallengeCheck<BiParams, BiState>> = {
  /** The bidirectional RNN's trained weights tag the first letter of at least 95 % of the held-out lines right. */
  'first-letter': (state, params) => {
    if (state.bi === null) return false;
    return heldOutOf(modelsOf(params), state, testLines(state.seed, params.length))[1].accuracy[0]! >= FIRST_LETTER_GOAL;
  },
};
