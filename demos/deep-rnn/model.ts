/**
 * demos/deep-rnn: one, two and three stacked tanh layers of one width, trained side by side
 * on the task of task.ts by the fused trainer in the training worker, which also measures
 * them on held-out streams at every report; the main thread only turns reports into states
 * and traces one held-out stream through the shown stack (float64 reference) to draw its
 * layers' hidden states.
 */
import { initParams, refForwardSequence, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../src/training/index.ts';
import { sideBySideJob } from '../../src/training/trainers/side-by-side-job.ts';
import { modelParams } from '../../src/training/trainers/side-by-side-params.ts';
import { heldOutFromExtra, meanAccuracy } from '../../src/training/trainers/held-out.ts';
import { flattenWeights, unflattenWeights } from '../../src/widgets/state-weights.ts';
import { MAX_STEPS, REPORT_EVERY, type DeepParams, type DeepState } from './schema.ts';
import { CLASSES, DEPTHS, SYMBOLS } from './sizes.ts';
import { makeStreams, streamsBatch, type Streams } from './task.ts';

export const TRAIN_STREAMS = 128;
/** Held-out streams, measured in the worker at every report; the first SHOWN_STREAMS can be shown. */
export const TEST_STREAMS = 256;
export const CHUNK_STEPS = 100;
export const LEARNING_RATE = 0.02;

export function stackSpec(depth: number, width: number): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: SYMBOLS },
    layers: Array.from({ length: depth }, () => ({ cell: { kind: 'rnn' as const, hiddenSize: width, activation: 'tanh' as const } })),
    head: { kind: 'softmax', classes: CLASSES, at: 'every' },
  };
}

/** The three stacks compared, one layer first. */
export function stacksOf(p: Pick<DeepParams, 'width'>): ModelSpec[] {
  return DEPTHS.map((d) => stackSpec(d, p.width));
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
  return sideBySideJob({
    models,
    batch: streamsBatch(trainStreams(state.seed, params.length)),
    heldOut: streamsBatch(testStreams(state.seed, params.length)),
    learningRate: LEARNING_RATE,
    seed: state.seed,
    step: state.step,
    weights: state.weights ? models.map((_, k) => weightsOf(models, state, k)) : null,
    chunkSteps: CHUNK_STEPS,
    maxSteps: MAX_STEPS,
    reportEvery: REPORT_EVERY,
  });
}

const round = (v: number) => Number(v.toPrecision(5));

/** The state after a report: its step, every stack's weights (rounded), a point on each loss curve and the held-out accuracies. */
export function reportedState(state: DeepState, report: ProgressReport & { state: TrainerState }): DeepState {
  const { params: ps, extra } = report.state;
  const figure = (key: string) => round(extra[key] ?? Number.NaN);
  const heldOut = DEPTHS.map((_, k) => heldOutFromExtra(extra, k));
  return {
    ...state,
    step: report.state.step,
    weights: DEPTHS.map((_, k) => flattenWeights(modelParams(ps, k))),
    curves: [...state.curves, [report.state.step, ...DEPTHS.map((_, k) => figure(`loss${k}`)), ...heldOut.map((f) => round(f?.loss ?? Number.NaN))]],
    accuracy: heldOut.map((f) => round(f ? meanAccuracy(f) : Number.NaN)),
  };
}

/** The latest held-out loss of stack k, or null before the first report. */
export function heldOutLoss(state: DeepState, k: number): number | null {
  const last = state.curves[state.curves.length - 1];
  return last ? last[1 + DEPTHS.length + k]! : null;
}

export interface StackTrace {
  digits: number[];
  answers: number[];
  /** The probability the stack gives the right answer, per step, [T]. */
  right: number[];
  /** The stack's most likely answer per step, [T]. */
  guess: number[];
  /** Hidden states per layer, bottom first: [L][T][H]. */
  layers: number[][][];
}

/** One held-out stream through one stack: every layer's states per step and its answers. */
export function traceStream(spec: ModelSpec, params: ParamSet, streams: Streams, index: number): StackTrace {
  const answers = streams.tags[index]!;
  const trace = refForwardSequence(spec, params, streamsBatch({ inputs: [streams.inputs[index]!], tags: [answers] }), 0);
  return {
    digits: streams.inputs[index]!,
    answers,
    right: trace.probs.map((p, t) => p[answers[t]!]!),
    guess: trace.probs.map((p) => p.indexOf(Math.max(...p))),
    layers: trace.layers.map((l) => l.fw.map((s) => Array.from(s.state))),
  };
}
