/**
 * demos/unroll: parameters and state. The state is everything the picture depends on;
 * the clone and a bookmark rebuild it from this alone.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { flag, integer, nullable, numbers, param, stateSchema, text, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';

export const seedField = integer(0, 999999);

const params = {
  text: param(text(10, /^[a-z ]{2,10}$/), 'hello', 'The word the network reads (lower-case letters and spaces)'),
  hidden: param(integer(2, 8), 4, 'Number of hidden units'),
  seed: param(seedField, 1, 'Seed of the initial weights'),
};

/** Steps the network can read: text[0..T−1] predicting text[1..T]. */
export const maxLength = (p: { text: string }): number => Array.from(p.text).length - 1;
/** Distinct characters of the text: the vocabulary size. */
const vocabSize = (p: { text: string }): number => new Set(Array.from(p.text)).size;
/** W_in [V, H], W_rec [H, H], b [H], U [H, V], c [V], flattened: the count a trained state carries. */
export const weightCountOf = (p: { text: string; hidden: number }): number => {
  const v = vocabSize(p);
  const h = p.hidden;
  return v * h + h * h + h + h * v + v;
};

const state = (p: UnrollParams) =>
  stateSchema({
    seed: seedField,
    /** Steps shown: the network reads text[0..length-1] and predicts text[1..length]. */
    length: integer(1, maxLength(p)),
    /** The step in focus, 0..length-1. */
    t: integer(0, maxLength(p) - 1),
    unrolled: flag(),
    /** Whether the signal travels through the chain on its own. */
    playing: flag(),
    /** Training steps applied to the seeded weights. */
    trainSteps: integer(0, 1_000_000),
    /** Trained weights, flattened in parameter order, or null for the seeded ones. */
    weights: nullable(numbers(weightCountOf(p))),
  });

export type UnrollParams = ParamsOf<typeof params>;
export type UnrollState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'unroll',
  title: 'Unrolling an RNN',
  summary: 'A vanilla RNN reads a word one character at a time; fold it into its loop or unroll it into a chain where W_in, W_rec and U are the same matrices at every step.',
  height: 340,
  tfjs: true,
  params,
  state,
  challenges: {
    'train-below': 'Train the network until its loss over the whole word is below 0.02 (a few presses of train).',
  },
  initialState: (p): UnrollState => ({ seed: p.seed, length: maxLength(p), t: 0, unrolled: true, playing: false, trainSteps: 0, weights: null }),
});
