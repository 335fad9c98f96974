/** demos/deep-rnn: the challenge checks (the goals are in schema.ts). Pure: the float64 reference forward pass on the held-out streams. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { evaluate, stacksOf, testStreams, weightsOf } from './model.ts';
import type { DeepParams, DeepState } from './schema.ts';

/** Held-out accuracy over every bit of every stream the shown stack must reach. */
export const ACCURACY_GOAL = 0.99;

export const challenges: Record<string, ChallengeCheck<DeepParams, DeepState>> = {
  /** The stack picked by "show" has trained weights that tag at least 99 % of the held-out bits right. */
  'show-learned': (state, params) => {
    if (state.weights === null) return false;
    const models = stacksOf(params);
    const k = Number(state.shown) - 1;
    return evaluate(models[k]!, weightsOf(models, state, k), testStreams(state.seed, params.length)).accuracy >= ACCURACY_GOAL;
  },
};
