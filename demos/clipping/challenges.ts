/** demos/clipping: the challenge checks (the goals are in schema.ts). Pure: they run both descents as derive does. */
import type { ChallengeCheck } from '../../src/widgets/contract.ts';
import { descend } from './model.ts';
import type spec from './schema.ts';

type Params = Parameters<typeof spec.initialState>[0];
type State = ReturnType<typeof spec.initialState>;

/** The learning rate from which the challenge counts, and the loss that means "in the basin" (the plateau is ≈ 0.49). */
export const MIN_LR = 1;
export const BASIN_LOSS = 0.05;

export const challenges: Record<string, ChallengeCheck<Params, State>> = {
  /** At a learning rate of 1 or more, plain descent leaves the window while the clipped run stays in it and ends in the basin. */
  'cross-fast': (state, params) => {
    if (state.lr < MIN_LR) return false;
    const start = { w: state.start[0], b: state.start[1] };
    const plain = descend({ start, lr: state.lr, steps: params.steps, threshold: null });
    if (plain.leftAt === null && plain.divergedAt === null) return false;
    const clipped = descend({ start, lr: state.lr, steps: params.steps, threshold: state.threshold });
    const end = clipped.iterates[clipped.iterates.length - 1];
    return clipped.leftAt === null && clipped.divergedAt === null && end !== undefined && end.loss < BASIN_LOSS;
  },
};
