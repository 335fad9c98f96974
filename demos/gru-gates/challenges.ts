/** demos/gru-gates: the challenge checks (the goals are in schema.ts). Pure: the float64 reference forward pass on the state's text. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import type { GateParams, GateState } from '../gate-kit/alphabet.ts';
import { gateModelSpec, gateTrace } from '../gate-kit/model.ts';
import { gruCell, gruMoments } from './cell.ts';

export const challenges: Record<string, ChallengeCheck<GateParams, GateState>> = {
  /** Every depth of the text named right, and at every "a" (there is at least one) some unit's update gate keeps its state. */
  'keep-on-a': (state, params) => {
    const trace = gateTrace(gateModelSpec('gru', params.hidden), gruCell.quantities, state);
    const keeps = new Set(gruMoments(trace).filter((m) => m.kind === 'keep').map((m) => m.t));
    const onA = trace.chars.flatMap((ch, t) => (ch === 'a' ? [t] : []));
    return trace.accuracy === 1 && onA.length > 0 && onA.every((t) => keeps.has(t));
  },
};
