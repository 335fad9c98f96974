/** demos/vanishing: the challenge checks (the goals are in schema.ts). Pure: they measure as derive does. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { measure, type Measurement, type VanishingConfig } from './model.ts';
import type spec from './schema.ts';

type Params = Parameters<typeof spec.initialState>[0];
type State = ReturnType<typeof spec.initialState>;

/** The gap up to which the curve must stay in the band, and the band, in log10. */
export const GAP = 50;
export const LOG_LOW = -2;
export const LOG_HIGH = 2;

/** The last measurement: a demo shared by two slides is checked again, unchanged, on each slide change. */
let last: { key: string; value: Measurement } | undefined;

function measured(cfg: VanishingConfig): Measurement {
  const key = JSON.stringify(cfg);
  if (last?.key !== key) last = { key, value: measure(cfg) };
  return last.value;
}

export const challenges: Record<string, ChallengeCheck<Params, State>> = {
  /** With tanh, the median ‖∂s_t/∂s_k‖ stays within [10⁻², 10²] at every gap up to 50 (or the plotted horizon). */
  'tanh-band': (state, params) => {
    if (state.activation !== 'tanh') return false;
    const m = measured({ seed: state.seed, lambda1: state.lambda1, activation: state.activation, matrix: state.matrix, horizon: params.horizon, sequences: params.sequences });
    const last = Math.min(GAP, params.horizon);
    for (let d = 0; d <= last; d++) {
      const v = m.logMedian[d]!;
      if (!(v >= LOG_LOW && v <= LOG_HIGH)) return false;
    }
    return true;
  },
};
