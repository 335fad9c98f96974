/**
 * demos/vanishing: parameters and state. The state is the settings the model recomputes
 * from and how many gaps of the measured curves are revealed so far (the animation
 * counter); pixels are never synced.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, integer, number, param, stateSchema } from '../../src/widgets/schema.ts';

export const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
export const MATRICES = ['orthogonal', 'gaussian'] as const;
export type MatrixKind = (typeof MATRICES)[number];

export const seedField = integer(0, 999999);
export const lambdaField = number(0.1, 5);

export default defineSpec({
  name: 'vanishing',
  title: 'Vanishing and exploding gradients',
  summary: 'The measured norm of the Jacobian product ds_t/ds_k of a random RNN against the gap t-k on a log scale, under its bound (lambda_1 gamma)^(t-k), as lambda_1 and the activation change.',
  height: 380,
  tfjs: false,
  params: {
    seed: param(seedField, 1, 'Seed of W_rec, W_in, b and the random input sequences'),
    lambda1: param(lambdaField, 1, 'Initial largest singular value of W_rec'),
    activation: param(choice(ACTIVATIONS), 'tanh', 'Initial activation sigma'),
    matrix: param(choice(MATRICES), 'orthogonal', 'W_rec: a scaled orthogonal matrix (all singular values equal) or a rescaled Gaussian one'),
    horizon: param(integer(10, 60), 50, 'Largest gap t-k plotted'),
    sequences: param(integer(1, 15), 7, 'Number of random input sequences (thin lines)'),
  },
  state: (p) =>
    stateSchema({
      seed: seedField,
      /** Largest singular value of W_rec. */
      lambda1: lambdaField,
      activation: choice(ACTIVATIONS),
      matrix: choice(MATRICES),
      /** Gaps t − k drawn so far, 0..horizon; horizon when the animation is done. */
      reveal: integer(0, p.horizon),
    }),
  challenges: {
    'tanh-band': 'With tanh, keep the median curve between 10⁻² and 10² at every gap up to 50.',
  },
  initialState: (p) => ({ seed: p.seed, lambda1: p.lambda1, activation: p.activation, matrix: p.matrix, reveal: p.horizon }),
});
