/** demos/lstm-gates: the challenge checks (the goals are in schema.ts). Pure: the float64 reference forward pass on the state's text. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import type { GateParams, GateState } from '../gate-kit/alphabet.ts';
import { gateModelSpec, gateTrace } from '../gate-kit/model.ts';
import { lstmCell, lstmMoments } from './cell.ts';

export const challenges: Record<string, ChallengeCheck<GateParams, GateState>> = {
  /** Every depth of the text named right, and some unit's forget gate wipes its cell on a full stop. */
  'forget-at-stop': (state, params) => {
    const trace = gateTrace(gateModelSpec('lstm', params.hidden), lstmCell.quantities, state);
    return trace.accuracy === 1 && lstmMoments(trace).some((m) => m.kind === 'forget' && trace.chars[m.t] === '.');
  },
};
