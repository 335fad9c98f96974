/**
 * What a training job is, in structured-clone-safe data: the same spec runs in a worker
 * or on the main thread, and the state it reports can start the next job.
 */
import type { ParamSet } from '../rnn/params.ts';

/** Everything needed to resume training: the weights and the trainer's own position (data cursor, counters). */
export interface TrainerState {
  /** Steps taken since the weights were first initialised. */
  step: number;
  params: ParamSet;
  /** Trainer-specific numbers, e.g. the position in a text. */
  extra: Record<string, number>;
}

/**
 * Which training worker runs a job: 'core' carries tfjs-core and the fused trainers (small,
 * the default); 'layers' adds tf.layers and tfjs's CPU backend for trainers built on
 * tf.layers (its own worker file, loaded only when such a job starts).
 */
export type WorkerKind = 'core' | 'layers';
export const WORKER_KINDS: readonly WorkerKind[] = ['core', 'layers'];

export interface TrainingJobSpec {
  /** A name in the trainer registry, e.g. 'char-lstm'. */
  trainer: string;
  /** The worker whose registry holds the trainer; 'core' when absent. */
  worker?: WorkerKind;
  /** The trainer's configuration (data included), checked by the trainer. */
  config: unknown;
  /** Seeds the initial weights when no `initial` state is given. */
  seed: number;
  /** Continue from this state instead of fresh seeded weights. */
  initial?: TrainerState;
  /** Steps to take in this job. */
  steps: number;
  /** A progress report every this many steps (and always after the last). */
  reportEvery: number;
  /** Every this many steps a report also carries the full state; 0 or absent: only the final result does. */
  snapshotEvery?: number;
  /**
   * Fault injection for tests and demonstrations: from this step of the job on, the loss
   * reads NaN, as when the weights have overflowed. No demo sets it; the page's test hook
   * (`deckDemos.injectTrainingFault('diverge')`) does.
   */
  nanLossFromJobStep?: number;
}

export interface ProgressReport {
  /** Steps taken in total (the initial state's steps included). */
  step: number;
  /** Steps taken by this job. */
  jobStep: number;
  /** Loss of the most recent step, before its update; NaN before the first step. */
  loss: number;
  /** Present when a snapshot was due or asked for. */
  state?: TrainerState;
}

export interface JobResult {
  reason: 'finished' | 'stopped';
  report: ProgressReport & { state: TrainerState };
}

/** Throws a RangeError naming the field unless the spec's scheduling fields are usable. */
export function validateJobSpec(job: TrainingJobSpec): void {
  if (typeof job.trainer !== 'string' || job.trainer === '') throw new RangeError('job.trainer: expected a trainer name');
  if (!Number.isFinite(job.seed)) throw new RangeError(`job.seed: expected a finite number, got ${String(job.seed)}`);
  const count = (name: string, v: unknown, min: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`job.${name}: expected an integer >= ${min}, got ${String(v)}`);
  };
  if (job.worker !== undefined && !WORKER_KINDS.includes(job.worker)) throw new RangeError(`job.worker: expected one of ${WORKER_KINDS.join(', ')}, got ${String(job.worker)}`);
  count('steps', job.steps, 0);
  count('reportEvery', job.reportEvery, 1);
  if (job.snapshotEvery !== undefined) count('snapshotEvery', job.snapshotEvery, 0);
  if (job.nanLossFromJobStep !== undefined) count('nanLossFromJobStep', job.nanLossFromJobStep, 1);
}
