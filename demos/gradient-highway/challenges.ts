/** demos/gradient-highway: the challenge checks (the goals are in schema.ts). Pure: the float64 Jacobian products of the seeded cells. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { measureHighway, type CellCurves } from './model.ts';
import type { HighwayParams, HighwayState } from './schema.ts';

/** log10 of the norm both gated cells' median curves must stay above: 10⁻². */
export const LOG_FLOOR = -2;

/** Curves already measured: the RNN's does not depend on the bias, and a state may be checked again unchanged. */
const measured = new Map<string, CellCurves>();

export const challenges: Record<string, ChallengeCheck<HighwayParams, HighwayState>> = {
  /** Seeded weights at the state's keep bias: the LSTM's and the GRU's median ‖∂/∂s_k‖ stay at or above 10⁻² at every gap plotted. */
  'keep-both': (state, params) => {
    if (state.trained) return false;
    const { cells } = measureHighway({ seed: state.seed, keepBias: state.keepBias, trained: null, horizon: params.horizon, sequences: params.sequences }, measured);
    return [cells.lstm, cells.gru].every((c) => c.logMedian.every((v) => v >= LOG_FLOOR));
  },
};
