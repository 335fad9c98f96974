/**
 * demos/bptt: the challenge checks (the goals are in schema.ts). Pure: they rebuild the
 * model from the state, as derive does, in float64.
 */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';

import { buildModel, truncate, type BpttModel } from './model.ts';
import { stepsOf } from './schema.ts';
import type spec from './schema.ts';

type Params = Parameters<typeof spec.initialState>[0];
type State = ReturnType<typeof spec.initialState>;

/** The share of ∂J/∂W_rec the band may lose. */
export const BAND_LOSS_GOAL = 0.1;

let kept: { key: string; model: BpttModel } | undefined;
function modelOf(params: Params, state: State): BpttModel {
  const key = `${params.text}|${params.hidden}|${state.seed}|${state.gain}`;
  if (kept?.key !== key) kept = { key, model: buildModel({ text: params.text, hidden: params.hidden, seed: state.seed, gain: state.gain }) };
  return kept.model;
}

export const challenges: Record<string, ChallengeCheck<Params, State>> = {
  /** The band keeps τ < T states behind each loss and loses under 10 %, and one state fewer would lose 10 % or more. */
  'shortest-band': (state, params) => {
    if (state.scheme !== 'band' || state.trunc >= stepsOf(params)) return false;
    const m = modelOf(params, state);
    if (!m.finite || truncate(m, state.trunc, 'band').relDiff >= BAND_LOSS_GOAL) return false;
    return state.trunc === 1 || truncate(m, state.trunc - 1, 'band').relDiff >= BAND_LOSS_GOAL;
  },
};

