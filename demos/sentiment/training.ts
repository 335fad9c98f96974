/**
 * demos/sentiment's side of worker training: the job that takes a state from its epoch to
 * its target (in the tf.layers training worker), and the state after each epoch's report.
 */
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../src/training/index.ts';
import type { SentimentData } from './data.ts';
import { SENTIMENT_TRAINER } from './layers-trainer.ts';
import { encodeWeights } from './model.ts';
import { paramsOf } from './picture.ts';
import type { Evaluation } from './reference.ts';
import type { SentimentState } from './schema.ts';
import { BATCH_SIZE } from './trainer.ts';

export const stepsPerEpoch = (data: SentimentData): number => Math.ceil(data.train.length / BATCH_SIZE);

/** The epochs from the state's to its target, one report (with the weights) per epoch; null when there is nothing to train. */
export function sentimentJob(data: SentimentData, s: SentimentState): TrainingJobSpec | null {
  if (s.target <= s.epoch) return null;
  const perEpoch = stepsPerEpoch(data);
  return {
    trainer: SENTIMENT_TRAINER,
    worker: 'layers',
    config: { cell: s.cell },
    seed: s.seed,
    initial: { step: s.epoch * perEpoch, params: paramsOf(data, s), extra: { epoch: s.epoch } },
    steps: (s.target - s.epoch) * perEpoch,
    reportEvery: perEpoch,
    snapshotEvery: perEpoch,
  };
}

/** What the worker measured on an epoch's weights (the picture's training and held-out figures). */
export interface EpochFigures {
  train: Evaluation;
  heldOut: Evaluation;
}

/**
 * The state after a report: the next epoch's weights and curves, with the figures the
 * worker measured; null when the report does not continue this state (a run that was
 * reset or paused meanwhile: the demo also cancels its job then).
 */
export function epochReported(s: SentimentState, report: ProgressReport & { state: TrainerState }): { state: SentimentState; figures: EpochFigures } | null {
  const e = report.state.extra;
  if (e.epoch !== s.epoch + 1 || e.trainLoss === undefined || e.heldOutAccuracy === undefined) return null;
  const figures: EpochFigures = { train: { loss: e.trainLoss, accuracy: e.trainAccuracy! }, heldOut: { loss: e.heldOutLoss!, accuracy: e.heldOutAccuracy } };
  const state: SentimentState = {
    ...s,
    epoch: e.epoch,
    weights: encodeWeights(report.state.params),
    trainLoss: [...s.trainLoss, Number(e.trainLoss.toPrecision(6))],
    heldOut: [...s.heldOut, e.heldOutAccuracy],
  };
  return { state, figures };
}
