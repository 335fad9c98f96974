/**
 * demos/bidirectional: a one-direction RNN and a bidirectional one of about the same number
 * of weights, trained side by side on the x-anywhere task (task.ts) by the fused trainer in
 * the training worker; their per-step accuracies on held-out lines and, for one line, the
 * forward and backward hidden states, from the float64 reference.
 */
import { initParams, refForwardSequence, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../src/training/index.ts';
import { heldOutFromExtra } from '../../src/training/trainers/held-out.ts';
import { sideBySideJob } from '../../src/training/trainers/side-by-side-job.ts';
import { modelParams } from '../../src/training/trainers/side-by-side-params.ts';
import { flattenWeights, unflattenWeights } from '../../src/widgets/state-weights.ts';
import { MAX_STEPS, TEST_LINES, type BiParams, type BiState } from './schema.ts';
import { CLASSES, matchedHidden, VOCAB } from './sizes.ts';
import { linesBatch, makeLines, type Lines } from './task.ts';

export const TRAIN_LINES = 128;
export const CHUNK_STEPS = 100;
export const REPORT_EVERY = 20;
export const LEARNING_RATE = 0.03;

export function rnnSpec(hidden: number, bidirectional: boolean): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: VOCAB },
    layers: [{ cell: { kind: 'rnn', hiddenSize: hidden, activation: 'tanh' }, bidirectional }],
    head: { kind: 'softmax', classes: CLASSES, at: 'every' },
  };
}

/** The two models compared, one direction first. */
export function modelsOf(p: Pick<BiParams, 'hidden'>): [ModelSpec, ModelSpec] {
  return [rnnSpec(matchedHidden(p.hidden), false), rnnSpec(p.hidden, true)];
}

/** Training lines come from the seed, held-out lines from the next seed. */
export const trainLines = (seed: number, length: number): Lines => makeLines(seed, TRAIN_LINES, length);
export const testLines = (seed: number, length: number): Lines => makeLines(seed + 1, TEST_LINES, length);

/** Weights of model k for a state: trained ones if it carries them, else the seeded ones (the trainer seeds model k with seed + k). */
export function weightsOf(models: readonly ModelSpec[], state: BiState, k: number): ParamSet {
  const seeded = initParams(models[k]!, { seed: state.seed + k });
  const flat = k === 0 ? state.uni : state.bi;
  return flat ? unflattenWeights(seeded, flat) : seeded;
}

/** The next chunk of side-by-side training from the state's weights (null once MAX_STEPS are done). */
export function trainingJob(models: [ModelSpec, ModelSpec], params: BiParams, state: BiState): TrainingJobSpec | null {
  return sideBySideJob({
    models,
    batch: linesBatch(trainLines(state.seed, params.length)),
    heldOut: linesBatch(testLines(state.seed, params.length)),
    learningRate: LEARNING_RATE,
    seed: state.seed,
    step: state.step,
    weights: state.uni && state.bi ? models.map((_, k) => weightsOf(models, state, k)) : null,
    chunkSteps: CHUNK_STEPS,
    maxSteps: MAX_STEPS,
    reportEvery: REPORT_EVERY,
  });
}

/** The state after a report: its step, both models' weights (rounded) and their held-out figures as the worker measured them. */
export function reportedState(state: BiState, report: ProgressReport & { state: TrainerState }): BiState {
  const { params: ps, extra, step } = report.state;
  const [uni, bi] = [heldOutFromExtra(extra, 0), heldOutFromExtra(extra, 1)];
  const rounded = (f: { accuracy: number[]; loss: number }) => ({ accuracy: f.accuracy, loss: Number(f.loss.toPrecision(7)) });
  return { ...state, step, uni: flattenWeights(modelParams(ps, 0)), bi: flattenWeights(modelParams(ps, 1)), heldOut: uni && bi ? { uni: rounded(uni), bi: rounded(bi) } : null };
}

/** Both models' held-out figures for a state: those its training reported, else measured here (the seeded weights). */
export function heldOutOf(models: readonly [ModelSpec, ModelSpec], state: BiState, test: Lines): [ModelEval, ModelEval] {
  const withMean = (f: { accuracy: number[]; loss: number }): ModelEval => ({ ...f, meanAccuracy: f.accuracy.reduce((a, v) => a + v, 0) / f.accuracy.length });
  if (state.heldOut) return [withMean(state.heldOut.uni), withMean(state.heldOut.bi)];
  return [evaluate(models[0], weightsOf(models, state, 0), test), evaluate(models[1], weightsOf(models, state, 1), test)];
}

export interface ModelEval {
  /** Held-out accuracy per step t, [T]. */
  accuracy: number[];
  /** Mean over steps and lines. */
  meanAccuracy: number;
  /** Held-out cross-entropy, averaged over steps and lines. */
  loss: number;
}

/** Per-step accuracy and loss of one model on held-out lines (float64 reference forward pass). */
export function evaluate(spec: ModelSpec, params: ParamSet, lines: Lines): ModelEval {
  const batch = linesBatch(lines);
  const T = batch.steps;
  const hits = new Array<number>(T).fill(0);
  let loss = 0;
  for (let b = 0; b < batch.batchSize; b++) {
    const trace = refForwardSequence(spec, params, batch, b);
    loss += trace.loss;
    trace.probs.forEach((p, t) => {
      if ((p[1]! > p[0]! ? 1 : 0) === lines.tags[b]![t]) hits[t]! += 1;
    });
  }
  const accuracy = hits.map((h) => h / batch.batchSize);
  return { accuracy, meanAccuracy: accuracy.reduce((a, v) => a + v, 0) / T, loss: loss / batch.batchSize };
}

export interface LineTrace {
  letters: number[];
  tags: number[];
  /** P(x in line) per step, [T]. */
  prob: number[];
  /** Hidden states per step: forward [T][H], and backward [T][H] for the bidirectional model. */
  fw: number[][];
  bw?: number[][];
}

/** One held-out line through one model: its states per step and its answers. */
export function traceLine(spec: ModelSpec, params: ParamSet, lines: Lines, index: number): LineTrace {
  const batch = linesBatch(lines);
  const trace = refForwardSequence(spec, params, batch, index);
  const layer = trace.layers[0]!;
  const out: LineTrace = {
    letters: lines.inputs[index]!,
    tags: lines.tags[index]!,
    prob: trace.probs.map((p) => p[1]!),
    fw: layer.fw.map((s) => Array.from(s.state)),
  };
  if (layer.bw) out.bw = layer.bw.map((s) => Array.from(s.state));
  return out;
}
