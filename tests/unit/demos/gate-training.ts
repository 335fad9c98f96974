/** Runs a gate demo's training job in Node exactly as the worker runs it, and returns the state it ends in. */
import type { ModelSpec } from '../../../src/rnn/index.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { gateTrainingJob, withWeights, type GateState } from '../../../demos/gate-kit/model.ts';

export function trainLikeTheWorker(spec: ModelSpec, state: GateState, steps: number): { state: GateState; snapshots: number } {
  let snapshots = 0;
  const runner = new JobRunner(gateTrainingJob(spec, state, steps), builtinTrainers(), (r) => {
    if (r.state) snapshots++;
  });
  while (!runner.runSlice(Infinity, () => performance.now()));
  const result = runner.result('finished');
  return { state: withWeights(state, result.report.state.params, result.report.state.step), snapshots };
}
