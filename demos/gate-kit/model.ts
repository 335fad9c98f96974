/**
 * The model both gate demos show: one LSTM or GRU layer reading the bracket task's
 * characters (one-hot) with a softmax head naming the depth at every step. The picture is
 * the core's float64 reference forward pass; training is the fused trainer in the
 * training worker, from the seed, so every window and run gets the same numbers.
 */
import { initParams, refForwardSequence, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { TrainingJobSpec } from '../../src/training/index.ts';
import type { GateCellKind, GateState } from './alphabet.ts';
import { ALPHABET, CLASSES, depths, taskBatch, textBatch } from './task.ts';

export type { GateCellKind, GateState } from './alphabet.ts';
export { weightCount } from './alphabet.ts';

/** Training: full-batch Adam on 32 seeded strings of 20 steps; 300 steps reach full accuracy on every seed tried. */
export const TRAINING = { batch: 32, steps: 20, learningRate: 0.03, clip: 5, stepsPerPress: 300, snapshotEvery: 25 } as const;

export function gateModelSpec(kind: GateCellKind, hidden: number): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: ALPHABET.length },
    // The lecture's advice: a forget-gate bias of 1, so the cell remembers from the start.
    layers: [{ cell: kind === 'lstm' ? { kind, hiddenSize: hidden, forgetBias: 1 } : { kind, hiddenSize: hidden } }],
    head: { kind: 'softmax', classes: CLASSES, at: 'every' },
  };
}

/** The seeded weights, or the trained ones the state carries. */
export function paramsFor(spec: ModelSpec, state: Pick<GateState, 'seed' | 'weights'>): ParamSet {
  const ps = initParams(spec, { seed: state.seed });
  if (state.weights) {
    let n = 0;
    for (const p of Object.values(ps)) for (let j = 0; j < p.data.length; j++) p.data[j] = state.weights[n++]!;
  }
  return ps;
}

/** Weights cross windows rounded to float32's seven digits: short, and the same numbers everywhere. */
export function flattenParams(ps: ParamSet): number[] {
  return Object.values(ps).flatMap((p) => Array.from(p.data, (w) => Number(w.toPrecision(7))));
}

/** `steps` more training steps from the state's weights (or the seed's), snapshots on the way for the picture to follow. */
export function gateTrainingJob(spec: ModelSpec, state: GateState, steps: number): TrainingJobSpec {
  return {
    trainer: 'fused-batch',
    config: {
      spec,
      batch: taskBatch(state.seed, TRAINING.batch, TRAINING.steps),
      optimizer: { kind: 'adam', learningRate: TRAINING.learningRate },
      clip: { kind: 'norm', threshold: TRAINING.clip },
    },
    seed: state.seed,
    ...(state.weights ? { initial: { step: state.trainSteps, params: paramsFor(spec, state), extra: {} } } : {}),
    steps,
    reportEvery: TRAINING.snapshotEvery,
    snapshotEvery: TRAINING.snapshotEvery,
  };
}

/** The state with trained weights: `step` counts every training step since the seed. */
export function withWeights(state: GateState, params: ParamSet, step: number): GateState {
  return { ...state, trainSteps: step, weights: flattenParams(params) };
}

/** One quantity of the cell drawn per step: its key in the core's gate names, and its name on the slide. */
export interface Quantity {
  key: string;
  /** Plain-text name for labels and tooltips (f, i, c̃, …). */
  label: string;
}

/** What the view draws for one state. */
export interface GateTrace {
  chars: string[];
  /** True depth after each step, [T]. */
  depth: number[];
  /** The head's most likely depth per step, [T]. */
  predicted: number[];
  /** values[q][t][j]: quantity q at step t, unit j; [Q][T][H]. */
  values: number[][][];
  /** The previous state each step starts from: c_{t−1} (LSTM) or h_{t−1} (GRU), [T][H]. */
  carried: number[][];
  loss: number;
  accuracy: number;
}

/** The forward pass for the state's text and weights, through the core's float64 reference. */
export function gateTrace(spec: ModelSpec, quantities: readonly Quantity[], state: GateState): GateTrace {
  const chars = Array.from(state.text);
  const batch = textBatch(state.text);
  const tr = refForwardSequence(spec, paramsFor(spec, state), batch, 0);
  const steps = tr.layers[0]!.fw;
  const H = spec.layers[0]!.cell.hiddenSize;
  const depth = depths(state.text);
  const predicted = tr.probs.map((p) => p.indexOf(Math.max(...p)));
  return {
    chars,
    depth,
    predicted,
    values: quantities.map((q) => steps.map((s) => Array.from(s.gates[q.key]!))),
    // The LSTM's state is [h; c], so its carried memory is the second half; the GRU's is h itself.
    carried: steps.map((s) => Array.from(spec.layers[0]!.cell.kind === 'lstm' ? s.prev.subarray(H) : s.prev)),
    loss: tr.loss,
    accuracy: predicted.filter((p, t) => p === depth[t]).length / chars.length,
  };
}
