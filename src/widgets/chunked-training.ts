/**
 * Training that goes on while a demo's state says so: the clock's tick starts a job of a
 * few hundred steps in the training worker whenever none is in flight, and each progress
 * report with its weights becomes a new state (so the clone and the URL follow). A job
 * ends with its chunk, when the slide goes away (the runtime cancels it) or is ignored
 * after a pause; the next tick starts the next chunk from the state last committed, so
 * moving away and back resumes where the demo stood.
 */
import type { DemoSetup } from './contract.ts';
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../training/index.ts';

export interface ChunkedTraining<S> {
  /** Whether the state asks for training. */
  training(state: S): boolean;
  /** The next chunk's job from this state, or null when training is complete. */
  job(state: S): TrainingJobSpec | null;
  /** The state after a report that carries the trainer's state. */
  apply(state: S, report: ProgressReport & { state: TrainerState }): S;
  /** The state once training is complete (e.g. its flag cleared). */
  finish(state: S): S;
}

/**
 * The demo's tick for training in chunks; call it from DemoParts.tick. `tick.busy()` says
 * whether a chunk is in flight: a demo whose `moving` is false meanwhile is redrawn only by
 * the reports' states, not every frame; the clock is woken when a chunk ends so the next starts.
 */
export function chunkedTrainer<S>(ctx: Pick<DemoSetup<unknown, S>, 'train' | 'update' | 'state' | 'later' | 'redraw'>, plan: ChunkedTraining<S>): ((state: S) => S) & { busy(): boolean } {
  let inFlight = false;
  const tick = (state: S): S => {
    if (!plan.training(state) || inFlight) return state;
    const job = plan.job(state);
    if (!job) return plan.finish(state);
    inFlight = true;
    const onReport = (report: ProgressReport) => {
      const now = ctx.state();
      if (report.state && plan.training(now)) ctx.update(plan.apply(now, { ...report, state: report.state }));
    };
    ctx.later(
      ctx.train(job, onReport).finally(() => {
        inFlight = false;
        ctx.redraw();
      }),
      () => undefined,
    );
    return state;
  };
  return Object.assign(tick, { busy: () => inFlight });
}
