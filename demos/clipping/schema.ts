/**
 * demos/clipping: parameters and state. The state is a few numbers from which model.ts
 * recomputes both runs, so it stays small enough for the URL and the clone redraws
 * exactly the same picture.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { flag, integer, nullable, number, pair, param, stateSchema } from '../../src/widgets/schema.ts';

/**
 * The drawn (w, b) window. The bifurcation line b ≈ −0.62·w + 0.47 splits it into a
 * plateau (σ(x_50) → 0, L ≈ 0.49) and a basin; near the cusp (w ≈ 4 to 5.5) the jump
 * between them is steep but wide enough for gradient descent to land on it.
 */
export const WINDOW = { wMin: 2, wMax: 7, bMin: -5, bMax: 0 } as const;

export const seedField = integer(0, 999_999_999);
export const thresholdField = number(0.01, 10);
export const lrField = number(0.01, 2);
const pointField = pair(number(WINDOW.wMin, WINDOW.wMax), number(WINDOW.bMin, WINDOW.bMax));

/** On the plateau below the cliff, near the cusp: plain descent climbs into the wall and is thrown out of the window; the clipped run crosses into the basin. */
export const DEFAULT_START: [number, number] = [4.2, -3.5];

export default defineSpec({
  name: 'clipping',
  title: 'Gradient clipping on the error cliff',
  summary: "Gradient descent on the loss surface of Pascanu et al.'s one-unit RNN, with and without norm clipping: the plain run hits the cliff and is thrown far away, the clipped run steps over it.",
  height: 310,
  tfjs: false,
  params: {
    seed: param(seedField, 1, 'seed of the start points the Random button picks'),
    threshold: param(thresholdField, 1, 'norm-clipping threshold of the dashed run'),
    lr: param(lrField, 0.5, 'learning rate of both runs'),
    steps: param(integer(10, 200), 80, 'gradient-descent steps per run'),
  },
  state: (p) =>
    stateSchema({
      /** Seed of the next Random start; each press uses it and moves on to seed + 1. */
      seed: seedField,
      threshold: thresholdField,
      lr: lrField,
      /** Start point [w, b] of both runs, inside the window. */
      start: pointField,
      /** Keyboard cursor [w, b] on the surface, or null when not in use. */
      cursor: nullable(pointField),
      /** Gradient-descent steps shown so far, 0 … steps. */
      step: integer(0, p.steps),
      playing: flag(),
    }),
  challenges: {
    'cross-fast': 'At learning rate 1 or more, find a clip threshold with which the clipped run crosses the cliff into the basin while plain descent is thrown out.',
  },
  initialState: (p) => ({ seed: p.seed, threshold: p.threshold, lr: p.lr, start: [...DEFAULT_START] as [number, number], cursor: null, step: 0, playing: true }),
});
