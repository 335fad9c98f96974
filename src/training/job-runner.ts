/**
 * Drives one job's trainer in time-bounded slices. The runner knows nothing of threads:
 * the worker and the main-thread fallback both call runSlice, so the sequence of steps,
 * reports and numbers is the same wherever it runs and however the time is sliced.
 *
 * It is also where divergence is caught, once for every trainer: a step whose loss is not
 * finite, or a state whose weights are not, throws TrainingDiverged (divergence.ts), so a
 * report or result never carries a NaN.
 */
import type { JobResult, ProgressReport, TrainingJobSpec } from './job.ts';
import { validateJobSpec } from './job.ts';
import type { TrainerRegistry, TrainerSession } from './registry.ts';
import { checkLoss, checkWeights } from './divergence.ts';

export class JobRunner {
  private readonly session: TrainerSession;
  private jobStep = 0;
  private lastLoss = Number.NaN;
  /** Running mean of one step's duration, used to end a slice before it overruns. */
  private stepMs = 0;

  constructor(
    private readonly job: TrainingJobSpec,
    registry: TrainerRegistry,
    private readonly onProgress: (report: ProgressReport) => void,
  ) {
    validateJobSpec(job);
    this.session = registry.get(job.trainer).create(job.config, job.seed, job.initial);
  }

  get finished(): boolean {
    return this.jobStep >= this.job.steps;
  }

  /**
   * Takes steps until the job is done or the next step would end past `budgetMs`
   * (at least one step per call, so a step longer than the budget still progresses).
   * Returns whether the job is finished.
   */
  runSlice(budgetMs: number, now: () => number): boolean {
    const start = now();
    while (!this.finished) {
      const t0 = now();
      this.lastLoss = this.session.step();
      this.jobStep++;
      const injected = this.job.nanLossFromJobStep;
      if (injected !== undefined && this.jobStep >= injected) this.lastLoss = Number.NaN;
      checkLoss(this.lastLoss, this.stepCount());
      const dt = now() - t0;
      this.stepMs = this.stepMs === 0 ? dt : 0.8 * this.stepMs + 0.2 * dt;
      const { reportEvery, snapshotEvery } = this.job;
      const snapshot = snapshotEvery !== undefined && snapshotEvery > 0 && this.jobStep % snapshotEvery === 0;
      if (this.jobStep % reportEvery === 0 || this.finished) this.onProgress(this.report(snapshot));
      if (now() - start + this.stepMs > budgetMs) break;
    }
    return this.finished;
  }

  /** Where the job stands; with the full state when asked (throws TrainingDiverged if its weights are not finite). */
  report(withState: boolean): ProgressReport {
    const state = this.session.state();
    const r: ProgressReport = { step: state.step, jobStep: this.jobStep, loss: this.lastLoss };
    if (withState) {
      checkWeights(state.params, state.step);
      r.state = state;
    }
    return r;
  }

  /** Frees the trainer's session; the runner is not used after this. */
  dispose(): void {
    this.session.dispose?.();
  }

  /** The job's outcome (throws TrainingDiverged if its weights are not finite). */
  result(reason: JobResult['reason']): JobResult {
    const state = this.session.state();
    checkWeights(state.params, state.step);
    return { reason, report: { step: state.step, jobStep: this.jobStep, loss: this.lastLoss, state } };
  }

  /** Steps taken over the whole run: the step a diverging loss belongs to, as the demo counts. */
  private stepCount(): number {
    return (this.job.initial?.step ?? 0) + this.jobStep;
  }
}
