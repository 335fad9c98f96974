/** demos/char-lm: the challenge checks (the goals are in schema.ts). Pure: the loss the state carries against chance on its own text. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { corpusOf } from './model.ts';
import type { CharLmParams, CharLmState } from './schema.ts';

export const challenges: Record<string, ChallengeCheck<CharLmParams, CharLmState>> = {
  /** The latest pass's loss (nats/char) is below half of chance, ½ ln V, with V the text's distinct characters. */
  'half-chance': (state) => state.loss !== null && state.loss < Math.log(corpusOf(state.text).vocab.length) / 2,
};
