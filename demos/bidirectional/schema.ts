/**
 * demos/bidirectional: parameters and state. The state carries both models' trained
 * weights (rounded), so the clone and a bookmark draw the same accuracies and states.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { flag, integer, nullable, number, numbers, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { matchedHidden, rnnWeightCount } from './sizes.ts';

export const seedField = integer(0, 999999);
/** Training stops here: by then the gap has long settled. */
export const MAX_STEPS = 400;
/** Held-out lines the accuracies are measured on (by the training worker, with each report). */
export const TEST_LINES = 48;

const params = {
  length: param(integer(6, 16), 12, 'Letters per line (time steps)'),
  hidden: param(integer(2, 8), 4, 'Hidden units per direction of the bidirectional RNN (the one-direction RNN gets the width of the same weight budget)'),
  seed: param(seedField, 1, 'Seed of the initial weights and the lines'),
};

/** One model's held-out figures: accuracy per position [T] and the mean cross-entropy. */
const figures = (T: number) => v.strictObject({ accuracy: numbers(T), loss: number(0, 1e6) });

const state = (p: BiParams) =>
  stateSchema({
    seed: seedField,
    training: flag(),
    /** Training steps taken by both models. */
    step: integer(0, MAX_STEPS),
    /** The held-out line shown. */
    line: integer(0, TEST_LINES - 1),
    /** Trained weights of the one-direction RNN, flattened in parameter order; null for the seeded ones. */
    uni: nullable(numbers(rnnWeightCount(matchedHidden(p.hidden), false))),
    /** The same for the bidirectional RNN. */
    bi: nullable(numbers(rnnWeightCount(p.hidden, true))),
    /** Both models' figures on the held-out lines, as the training worker measured them on the trained weights; null for the seeded ones. */
    heldOut: nullable(v.strictObject({ uni: figures(p.length), bi: figures(p.length) })),
  });

export type BiParams = ParamsOf<typeof params>;
export type BiState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'bidirectional',
  title: 'One direction against two',
  summary: 'A one-direction RNN and a bidirectional RNN with the same number of weights learn to tag every letter with whether its line holds an x anywhere; accuracy per position, and the forward and backward states of one line.',
  height: 440,
  tfjs: false,
  params,
  state,
  challenges: {
    'first-letter': 'Train until the bidirectional RNN tags even the first letter right on 95 % of the held-out lines.',
  },
  initialState: (p): BiState => ({ seed: p.seed, training: false, step: 0, line: 0, uni: null, bi: null, heldOut: null }),
});
