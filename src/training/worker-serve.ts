/**
 * The body of a training worker: runs one job in slices and answers stop and query
 * messages between slices. It announces itself with `ready` once its trainers can run, so
 * the page can tell a worker that cannot start (blocked, failed to load, no backend) from
 * one that is merely slow to answer. Both workers (worker-main.ts, layers-worker-main.ts)
 * are this loop over their own registry.
 */
import { TrainingDiverged } from './divergence.ts';
import type { JobResult, ProgressReport } from './job.ts';
import { JobRunner } from './job-runner.ts';
import type { FromWorker } from './protocol.ts';
import { PROTOCOL_VERSION, parseToWorker } from './protocol.ts';
import type { TrainerRegistry } from './registry.ts';
import type { SliceLoop } from './slices.ts';
import { WORKER_SLICE_MS, messageChannelClock, pausableClock, runInSlices } from './slices.ts';

/** The parts of DedicatedWorkerGlobalScope used here (the project compiles against the DOM library). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** The weights' buffers move to the page instead of being copied: the runner made them fresh for this message. */
function buffersOf(report: ProgressReport | JobResult['report']): ArrayBuffer[] {
  return report.state ? Object.values(report.state.params).map((p) => p.data.buffer as ArrayBuffer) : [];
}

/**
 * Serves the page's messages with the trainers of `registry`. A registry that fails to
 * load closes the worker before `ready`: the page then runs the job on the main thread.
 */
export function serveTrainingJobs(registry: TrainerRegistry | Promise<TrainerRegistry>): void {
  const scope = self as unknown as WorkerScope;
  const clock = pausableClock(messageChannelClock());
  let trainers: TrainerRegistry | null = null;
  let runner: JobRunner | null = null;
  let loop: SliceLoop | null = null;
  let ended = false;

  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer);

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
      runner.dispose();
      return fail(err);
    }
    ended = true;
    loop?.stop();
    runner.dispose();
    post({ v: PROTOCOL_VERSION, type: 'done', result }, buffersOf(result.report));
  }

  const serve = (data: unknown) => {
    let msg;
    try {
      msg = parseToWorker(data);
    } catch (err) {
      fail(err);
      return;
    }
    switch (msg.type) {
      case 'start':
        if (runner) return fail(new Error('this training worker already runs a job'));
        try {
          // Served only once the trainers are loaded (see `receive` below).
          runner = new JobRunner(msg.job, trainers!, (report) => post({ v: PROTOCOL_VERSION, type: 'progress', report }, buffersOf(report)));
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

  // Messages that arrive while the trainers load (the page sends `start` at once) wait for them.
  const early: unknown[] = [];
  let receive = (data: unknown): void => {
    early.push(data);
  };
  scope.onmessage = (e: MessageEvent<unknown>) => receive(e.data);
  void Promise.resolve(registry).then(
    (r) => {
      trainers = r;
      receive = serve;
      post({ v: PROTOCOL_VERSION, type: 'ready' });
      for (const data of early.splice(0)) serve(data);
    },
    // Thrown in the worker's scope: the page sees an error event before `ready` and falls back.
    (err: unknown) => {
      setTimeout(() => {
        throw err instanceof Error ? err : new Error(String(err));
      });
    },
  );
}
