/**
 * demos/sliding-window: parameters and state. The state holds both models' trained
 * weights (a few hundred numbers on a 2⁻¹⁶ grid), their loss curves, the example shown and
 * how many times its window was shuffled; the picture is recomputed in float64 from it.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { integer, nullable, numbers, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { mlpWeightCount, rnnWeightCount, TEST_SIZE } from './sizes.ts';

export const seedField = integer(0, 999999);
/** Loss points kept per model: one per report, bounded so a long session keeps a small state. */
export const MAX_CURVE = 240;
const curve = () => v.pipe(v.array(v.pipe(v.number(), v.finite())), v.maxLength(MAX_CURVE));

const params = {
  window: param(integer(1, 6), 3, 'Symbols the MLP reads: the last `window` of each sequence'),
  lag: param(integer(1, 12), 6, 'Steps from the key symbol (A or B) to the last symbol'),
  seed: param(seedField, 1, 'Seed of the initial weights and of the sequences'),
};

const state = (p: SlidingWindowParams) =>
  stateSchema({
    seed: seedField,
    /** The held-out sequence shown. */
    example: integer(0, TEST_SIZE - 1),
    /** How many times the window was shuffled; 0 shows it unshuffled. The permutation is seeded by it. */
    shuffles: integer(0, 1_000_000),
    mlpSteps: integer(0, 10_000_000),
    rnnSteps: integer(0, 10_000_000),
    /** Trained weights, flattened in parameter order, or null for the seeded ones. */
    mlp: nullable(numbers(mlpWeightCount(p.window))),
    rnn: nullable(numbers(rnnWeightCount())),
    mlpLoss: curve(),
    rnnLoss: curve(),
  });

export type SlidingWindowParams = ParamsOf<typeof params>;
export type SlidingWindowState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'sliding-window',
  title: 'A window is not a memory',
  summary:
    'A windowed MLP and an RNN on sequences whose class is a symbol further back than the window: shuffling the window with the first-layer weights leaves the MLP unchanged; trained, the MLP stays at chance and the RNN learns the task.',
  height: 420,
  tfjs: false,
  params,
  state,
  challenges: {
    'rnn-beats-window': 'Train both until the RNN gets 95 % of the held-out sequences right while the MLP stays near 50 %.',
  },
  initialState: (p): SlidingWindowState => ({ seed: p.seed, example: 0, shuffles: 0, mlpSteps: 0, rnnSteps: 0, mlp: null, rnn: null, mlpLoss: [], rnnLoss: [] }),
});
