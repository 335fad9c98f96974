/** demos/sliding-window: the challenge checks (the goals are in schema.ts). Pure: both models' float64 forward passes on the held-out sequences. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { accuracy, paramsFrom, specOf } from './model.ts';
import type { SlidingWindowParams, SlidingWindowState } from './schema.ts';
import { taskSets } from './task.ts';

/** Held-out accuracy the RNN must reach. */
export const RNN_GOAL = 0.95;
/** "Near chance" for the MLP on two balanced classes: 256 held-out sequences scatter by a few points around 50 %. */
export const MLP_CHANCE_BELOW = 0.65;

export const challenges: Record<string, ChallengeCheck<SlidingWindowParams, SlidingWindowState>> = {
  /** Both models trained; the RNN gets at least 95 % of the held-out sequences right and the MLP under 65 %. */
  'rnn-beats-window': (state, params) => {
    if (state.mlp === null || state.rnn === null) return false;
    const { test } = taskSets(state.seed, params.window, params.lag);
    const score = (kind: 'mlp' | 'rnn', weights: readonly number[]) => accuracy(kind, paramsFrom(specOf(kind, params.window), state.seed, weights), test, params.window);
    return score('rnn', state.rnn) >= RNN_GOAL && score('mlp', state.mlp) < MLP_CHANCE_BELOW;
  },
};
