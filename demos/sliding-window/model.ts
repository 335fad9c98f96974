/**
 * The two models of demos/sliding-window, their data as batches, their training jobs for
 * the training worker, and their held-out accuracy, all in float64 from the state.
 */
import { initParams, type Batch, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { TrainingJobSpec } from '../../src/training/index.ts';
import { mlpForward, mlpSpec } from './mlp.ts';
import { CLASSES, RNN_HIDDEN, VOCAB } from './sizes.ts';
import { taskSets, windowOf, type TaskSet } from './task.ts';

export { RNN_HIDDEN } from './sizes.ts';
/** Full-batch Adam steps per model per press of "train". */
export const TRAIN_STEPS = 300;
/** A progress report, with the weights, every this many steps: the accuracy shown moves while training. */
export const REPORT_EVERY = 25;
const OPTIMIZER = { kind: 'adam', learningRate: 0.03 } as const;
const CLIP = { kind: 'norm', threshold: 5 } as const;

export type ModelKind = 'mlp' | 'rnn';

export function rnnSpec(): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: VOCAB },
    layers: [{ cell: { kind: 'rnn', hiddenSize: RNN_HIDDEN, activation: 'tanh' } }],
    head: { kind: 'softmax', classes: CLASSES, at: 'last' },
  };
}

export const specOf = (kind: ModelKind, window: number): ModelSpec => (kind === 'mlp' ? mlpSpec(window) : rnnSpec());

/** The number of weights of a model (what a trained state carries). */
export function weightCount(spec: ModelSpec): number {
  return Object.values(initParams(spec, { seed: 0 })).reduce((n, p) => n + p.data.length, 0);
}

/**
 * Weights are kept on a grid of 2⁻¹⁶: every sum of a few of them is then exact in float64,
 * whatever the order, so the shuffled MLP's output equals the original's bit for bit
 * rather than to rounding; the same numbers travel to the clone and the URL.
 */
const GRID = 2 ** 16;
export const quantise = (w: number): number => Math.round(w * GRID) / GRID;

/** Seeded weights (quantised), or the trained ones a state carries, in parameter order. */
export function paramsFrom(spec: ModelSpec, seed: number, weights: readonly number[] | null): ParamSet {
  const ps = initParams(spec, { seed });
  let k = 0;
  for (const p of Object.values(ps)) for (let i = 0; i < p.data.length; i++) p.data[i] = weights ? weights[k++]! : quantise(p.data[i]!);
  return ps;
}

export const flatten = (ps: ParamSet): number[] => Object.values(ps).flatMap((p) => Array.from(p.data, quantise));

/** The MLP's batch: each sequence's last window, one-hot, as one dense step, [N, 1, window·V]. */
export function mlpBatch(set: TaskSet, window: number): Batch {
  const n = set.inputs.length;
  const inputValues = new Float64Array(n * window * VOCAB);
  set.inputs.forEach((row, i) => windowOf(row, window).forEach((id, k) => (inputValues[(i * window + k) * VOCAB + id] = 1)));
  return { batchSize: n, steps: 1, inputValues, targetIndices: Int32Array.from(set.labels) };
}

/** The RNN's batch: whole sequences of symbol ids, [N, T]. */
export function rnnBatch(set: TaskSet): Batch {
  const T = set.inputs[0]?.length ?? 0;
  return { batchSize: set.inputs.length, steps: T, inputIndices: Int32Array.from(set.inputs.flat()), targetIndices: Int32Array.from(set.labels) };
}

export const batchOf = (kind: ModelKind, set: TaskSet, window: number): Batch => (kind === 'mlp' ? mlpBatch(set, window) : rnnBatch(set));

/**
 * The RNN's P(class) for one sequence of symbol ids, [2]: s_t = tanh(W[x_t] + s_{t−1}·U + b),
 * softmax(s_T·V + c). Written out for this small model because the picture evaluates 256
 * sequences on every state while training; the tests hold it to the core's float64 reference.
 */
export function rnnForward(ps: ParamSet, row: readonly number[]): number[] {
  const W = ps['layer0.fw.W']!.data, U = ps['layer0.fw.U']!.data, b = ps['layer0.fw.b']!.data;
  const Vh = ps['head.V']!.data, c = ps['head.c']!.data;
  const H = b.length;
  let h = new Float64Array(H);
  for (const id of row) {
    const next = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let a = W[id * H + j]! + b[j]!;
      for (let i = 0; i < H; i++) a += h[i]! * U[i * H + j]!;
      next[j] = Math.tanh(a);
    }
    h = next;
  }
  const logits = Array.from(c, (cj, o) => h.reduce((sum, hj, j) => sum + hj * Vh[j * CLASSES + o]!, cj));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const z = e.reduce((sum, x) => sum + x, 0);
  return e.map((x) => x / z);
}

/** P(class) for one sequence, [2]. */
export function predict(kind: ModelKind, ps: ParamSet, row: readonly number[], window: number): number[] {
  return kind === 'mlp' ? mlpForward(ps, windowOf(row, window)).probs : rnnForward(ps, row);
}

/** Share of sequences whose most probable class is the label. */
export function accuracy(kind: ModelKind, ps: ParamSet, set: TaskSet, window: number): number {
  let right = 0;
  set.inputs.forEach((row, i) => {
    const p = predict(kind, ps, row, window);
    if ((p[1]! > p[0]! ? 1 : 0) === set.labels[i]) right++;
  });
  return right / set.inputs.length;
}

/** A training job for the worker's fused trainer: TRAIN_STEPS full-batch steps from the given weights. */
export function trainingJob(kind: ModelKind, window: number, lag: number, seed: number, ps: ParamSet, step: number): TrainingJobSpec {
  const spec = specOf(kind, window);
  return {
    trainer: 'fused-batch',
    config: { spec, batch: batchOf(kind, taskSets(seed, window, lag).train, window), optimizer: OPTIMIZER, clip: CLIP },
    seed,
    initial: { step, params: ps, extra: {} },
    steps: TRAIN_STEPS,
    reportEvery: REPORT_EVERY,
    snapshotEvery: REPORT_EVERY,
  };
}
