/**
 * demos/gradient-highway: parameters and state. The state is the settings the float64
 * model recomputes from, plus, once asked for, the weights of the long-lag race retrained
 * in the training worker (so the clone draws them without training).
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { flag, integer, nullable, number, numberList, param, stateSchema, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';


export const seedField = integer(0, 999999);
export const keepBiasField = number(-2, 6);

const params = {
  seed: param(seedField, 1, 'Seed of the seeded weights and of the random input sequences'),
  keepBias: param(keepBiasField, 1, 'Initial forget-gate bias of the LSTM and update-gate bias of the GRU'),
  horizon: param(integer(10, 60), 50, 'Largest gap t-k plotted'),
  sequences: param(integer(1, 9), 5, 'Number of random input sequences (thin lines)'),
  raceSeed: param(seedField, 1, 'Seed of the long-lag race whose trained weights can be shown'),
  raceSteps: param(integer(10, 1000), 250, 'Training steps of the long-lag race (lag 50) behind the trained weights'),
};

export type HighwayParams = ParamsOf<typeof params>;

const state = (p: HighwayParams) =>
  stateSchema({
    seed: seedField,
    keepBias: keepBiasField,
    /** Show the long-lag race's trained weights instead of seeded ones. */
    trained: flag(),
    /** Steps of the race retrained so far (progress while the worker trains). */
    raceStep: integer(0, p.raceSteps),
    /** The race's weights after raceSteps steps (rnn, lstm, gru), or null until trained. */
    weights: nullable(numberList(8192)),
  });

export type HighwayState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'gradient-highway',
  title: 'The gradient highway of gated cells',
  summary: 'The norm of the Jacobian product along an LSTM’s cell state, a GRU’s and a vanilla RNN’s hidden state against the gap t-k on a log scale, with the direct path and the bound dashed, as the forget-gate bias changes or with the weights the long-lag race trained.',
  height: 390,
  tfjs: false,
  params,
  state,
  challenges: {
    'keep-both': 'Set the keep bias so that both the LSTM’s and the GRU’s curves stay above 10⁻² out to the last gap.',
  },
  initialState: (p): HighwayState => ({ seed: p.seed, keepBias: p.keepBias, trained: false, raceStep: 0, weights: null }),
});
