/**
 * demos/char-lm: parameters and state. The state carries the text, the settings, where
 * training stands (step, loss curve, the latest sample) and the weights of the last
 * report, so a remount resumes, and the clone shows the driver's numbers.
 */
import * as v from 'valibot';
import { defineSpec } from '../../src/widgets/contract.ts';
import { choice, flag, integer, nullable, number, param, stateSchema, text, type ParamsOf, type StateOf } from '../../src/widgets/schema.ts';
import { DEFAULT_TEXT } from './default-text.ts';

/** Longest text the demo trains on: a longer one is refused with a message, never cut. */
export const MAX_TEXT = 4000;
/** Distinct characters the softmax may have. */
export const MAX_VOCAB = 160;
export const MAX_STEPS = 10_000_000;
/** Points kept on the loss curve: older ones are thinned to every other point when it is full. */
export const MAX_POINTS = 200;
export const MAX_SAMPLE = 400;
export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export type Cell = (typeof CELLS)[number];
export const HIDDEN_RANGE = [8, 128] as const;
export const SEQ_RANGE = [4, 64] as const;
export const LR_RANGE = [0.0001, 0.1] as const;
export const TEMPERATURE_RANGE = [0.1, 2] as const;

const seedField = integer(0, 999999);
const cellField = choice(CELLS);
const hiddenField = integer(...HIDDEN_RANGE);
const seqField = integer(...SEQ_RANGE);
const lrField = number(...LR_RANGE);
const temperatureField = number(...TEMPERATURE_RANGE);

const params = {
  seed: param(seedField, 1, 'Seed of the initial weights and of the samples'),
  cell: param(cellField, 'rnn' as Cell, 'Recurrent cell: rnn (tanh), lstm or gru'),
  hidden: param(hiddenField, 64, 'Hidden units'),
  seq: param(seqField, 25, 'Characters per training window (the BPTT length)'),
  lr: param(lrField, 0.005, 'Adam learning rate'),
  temperature: param(temperatureField, 0.7, 'Sampling temperature'),
};

const finite = v.pipe(v.number(), v.finite());

const state = () =>
  stateSchema({
    seed: seedField,
    cell: cellField,
    hidden: hiddenField,
    seq: seqField,
    lr: lrField,
    temperature: temperatureField,
    text: text(MAX_TEXT),
    training: flag(),
    step: integer(0, MAX_STEPS),
    /** Mean loss over the last pass through the text, nats per character; null before training. */
    loss: nullable(number(0, 1000)),
    /** [characters trained, nats/char] pairs, flattened. */
    curve: v.pipe(v.array(finite), v.maxLength(2 * MAX_POINTS)),
    sample: v.pipe(v.string(), v.maxLength(4 * MAX_SAMPLE)),
    charsPerSec: number(0, 1e9),
    /** Milliseconds spent training. */
    trainedMs: number(0, 1e11),
    /** The weights of the last report: float32, little-endian, base64; null for the seeded ones. */
    weights: nullable(v.string()),
  });

export type CharLmParams = ParamsOf<typeof params>;
export type CharLmState = StateOf<ReturnType<typeof state>>;

export default defineSpec({
  name: 'char-lm',
  title: 'A character language model',
  summary:
    'A character-level language model (vanilla RNN, LSTM or GRU) trains on an editable text; its loss in nats per character falls from chance (ln V) while samples at the chosen temperature start to read like the text.',
  height: 470,
  tfjs: false,
  params,
  state,
  challenges: {
    'half-chance': 'Train until the loss is below half of chance: under ½ ln V nats per character.',
  },
  initialState: (p): CharLmState => ({
    seed: p.seed,
    cell: p.cell,
    hidden: p.hidden,
    seq: p.seq,
    lr: p.lr,
    temperature: p.temperature,
    text: DEFAULT_TEXT,
    training: false,
    step: 0,
    loss: null,
    curve: [],
    sample: '',
    charsPerSec: 0,
    trainedMs: 0,
    weights: null,
  }),
});
