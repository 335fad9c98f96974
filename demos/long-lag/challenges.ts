/** demos/long-lag: the challenge checks (the goals are in schema.ts). Pure: they read the held-out accuracy curves the state carries. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import type { LongLagParams, LongLagState } from './schema.ts';
import { CHANCE } from './task.ts';

/** The LSTM's latest held-out accuracy must reach this. */
export const PASS = 0.9;
/** "At chance": every RNN point below chance plus this margin (100 held-out sequences scatter by a few points). */
export const CHANCE_MARGIN = 0.15;

export const challenges: Record<string, ChallengeCheck<LongLagParams, LongLagState>> = {
  /** The LSTM's latest accuracy is at least 90 % while the RNN's curve never left the band just above chance. */
  'rnn-fails': (state) => {
    const lstm = state.lstm.at(-1);
    return lstm !== undefined && lstm >= PASS && state.rnn.length > 0 && state.rnn.every((a) => a < CHANCE + CHANCE_MARGIN);
  },
};
