/**
 * demos/bptt: parameters and state. The state is everything the picture depends on
 * besides the slide's parameters; the model is recomputed from it deterministically, so
 * the driver sends only this.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, flag, integer, number, param, stateSchema, text } from '../../src/widgets/schema.ts';

export const MAX_STEPS = 12;
export const seedField = integer(0, 1_000_000);
export const gainField = number(0.25, 3);
/** Frames per chain step: the sweep's marker travels this many frames from one state to the next. */
export const FRAMES_PER_STEP = 8;
export const DEFAULT_TEXT = 'hello world';
/** How truncated BPTT cuts: chunks of τ steps (one update per chunk, as on the slide) or a band of the last τ states behind each loss. */
export const SCHEMES = ['chunked', 'band'] as const;

/** The characters the RNN reads (code points, so an emoji is one token); at most MAX_STEPS + 1. */
export function textChars(chars: string): string[] {
  const list = Array.from(chars);
  return (list.length >= 2 ? list : Array.from(DEFAULT_TEXT)).slice(0, MAX_STEPS + 1);
}

/** Sequence length T: inputs are chars 0 … T−1, targets chars 1 … T. */
export const stepsOf = (params: { text: string }): number => textChars(params.text).length - 1;

/** Last frame: T steps of forward sweep and T of backward sweep, FRAMES_PER_STEP frames each. */
export const maxFrame = (steps: number): number => 2 * steps * FRAMES_PER_STEP;

export default defineSpec({
  name: 'bptt',
  title: 'Backpropagation through time, live',
  summary: 'A small tanh RNN reads a short text: the forward sweep, then the backward sweep, fill a log-scale heatmap of ‖∂J_t/∂s_k‖ and per-step shares of ∂J/∂W_rec; a slider shows what truncated BPTT drops, and tfjs autodiff is checked against finite differences.',
  height: 440,
  tfjs: true,
  params: {
    seed: param(seedField, 1, 'Seed of the weights (the New weights button counts up from it)'),
    text: param(text(13, /^[^\n]{3,13}$/u), 'hello world', 'Character sequence the RNN reads (3 to 13 characters; T = length − 1 steps)'),
    hidden: param(integer(2, 8), 6, 'Hidden size H of the vanilla RNN'),
    gain: param(gainField, 0.7, 'Initial gain of W_rec (a multiple of an orthogonal matrix)'),
  },
  state: (p) =>
    stateSchema({
      /** Weight seed; "New weights" adds one. */
      seed: seedField,
      /** Gain of W_rec (times an orthogonal matrix). */
      gain: gainField,
      /** Truncation length τ: each J_t is backpropagated through its last τ states; τ = T is full BPTT. */
      trunc: integer(1, stepsOf(p)),
      scheme: choice(SCHEMES),
      /** Sweep position in [0, maxFrame]: whole chain steps (multiples of FRAMES_PER_STEP) while playing. */
      frame: integer(0, maxFrame(stepsOf(p))),
      playing: flag(),
    }),
  challenges: {
    'shortest-band': 'With the sliding band, find the shortest τ that loses less than 10 % of ∂J/∂W_rec.',
  },
  /** Starts with both sweeps done, so the preview and print show the whole picture. */
  initialState: (p) => ({ seed: p.seed, gain: p.gain, trunc: stepsOf(p), scheme: 'chunked' as const, frame: maxFrame(stepsOf(p)), playing: false }),
});
