/**
 * demos/long-lag: parameters and state. The state holds the accuracy curves the picture is
 * drawn from and, every few steps, the three models' weights, so training resumes where it
 * stood after the slide comes back and the clone draws the very same curves.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { flag, integer, nullable, numberList, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';


export const seedField = integer(0, 999999);
export const lagField = integer(1, 80);
/**
 * Trained weights in a state, flattened (4,326 for the race's three models); the exact
 * count is checked where they are read (unflattenWeights), so this module needs nothing
 * from the model code and stays small in the page's first bundle.
 */
const weightsField = numberList(8192);


const params = {
  seed: param(seedField, 1, 'Seed of the three models’ weights and of the sequences'),
  lag: param(lagField, 50, 'Noise tokens between the symbol and the question'),
  steps: param(integer(50, 2000), 400, 'Training steps of one run (each step: one batch for each model)'),
};

export type LongLagParams = ParamsOf<typeof params>;

/** Held-out accuracies at steps 0, EVAL_EVERY, 2·EVAL_EVERY, …: never more than one per step of a run. */
const curve = (p: LongLagParams) => v.pipe(v.array(v.pipe(v.number(), v.minValue(0), v.maxValue(1))), v.maxLength(p.steps + 1));

const state = (p: LongLagParams) =>
  stateSchema({
    seed: seedField,
    lag: lagField,
    /** Whether training is wanted: the driver keeps a job running while this holds and steps remain. */
    running: flag(),
    /** Training steps taken so far. */
    step: integer(0, p.steps),
    rnn: curve(p),
    lstm: curve(p),
    gru: curve(p),
    /** The three models' weights at `weightsStep` (rnn, lstm, gru, each in parameter order), or null for the seeded ones. */
    weights: nullable(weightsField),
    weightsStep: integer(0, p.steps),
  });

export type LongLagState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'long-lag',
  title: 'The long-lag race: RNN, LSTM and GRU',
  summary: 'A vanilla RNN, an LSTM and a GRU with the same number of parameters learn to recall the first symbol of a sequence after a lag of noise; their held-out accuracy against training steps, with chance drawn as a line.',
  height: 370,
  tfjs: false,
  params,
  state,
  challenges: {
    'rnn-fails': 'Find a lag at which the LSTM passes 90 % while the RNN stays at chance.',
  },
  initialState: (p): LongLagState => ({ seed: p.seed, lag: p.lag, running: false, step: 0, rnn: [], lstm: [], gru: [], weights: null, weightsStep: 0 }),
});
