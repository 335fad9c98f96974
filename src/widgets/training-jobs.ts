/**
 * The page's one training host, loaded on first use: demos train through the runtime
 * (DemoSetup.train), which cancels a demo's jobs when its slide goes away.
 */
import type { JobResult, ProgressReport, TrainingHost, TrainingJob, TrainingJobSpec } from '../training/index.ts';

let host: Promise<TrainingHost> | null = null;

function trainingHost(): Promise<TrainingHost> {
  host ??= import('../training/index.ts').then(({ TrainingHost: Host }) => new Host());
  return host;
}

/** The jobs one demo started; `cancelAll` ends them (their results resolve null). */
export class DemoTraining {
  private readonly jobs = new Set<TrainingJob>();
  private cancelled = 0;

  async run(spec: TrainingJobSpec, onReport?: (report: ProgressReport) => void, signal?: AbortSignal): Promise<JobResult | null> {
    const generation = this.cancelled;
    const h = await trainingHost();
    if (generation !== this.cancelled || signal?.aborted) return null;
    const job = h.start(spec, (report) => {
      if (!signal?.aborted) onReport?.(report);
    });
    this.jobs.add(job);
    const abort = () => job.cancel();
    signal?.addEventListener('abort', abort);
    try {
      return await job.done;
    } finally {
      signal?.removeEventListener('abort', abort);
      this.jobs.delete(job);
    }
  }

  cancelAll(): void {
    this.cancelled++;
    for (const job of this.jobs) job.cancel();
    this.jobs.clear();
  }

  get running(): number {
    return this.jobs.size;
  }
}

/** See TrainingHost.injectFault: the page's host (loaded if need be) takes the fault. */
export async function injectTrainingFault(kind: 'diverge' | 'crash'): Promise<void> {
  (await trainingHost()).injectFault(kind);
}

/** Live workers of the page's host (0 before any training), for tests and the soak benchmark. */
export async function liveTrainingWorkers(): Promise<number> {
  return host ? (await host).liveWorkers : 0;
}
