/**
 * The training worker: runs one job in slices and answers stop and query messages
 * between slices. It announces itself with `ready`, so the page can tell a worker
 * that cannot start (blocked, failed to load) from one that is merely slow to answer.
 */
import { builtinTrainers } from './builtin-trainers.ts';
import { TrainingDiverged } from './divergence.ts';
import type { JobResult, ProgressReport } from './job.ts';
import { JobRunner } from './job-runner.ts';
import type { FromWorker } from './protocol.ts';
import { PROTOCOL_VERSION, parseToWorker } from './protocol.ts';
import type { SliceLoop } from './slices.ts';
import { WORKER_SLICE_MS, messageChannelClock, pausableClock, runInSlices } from './slices.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the project compiles against the DOM library). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const registry = builtinTrainers();
const clock = pausableClock(messageChannelClock());
let runner: JobRunner | null = null;
let loop: SliceLoop | null = null;
let ended = false;

/** The weights' buffers move to the page instead of being copied: the runner made them fresh for this message. */
function buffersOf(report: ProgressReport | JobResult['report']): ArrayBuffer[] {
  return report.state ? Object.values(report.state.params).map((p) => p.data.buffer as ArrayBuffer) : [];
}

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  scope.postMessage(message, transfer);
}

function fail(error: unknown): void {
  ended = true;
  loop?.stop();
  const message = error instanceof Error ? error.message : String(error);
  const diverged = error instanceof TrainingDiverged ? { step: error.step, what: error.what } : undefined;
  post({ v: PROTOCOL_VERSION, type: 'failed', message, ...(diverged ? { diverged } : {}) });
}

function finish(reason: JobResult['reason']): void {
  if (!runner || ended) return;
  let result: JobResult;
  try {
    result = runner.result(reason);
  } catch (err) {
    return fail(err);
  }
  ended = true;
  loop?.stop();
  post({ v: PROTOCOL_VERSION, type: 'done', result }, buffersOf(result.report));
}

scope.onmessage = (e: MessageEvent<unknown>) => {
  let msg;
  try {
    msg = parseToWorker(e.data);
  } catch (err) {
    fail(err);
    return;
  }
  switch (msg.type) {
    case 'start':
      if (runner) return fail(new Error('this training worker already runs a job'));
      try {
        runner = new JobRunner(msg.job, registry, (report) => post({ v: PROTOCOL_VERSION, type: 'progress', report }, buffersOf(report)));
      } catch (err) {
        return fail(err);
      }
      loop = runInSlices(runner, WORKER_SLICE_MS, clock, () => finish('finished'), fail);
      return;
    case 'stop':
      return finish('stopped');
    case 'pause':
      return clock.pause(msg.ms);
    case 'query': {
      if (!runner) return fail(new Error('query before start'));
      let report: ProgressReport;
      try {
        report = runner.report(true);
      } catch (err) {
        return fail(err);
      }
      return post({ v: PROTOCOL_VERSION, type: 'status', queryId: msg.queryId, report }, buffersOf(report));
    }
  }
};

post({ v: PROTOCOL_VERSION, type: 'ready' });
