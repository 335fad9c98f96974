/**
 * demos/sentiment: parameters and state. The state carries the trained weights (float32
 * bytes in base64, about 19 KB: too long for the URL, which then keeps only the slide, but
 * small for the clone), the epochs trained, the per-epoch curves and the sentence typed.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, integer, param, stateSchema, text, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { CELLS } from './cells.ts';

export const seedField = integer(0, 999999);
/** Epochs one press of "train" runs. */
export const EPOCHS_PER_RUN = 15;
export const MAX_EPOCHS = 300;
export const MAX_TEXT = 120;
const curve = () => v.pipe(v.array(v.pipe(v.number(), v.finite(), v.minValue(0))), v.maxLength(MAX_EPOCHS));
/** Typed text may be empty (the model then reads nothing and says σ(c)). */
const sentence = () => v.pipe(v.string(), v.maxLength(MAX_TEXT));

const params = {
  cell: param(choice(CELLS), 'rnn', 'Recurrent layer: rnn (SimpleRNN, as in the Keras example), lstm or gru'),
  text: param(text(MAX_TEXT), 'the plot is not bad and the actors are wonderful', 'The review shown first'),
  seed: param(seedField, 1, 'Seed of the initial weights and of the minibatch order'),
};

const state = () =>
  stateSchema({
    seed: seedField,
    cell: choice(CELLS),
    text: sentence(),
    /** Epochs trained; the weights are those after this many. */
    epoch: integer(0, MAX_EPOCHS),
    /** Training runs until the epoch count reaches this; equal to `epoch` when idle. */
    target: integer(0, MAX_EPOCHS),
    /** The weights after `epoch` epochs, or null for the seeded ones (epoch 0). */
    weights: v.nullable(v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/))),
    /** Per epoch: training loss and held-out accuracy, computed from the weights in float64. */
    trainLoss: curve(),
    heldOut: curve(),
    /** Index of the last held-out sentence put in the text box. */
    example: integer(0, 999),
  });

export type SentimentParams = ParamsOf<typeof params>;
export type SentimentState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'sentiment',
  title: 'The Keras sentiment example, trained here',
  summary:
    'Embedding, a recurrent layer and a sigmoid trained with tf.layers on 282 short film reviews: type a review and see the probability that it is positive, and the hidden state, word by word.',
  height: 430,
  tfjs: true,
  params,
  state,
  challenges: {
    overfit: 'Train until the held-out accuracy falls 5 points below its best while the training loss keeps falling.',
  },
  initialState: (p): SentimentState => ({ seed: p.seed, cell: p.cell, text: p.text, epoch: 0, target: 0, weights: null, trainLoss: [], heldOut: [], example: 0 }),
});
