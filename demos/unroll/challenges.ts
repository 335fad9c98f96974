/** demos/unroll: the challenge checks (the goals are in schema.ts). Pure: the loss comes from the float64 reference RNN. */
import { refLoss } from '../../src/rnn/index.ts';
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { batchFor, corpusOf, paramsFor, unrollSpec } from './model.ts';
import { maxLength, type UnrollParams, type UnrollState } from './schema.ts';

/** The loss (mean cross-entropy, nats) the trained network must get under. */
export const LOSS_GOAL = 0.02;

export const challenges: Record<string, ChallengeCheck<UnrollParams, UnrollState>> = {
  /** Trained weights whose loss over the whole word, all steps shown, is below 0.02. */
  'train-below': (state, params) => {
    if (state.weights === null || state.length !== maxLength(params)) return false;
    const corpus = corpusOf(params);
    const spec = unrollSpec(corpus.vocab.length, params.hidden);
    return refLoss(spec, paramsFor(spec, state), batchFor(corpus, state.length)) < LOSS_GOAL;
  },
};
