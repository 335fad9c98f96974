import { charCorpus, initParams, type CharCorpus, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import { RnnModel, type Tf } from '../../src/rnn/tf/index.ts';
import type { UnrollParams, UnrollState } from './schema.ts';
import type { TrainingJobSpec } from '../../src/training/index.ts';

/** What the view draws for one state: per step the input, the hidden state and the prediction. */
export interface UnrollTrace {
  vocab: string[];
  /** Input character index per step, [T]. */
  inputs: number[];
  /** Target (next character) index per step, [T]. */
  targets: number[];
  /** Hidden state s_t, [T][H]. */
  states: number[][];
  /** Softmax output ŷ_t, [T][V]. */
  probs: number[][];
  /** J: cross-entropy averaged over the T steps. */
  loss: number;
}

export const LEARNING_RATE = 0.5;

export function unrollSpec(vocabSize: number, hidden: number): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: vocabSize },
    layers: [{ cell: { kind: 'rnn', hiddenSize: hidden, activation: 'tanh' } }],
    head: { kind: 'softmax', classes: vocabSize, at: 'every' },
  };
}

export function corpusOf(params: UnrollParams): CharCorpus {
  return charCorpus(params.text);
}

/** The seeded weights, or the trained ones carried by the state. */
export function paramsFor(spec: ModelSpec, state: UnrollState): ParamSet {
  const ps = initParams(spec, { seed: state.seed, scale: 0.5 });
  if (state.weights) {
    let k = 0;
    for (const name of Object.keys(ps)) {
      const p = ps[name]!;
      for (let i = 0; i < p.data.length; i++) p.data[i] = state.weights[k++]!;
    }
  }
  return ps;
}

export function weightCount(spec: ModelSpec): number {
  return Object.values(initParams(spec, { seed: 0 })).reduce((n, p) => n + p.data.length, 0);
}

/**
 * Weights travel in the state (to the cloned window and the URL), rounded to float32's
 * seven significant digits: both windows then compute from the very same numbers, and a
 * bookmark stays short.
 */
function flatten(ps: ParamSet): number[] {
  return Object.values(ps).flatMap((p) => Array.from(p.data, (w) => Number(w.toPrecision(7))));
}

/** The first `length` steps of the word as one sequence: inputs text[0..length−1], targets text[1..length]. */
export function batchFor(corpus: CharCorpus, length: number) {
  const ids = Array.from(corpus.ids);
  return {
    batchSize: 1,
    steps: length,
    inputIndices: Int32Array.from(ids.slice(0, length)),
    targetIndices: Int32Array.from(ids.slice(1, length + 1)),
  };
}

function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

/** The forward pass of the real model (TensorFlow.js) for the state's weights and length. */
export function traceState(tf: Tf, spec: ModelSpec, corpus: CharCorpus, state: UnrollState): UnrollTrace {
  const model = RnnModel.fromParams(tf, spec, paramsFor(spec, state));
  try {
    const batch = batchFor(corpus, state.length);
    const trace = model.trace(batch);
    const states = trace.states[0]![0]!.map((step) => step[0]!);
    const probs = trace.outputs[0]!.map((logits) => softmax(logits));
    return {
      vocab: corpus.vocab,
      inputs: Array.from(batch.inputIndices),
      targets: Array.from(batch.targetIndices),
      states,
      probs,
      loss: trace.loss,
    };
  } finally {
    model.dispose();
  }
}

/**
 * The same training as trainState, as a job for the training worker (the fused trainer):
 * `steps` full-batch SGD steps on the whole word from the state's weights, norm clip 5.
 */
export function trainingJob(spec: ModelSpec, corpus: CharCorpus, state: UnrollState, steps: number): TrainingJobSpec {
  return {
    trainer: 'fused-batch',
    config: { spec, batch: batchFor(corpus, Array.from(corpus.ids).length - 1), optimizer: { kind: 'sgd', learningRate: LEARNING_RATE }, clip: { kind: 'norm', threshold: 5 } },
    seed: state.seed,
    initial: { step: 0, params: paramsFor(spec, state), extra: {} },
    steps,
    reportEvery: steps,
  };
}

/** The state after a training job: its weights, rounded as trainState rounds them, and the steps added. */
export function trainedState(state: UnrollState, params: ParamSet, steps: number): UnrollState {
  return { ...state, trainSteps: state.trainSteps + steps, weights: flatten(params) };
}

/**
 * Trains the model for `steps` full-batch SGD steps on the whole word and returns the
 * state with the new weights, so the other window can show the same numbers.
 */
export function trainState(tf: Tf, spec: ModelSpec, corpus: CharCorpus, state: UnrollState, steps: number): UnrollState {
  const model = RnnModel.fromParams(tf, spec, paramsFor(spec, state));
  const optimizer = tf.train.sgd(LEARNING_RATE);
  try {
    const batch = batchFor(corpus, Array.from(corpus.ids).length - 1);
    for (let i = 0; i < steps; i++) model.trainStep(batch, optimizer, { kind: 'norm', threshold: 5 });
    return { ...state, trainSteps: state.trainSteps + steps, weights: flatten(model.getParams()) };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
