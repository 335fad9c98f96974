/**
 * The trained network read in float64 by the RNN core's reference: the hidden state after
 * each word, the probability the review is positive after each word, and accuracy and loss
 * over a set of sentences. Both windows compute these from the state's weights alone.
 */
import { refForwardSequence, stateSize, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import { encode, type SentimentData } from './data.ts';
import type { LabelledSentence } from './sentences.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Reading {
  /** Word ids read, [T] (padding is masked, so it is not read at all). */
  ids: number[];
  /** Hidden state h_t after each word, [T][H] (for the LSTM, h without the cell c). */
  states: number[][];
  /** P(positive) if the review ended after word t, [T]: σ(h_t·V + c). */
  probs: number[];
  /** P(positive) of the whole sentence; σ(c) for no words (h stays 0). */
  p: number;
}

/** Reads ids word by word from h₀ = 0, as the masked tf.layers model reads the pre-padded row. */
export function readIds(spec: ModelSpec, ps: ParamSet, ids: readonly number[]): Reading {
  const H = spec.layers[0]!.cell.hiddenSize;
  const V = ps['head.V']!.data, c = ps['head.c']!.data[0]!;
  const readout = (h: ArrayLike<number>) => {
    let z = c;
    for (let j = 0; j < H; j++) z += h[j]! * V[j]!;
    return sigmoid(z);
  };
  if (ids.length === 0) return { ids: [], states: [], probs: [], p: readout(new Float64Array(H)) };
  const trace = refForwardSequence(spec, ps, { batchSize: 1, steps: ids.length, inputIndices: Int32Array.from(ids), targetValues: new Float64Array(1) }, 0);
  const states = trace.layers[0]!.fw.map((step) => Array.from(step.state.subarray(0, H)));
  void stateSize;
  const probs = states.map(readout);
  return { ids: [...ids], states, probs, p: sigmoid(trace.outputs[0]![0]!) };
}

export interface Evaluation {
  accuracy: number;
  /** Mean binary cross-entropy. */
  loss: number;
}

export function evaluate(spec: ModelSpec, ps: ParamSet, data: SentimentData, set: readonly LabelledSentence[]): Evaluation {
  let right = 0, loss = 0;
  for (const s of set) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, readIds(spec, ps, encode(data, s.text)).p));
    if ((p > 0.5 ? 1 : 0) === s.label) right++;
    loss -= s.label === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return { accuracy: right / set.length, loss: loss / set.length };
}
