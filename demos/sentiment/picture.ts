/** What demos/sentiment draws for one state: the typed review read word by word, and the training so far. */
import type { ParamSet } from '../../src/rnn/index.ts';
import { encode, MAX_WORDS, tokenize, UNKNOWN, type SentimentData } from './data.ts';
import { coreSpec, decodeWeights, seededParams, type CellName } from './model.ts';
import { evaluate, readIds, type Evaluation, type Reading } from './reference.ts';
import type { SentimentState } from './schema.ts';

export interface SentimentPicture {
  cell: CellName;
  /** The words read (the last MAX_WORDS of the text), [T]. */
  words: string[];
  /** Whether each word is in the training vocabulary, [T]. */
  known: boolean[];
  /** Padding steps in front of the words in the padded row shown, as pad_sequences pads. */
  pads: number;
  /** The float64 reading of the words: states [T][H], P(positive) after each word [T], and p. */
  reading: Reading;
  /** P(positive) of the padded row with padded steps read as if they were words (no mask). */
  unmasked: number;
  heldOut: Evaluation;
  train: Evaluation;
  heldOutCount: number;
  epoch: number;
  target: number;
  trainLoss: number[];
  heldOutCurve: number[];
}

/** The padded row shown is as long as the longest training review (or the typed one, if longer). */
export function paddedLength(data: SentimentData, words: number): number {
  return Math.max(words, ...data.train.map((s) => Math.min(MAX_WORDS, tokenize(s.text).length)));
}

/** The weights a state stands for: its trained ones, or the seeded ones. */
export function paramsOf(data: SentimentData, s: Pick<SentimentState, 'cell' | 'seed' | 'weights'>): ParamSet {
  const seeded = seededParams(s.cell, data.vocab.length, s.seed);
  if (s.weights === null) return seeded;
  const ps = decodeWeights(s.weights, seeded);
  if (!ps) throw new Error(`demos/sentiment: the state's weights do not fit a ${s.cell} model of ${data.vocab.length} words`);
  return ps;
}

type WeightsOf = Pick<SentimentState, 'cell' | 'seed' | 'weights'>;
type Figures = { heldOut: Evaluation; train: Evaluation };

/**
 * Accuracy and loss over both sets depend on the weights only: kept per weights, so typing
 * does not recompute them; `prime` takes the figures the training worker measured on a
 * state's weights, so the page does not measure them again.
 */
export function evaluator(data: SentimentData) {
  let key = '';
  let value: Figures | null = null;
  const keyOf = (s: WeightsOf) => `${s.cell}|${s.seed}|${s.weights ?? ''}`;
  const evaluations = (s: WeightsOf, ps: ParamSet): Figures => {
    const k = keyOf(s);
    if (k !== key || !value) {
      const spec = coreSpec(s.cell, data.vocab.length);
      value = { heldOut: evaluate(spec, ps, data, data.test), train: evaluate(spec, ps, data, data.train) };
      key = k;
    }
    return value;
  };
  evaluations.prime = (s: WeightsOf, figures: Figures) => {
    key = keyOf(s);
    value = figures;
  };
  return evaluations;
}

export function derivePicture(data: SentimentData, s: SentimentState, evaluations: ReturnType<typeof evaluator>): SentimentPicture {
  const ps = paramsOf(data, s);
  const spec = coreSpec(s.cell, data.vocab.length);
  const ids = encode(data, s.text);
  const words = tokenize(s.text).slice(-MAX_WORDS);
  const pads = paddedLength(data, ids.length) - ids.length;
  const { heldOut, train } = evaluations(s, ps);
  return {
    cell: s.cell,
    words,
    known: ids.map((id) => id !== UNKNOWN),
    pads,
    reading: readIds(spec, ps, ids),
    unmasked: readIds(spec, ps, [...new Array<number>(pads).fill(0), ...ids]).p,
    heldOut,
    train,
    heldOutCount: data.test.length,
    epoch: s.epoch,
    target: s.target,
    trainLoss: s.trainLoss,
    heldOutCurve: s.heldOut,
  };
}
