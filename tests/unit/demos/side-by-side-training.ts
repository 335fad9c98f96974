/**
 * Runs a demo's chunked side-by-side training in Node exactly as the page does: each chunk
 * is the job the demo would hand the training worker, run by the same JobRunner and
 * trainer registry, and each snapshot report becomes the next state.
 */
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../../src/training/index.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';

export function trainInChunks<S extends { step: number }>(
  start: S,
  until: number,
  job: (s: S) => TrainingJobSpec | null,
  apply: (s: S, report: ProgressReport & { state: TrainerState }) => S,
): S {
  let state = start;
  while (state.step < until) {
    const spec = job(state);
    if (!spec) break;
    const runner = new JobRunner({ ...spec, steps: Math.min(spec.steps, until - state.step) }, builtinTrainers(), (report) => {
      if (report.state) state = apply(state, { ...report, state: report.state });
    });
    while (!runner.runSlice(Number.POSITIVE_INFINITY, () => 0));
  }
  return state;
}
