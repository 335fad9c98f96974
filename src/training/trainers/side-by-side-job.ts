/**
 * The job a side-by-side demo (one direction against two, one layer against three) asks
 * for: its next chunk of full-batch training, every model by Adam with norm clipping at 5,
 * from the weights its state holds. Kept apart from the trainer so a demo does not bundle it.
 */
import type { Batch } from '../../rnn/batch.ts';
import type { ParamSet } from '../../rnn/params.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import type { TrainingJobSpec } from '../job.ts';
import { joinModelParams } from './side-by-side-params.ts';

export interface SideBySideChunk {
  models: readonly ModelSpec[];
  batch: Batch;
  /** Sequences never trained on: every report carries each model's figures on them. */
  heldOut: Batch;
  learningRate: number;
  /** Seeds model k's first weights with seed + k. */
  seed: number;
  /** Steps trained so far. */
  step: number;
  /** Every model's weights after `step` steps; null before the first chunk (the trainer seeds them). */
  weights: readonly ParamSet[] | null;
  /** Steps per chunk, and the most the demo ever trains. */
  chunkSteps: number;
  maxSteps: number;
  /** A report, carrying the weights, every this many steps. */
  reportEvery: number;
}

/** The next chunk's job, or null once `maxSteps` are done. */
export function sideBySideJob(c: SideBySideChunk): TrainingJobSpec | null {
  const steps = Math.min(c.chunkSteps, c.maxSteps - c.step);
  if (steps <= 0) return null;
  return {
    trainer: 'fused-side-by-side',
    config: {
      models: c.models,
      batch: c.batch,
      heldOut: c.heldOut,
      optimizer: { kind: 'adam', learningRate: c.learningRate },
      clip: { kind: 'norm', threshold: 5 },
    },
    seed: c.seed,
    ...(c.weights ? { initial: { step: c.step, params: joinModelParams(c.weights), extra: {} } } : {}),
    steps,
    reportEvery: c.reportEvery,
    snapshotEvery: c.reportEvery,
  };
}
