/** demos/char-hello: the challenge checks (the goals are in schema.ts). Pure: the float64 reference forward pass. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { paramsFor, trainTrace } from './model.ts';
import type { HelloParams, HelloState } from './schema.ts';

export const challenges: Record<string, ChallengeCheck<HelloParams, HelloState>> = {
  /** The weights the state carries make "ello" the most likely character at each of the four steps. */
  'predict-ello': (state) => trainTrace(paramsFor(state)).predicted === 'ello',
};
