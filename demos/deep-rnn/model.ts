/**
 * demos/deep-rnn: one, two and three stacked tanh layers of about one weight budget,
 * trained side by side on the task of task.ts by the fused trainer in the training
 * worker; training-loss curves per depth from the worker's reports, held-out loss and
 * accuracy, and every layer's hidden states over one held-out stream from the float64
 * reference.
 */
import { initParams, refForwardSequence, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../src/training/index.ts';
import { joinModelParams, modelParams } from '../../src/training/trainers/side-by-side-params.ts';
import { flattenWeights, unflattenWeights } from '../../src/widgets/state-weights.ts';
import { MAX_STEPS, REPORT_EVERY, type DeepParams, type DeepState } from './schema.ts';
import { CLASSES, DEPTHS, matchedWidth, VOCAB } from './sizes.ts';
import { makeStreams, streamsBatch, type Streams } from './task.ts';

export const TRAIN_STREAMS = 128;
/** Held-out streams: every state change evaluates the three stacks on all of them on the main thread, so they are few. */
export const TEST_STREAMS = 32;
export const CHUNK_STEPS = 100;
export const LEARNING_RATE = 0.02;

export function stackSpec(depth: number, width: number): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: VOCAB },
    layers: Array.from({ length: depth }, () => ({ cell: { kind: 'rnn' as const, hiddenSize: width, activation: 'tanh' as const } })),
    head: { kind: 'softmax', classes: CLASSES, at: 'every' },
  };
}

/** The three stacks compared, one layer first. */
export function stacksOf(p: Pick<DeepParams, 'hidden'>): ModelSpec[] {
  return DEPTHS.map((d) => stackSpec(d, matchedWidth(d, p.hidden)));
}

export const trainStreams = (seed: number, length: number): Streams => makeStreams(seed, TRAIN_STREAMS, length);
export const testStreams = (seed: number, length: number): Streams => makeStreams(seed + 1, TEST_STREAMS, length);

/** Weights of stack k: trained ones from the state, else the seeded ones (the trainer seeds model k with seed + k). */
export function weightsOf(models: readonly ModelSpec[], state: DeepState, k: number): ParamSet {
  const seeded = initParams(models[k]!, { seed: state.seed + k });
  const flat = state.weights?.[k];
  return flat ? unflattenWeights(seeded, flat) : seeded;
}

/** The next chunk of side-by-side training from the state's weights (null once MAX_STEPS are done). */
export function trainingJob(models: ModelSpec[], params: DeepParams, state: DeepState): TrainingJobSpec | null {
  const steps = Math.min(CHUNK_STEPS, MAX_STEPS - state.step);
  if (steps <= 0) return null;
  return {
    trainer: 'fused-side-by-side',
    config: { models, batch: streamsBatch(trainStreams(state.seed, params.length)), optimizer: { kind: 'adam', learningRate: LEARNING_RATE }, clip: { kind: 'norm', threshold: 5 } },
    seed: state.seed,
    ...(state.weights ? { initial: { step: state.step, params: joinModelParams(models.map((_, k) => weightsOf(models, state, k))), extra: {} } } : {}),
    steps,
    reportEvery: REPORT_EVERY,
    snapshotEvery: REPORT_EVERY,
  };
}

const round = (v: number) => Number(v.toPrecision(5));

/** The state after a report: its step, every stack's weights (rounded) and a point on each loss curve. */
export function reportedState(state: DeepState, report: ProgressReport & { state: TrainerState }): DeepState {
  const ps = report.state.params;
  const losses = DEPTHS.map((_, k) => round(report.state.extra[`loss${k}`] ?? Number.NaN));
  return {
    ...state,
    step: report.state.step,
    weights: DEPTHS.map((_, k) => flattenWeights(modelParams(ps, k))),
    curves: [...state.curves, [report.state.step, ...losses]],
  };
}

export interface StackEval {
  accuracy: number;
  loss: number;
}

/** Held-out accuracy and cross-entropy of one stack (float64 reference forward pass). */
export function evaluate(spec: ModelSpec, params: ParamSet, streams: Streams): StackEval {
  const batch = streamsBatch(streams);
  let hits = 0;
  let loss = 0;
  for (let b = 0; b < batch.batchSize; b++) {
    const trace = refForwardSequence(spec, params, batch, b);
    loss += trace.loss;
    trace.probs.forEach((p, t) => {
      if ((p[1]! > p[0]! ? 1 : 0) === streams.tags[b]![t]) hits += 1;
    });
  }
  return { accuracy: hits / (batch.batchSize * batch.steps), loss: loss / batch.batchSize };
}

export interface StackTrace {
  bits: number[];
  tags: number[];
  /** P(tag 1) per step, [T]. */
  prob: number[];
  /** Hidden states per layer, bottom first: [L][T][H]. */
  layers: number[][][];
}

/** One held-out stream through one stack: every layer's states per step and its answers. */
export function traceStream(spec: ModelSpec, params: ParamSet, streams: Streams, index: number): StackTrace {
  const trace = refForwardSequence(spec, params, streamsBatch(streams), index);
  return {
    bits: streams.inputs[index]!,
    tags: streams.tags[index]!,
    prob: trace.probs.map((p) => p[1]!),
    layers: trace.layers.map((l) => l.fw.map((s) => Array.from(s.state))),
  };
}
