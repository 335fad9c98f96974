/**
 * demos/deep-rnn: parameters and state. The state carries the three stacks' trained
 * weights (rounded) and their training-loss curves, so the clone draws the same picture.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, flag, integer, nullable, numbers, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { DEPTHS, matchedWidth, stackWeightCount } from './sizes.ts';

export const seedField = integer(0, 999999);
/** Training stops here. */
export const MAX_STEPS = 600;
/** A report, and a point on each loss curve, every this many steps. */
export const REPORT_EVERY = 20;
/** Held-out streams one can pick to show. */
export const SHOWN_STREAMS = 32;

const params = {
  length: param(integer(8, 24), 16, 'Bits per stream (time steps)'),
  hidden: param(integer(6, 24), 16, 'Units of the one-layer RNN; the deeper stacks get the widths of the same weight budget'),
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
    weights: nullable(v.tuple(DEPTHS.map((d) => numbers(stackWeightCount(d, matchedWidth(d, p.hidden))))) as unknown as v.GenericSchema<number[][], number[][]>),
    /** Loss curves: [step, loss of 1, 2 and 3 layers] per report. */
    curves: v.pipe(v.array(numbers(1 + DEPTHS.length)), v.maxLength(MAX_STEPS / REPORT_EVERY)) as unknown as v.GenericSchema<number[][], number[][]>,
  });

export type DeepParams = ParamsOf<typeof params>;
export type DeepState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'deep-rnn',
  title: 'Stacking layers',
  summary: 'One, two and three stacked RNN layers with about the same number of weights learn the same task side by side: loss curves per depth, and every layer’s hidden states over time as heatmaps.',
  height: 440,
  tfjs: false,
  params,
  state,
  challenges: {
    'show-learned': 'Train, then show a stack that tags 99 % of the held-out bits right.',
  },
  initialState: (p): DeepState => ({ seed: p.seed, training: false, step: 0, shown: '2', stream: 0, weights: null, curves: [] }),
});
