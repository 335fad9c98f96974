/**
 * demos/char-hello: parameters and state. The state is small (the 40 weights of the
 * hidden-3 network, rounded), so the clone and a bookmark rebuild every number from it.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, integer, nullable, numbers, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';

/** W_in [4, 3], W_rec [3, 3], b_s [3], U [3, 4], b_y [4]. */
export const WEIGHT_COUNT = 4 * 3 + 3 * 3 + 3 + 3 * 4 + 4;
export const MAX_STEPS = 1_000_000;
/** Columns of the figure: the four steps of "hell" → "ello", or four sampled characters. */
export const COLUMNS = 4;

const seedField = integer(0, 999999);

const params = {
  seed: param(seedField, 5, 'Seed of the initial weights (5: the worked-numbers slide)'),
  steps: param(integer(10, 2000), 200, 'Gradient steps one press of "train" takes'),
};

const state = () =>
  stateSchema({
    seed: seedField,
    /** Gradient steps applied to the seeded weights. */
    step: integer(0, MAX_STEPS),
    /** Training runs while step < trainUntil. */
    trainUntil: integer(0, MAX_STEPS),
    /** Trained weights, flattened in parameter order, or null for the seeded ones. */
    weights: nullable(numbers(WEIGHT_COUNT)),
    /** The figure shows training on "hello", or sampling with each sample fed back in. */
    mode: choice(['train', 'sample'] as const),
    sampleSeed: integer(0, MAX_STEPS),
    /** Sampled columns revealed so far (0..4). */
    shown: integer(0, COLUMNS),
  });

export type HelloParams = ParamsOf<typeof params>;
export type HelloState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'char-hello',
  title: 'Learning "hello"',
  summary:
    'The hello figure, live: one-hot inputs h, e, l, l, a 3-unit hidden state and output scores for h, e, l, o (green: the target score to raise, red: scores to lower), then sampling with each sample fed back in.',
  height: 400,
  tfjs: false,
  params,
  state,
  challenges: {
    'predict-ello': 'Train until, reading h, e, l, l, the network predicts e, l, l, o.',
  },
  initialState: (p): HelloState => ({ seed: p.seed, step: 0, trainUntil: 0, weights: null, mode: 'train', sampleSeed: 1, shown: 0 }),
});
