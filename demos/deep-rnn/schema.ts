/**
 * demos/deep-rnn: parameters and state. The state carries the three stacks' trained
 * weights (rounded), their loss curves and their latest held-out accuracies, all computed in
 * the training worker, so the clone draws the same picture without computing anything.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, flag, integer, nullable, number, numbers, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { DEPTHS, stackWeightCount } from './sizes.ts';

export const seedField = integer(0, 999999);
/** Training stops here. */
export const MAX_STEPS = 600;
/** A report, and a point on each loss curve, every this many steps. */
export const REPORT_EVERY = 20;
/** Held-out streams one can pick to show. */
export const SHOWN_STREAMS = 32;
/** A curve point: the step, the training loss of 1, 2 and 3 layers, then their held-out loss. */
export const CURVE_POINT = 1 + 2 * DEPTHS.length;

const params = {
  length: param(integer(8, 24), 16, 'Digits per stream (time steps)'),
  width: param(integer(4, 12), 6, 'Units in every layer of every stack'),
  seed: param(seedField, 1, 'Seed of the initial weights and the streams'),
};

const state = (p: DeepParams) =>
  stateSchema({
    seed: seedField,
    training: flag(),
    /** Training steps taken by all three stacks. */
    step: integer(0, MAX_STEPS),
    /** The stack whose layers are shown: '1', '2' or '3' layers. */
    shown: choice(['1', '2', '3'] as const),
    /** The held-out stream shown. */
    stream: integer(0, SHOWN_STREAMS - 1),
    /** Trained weights per stack, flattened in parameter order; null for the seeded ones. */
    weights: nullable(v.tuple(DEPTHS.map((d) => numbers(stackWeightCount(d, p.width)))) as unknown as v.GenericSchema<number[][], number[][]>),
    /** Loss curves, one point per report (see CURVE_POINT). */
    curves: v.pipe(v.array(numbers(CURVE_POINT)), v.maxLength(MAX_STEPS / REPORT_EVERY)) as unknown as v.GenericSchema<number[][], number[][]>,
    /** Held-out accuracy of 1, 2 and 3 layers at the last report; null before the first. */
    accuracy: nullable(v.tuple(DEPTHS.map(() => number(0, 1))) as unknown as v.GenericSchema<number[], number[]>),
  });

export type DeepParams = ParamsOf<typeof params>;
export type DeepState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'deep-rnn',
  title: 'Stacking layers',
  summary: 'One, two and three stacked RNN layers of the same width learn to add the last three digits modulo 3 at every step, side by side: held-out loss curves per depth, and every layer’s hidden states over time as heatmaps.',
  height: 440,
  tfjs: false,
  params,
  state,
  challenges: {
    'show-learned': 'Train, then show a stack that answers 95 % of the held-out steps right.',
  },
  initialState: (p): DeepState => ({ seed: p.seed, training: false, step: 0, shown: '3', stream: 0, weights: null, curves: [], accuracy: null }),
});
