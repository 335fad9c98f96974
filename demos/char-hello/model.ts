/**
 * The hello network (vanilla tanh RNN, 3 hidden units, vocabulary h, e, l, o): its forward
 * pass on "hell" → "ello" in the float64 reference, sampling with each sample fed back in,
 * and its training job for the training worker. Pure: no DOM.
 */
import { helloExample, initParams, refForwardSequence, Rng, sampleWithTemperature, type Batch, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { TrainingJobSpec } from '../../src/training/index.ts';
import { COLUMNS, type HelloState } from './schema.ts';

export const VOCAB = ['h', 'e', 'l', 'o'] as const;
export const HIDDEN = 3;
/** Plain gradient descent, as in the lecture's update rule; norm clipping at 5 keeps any seed safe. */
export const LEARNING_RATE = 0.5;

export const helloSpec: ModelSpec = {
  input: { kind: 'onehot', vocab: VOCAB.length },
  layers: [{ cell: { kind: 'rnn', hiddenSize: HIDDEN, activation: 'tanh' } }],
  head: { kind: 'softmax', classes: VOCAB.length, at: 'every' },
};

/** What the figure draws: one column per step. */
export interface HelloTrace {
  /** Input character index per column, [4]. */
  inputs: number[];
  /** Hidden state s_t, [4][3]. */
  hidden: number[][];
  /** Output scores (logits) U s_t + b_y, [4][4]. */
  scores: number[][];
  /** Softmax probabilities, [4][4]. */
  probs: number[][];
  /** Training: the target index per column; sampling: the sampled one. */
  targets: number[];
  /** Mean cross-entropy over the four steps (training), NaN when sampling. */
  loss: number;
  /** The most likely character per column, e.g. "ello" once learned. */
  predicted: string;
}

/** The seeded weights, or the trained ones carried by the state. */
export function paramsFor(state: Pick<HelloState, 'seed' | 'weights'>): ParamSet {
  const ps = initParams(helloSpec, { seed: state.seed });
  if (state.weights) {
    let k = 0;
    for (const p of Object.values(ps)) for (let i = 0; i < p.data.length; i++) p.data[i] = state.weights[k++]!;
  }
  return ps;
}

/** Weights rounded to seven significant digits: both windows compute from the same numbers and the state stays short. */
export function flatten(ps: ParamSet): number[] {
  return Object.values(ps).flatMap((p) => Array.from(p.data, (w) => Number(w.toPrecision(7))));
}

const argmax = (v: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
};

function traceOf(ps: ParamSet, batch: Batch): HelloTrace {
  const tr = refForwardSequence(helloSpec, ps, batch, 0);
  const probs = tr.probs.map((p) => Array.from(p));
  return {
    inputs: Array.from(batch.inputIndices!),
    hidden: tr.layers[0]!.fw.map((step) => Array.from(step.state.subarray(0, HIDDEN))),
    scores: tr.outputs.map((o) => Array.from(o)),
    probs,
    targets: Array.from(batch.targetIndices!),
    loss: tr.loss,
    predicted: probs.map((p) => VOCAB[argmax(p)]).join(''),
  };
}

/** The forward pass on "hell" with targets "ello". */
export function trainTrace(ps: ParamSet): HelloTrace {
  return traceOf(ps, helloExample().batch);
}

/**
 * Sampling from "h": each column's sample (temperature 1, seeded) is the next column's
 * input. Returns the four columns with the samples as targets; only `shown` are drawn.
 */
export function sampleTrace(ps: ParamSet, sampleSeed: number): HelloTrace {
  const rng = new Rng(sampleSeed);
  const inputs = [0];
  const sampled: number[] = [];
  for (let t = 0; t < COLUMNS; t++) {
    const steps = inputs.length;
    const batch: Batch = { batchSize: 1, steps, inputIndices: Int32Array.from(inputs), targetIndices: new Int32Array(steps) };
    const logits = refForwardSequence(helloSpec, ps, batch, 0).outputs[steps - 1]!;
    const next = sampleWithTemperature(rng, logits, 1);
    sampled.push(next);
    if (t < COLUMNS - 1) inputs.push(next);
  }
  const batch: Batch = { batchSize: 1, steps: COLUMNS, inputIndices: Int32Array.from(inputs), targetIndices: Int32Array.from(sampled) };
  return { ...traceOf(ps, batch), loss: NaN };
}

/** What the state shows. */
export function traceFor(state: HelloState): HelloTrace {
  const ps = paramsFor(state);
  return state.mode === 'sample' ? sampleTrace(ps, state.sampleSeed) : trainTrace(ps);
}

/** The loss of the seeded weights: about ln 4 = 1.386, the loss of a uniform guess among four characters. */
export function initialLoss(seed: number): number {
  return trainTrace(initParams(helloSpec, { seed })).loss;
}

/**
 * `steps` full-batch gradient steps on "hello" from the state's weights, in the training
 * worker; every step reports its weights, so the figure can show each one.
 */
export function trainingJob(state: HelloState, steps: number): TrainingJobSpec {
  return {
    trainer: 'fused-batch',
    config: { spec: helloSpec, batch: helloExample().batch, optimizer: { kind: 'sgd', learningRate: LEARNING_RATE }, clip: { kind: 'norm', threshold: 5 } },
    seed: state.seed,
    initial: { step: state.step, params: paramsFor(state), extra: {} },
    steps,
    reportEvery: 1,
    snapshotEvery: 1,
  };
}

/** The state after a trained step arrives from the worker. */
export function withWeights(state: HelloState, step: number, ps: ParamSet): HelloState {
  return { ...state, step, weights: flatten(ps), mode: 'train', shown: 0 };
}
