import { describe, expect, it } from 'vitest';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import type { ProgressReport } from '../../../src/training/index.ts';
import { TrainingHost } from '../../../src/training/index.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { TrainerRegistry } from '../../../src/training/registry.ts';
import { FakeClock, charJob } from './fixtures.ts';

/** A worker that fails to load: it reports an error event before ever saying ready. */
class BrokenWorker extends EventTarget {
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  constructor() {
    super();
    setTimeout(() => this.onerror?.({ message: 'failed to load', preventDefault: () => undefined }), 0);
  }
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

/** Every clock read costs 1 ms, so a 6 ms slice holds a couple of steps. */
function mainThreadHost(clock = new FakeClock(1)) {
  return { clock, host: new TrainingHost({ createWorker: async () => null, clock, loadRegistry: async () => builtinTrainers() }) };
}

/** Lets the host's promise chains settle, then runs pending slices until the job ends. */
async function drive(clock: FakeClock, until: Promise<unknown>): Promise<void> {
  let over = false;
  void until.then(() => (over = true), () => (over = true));
  while (!over) {
    await new Promise((r) => setTimeout(r, 0));
    clock.flush();
  }
}

describe('TrainingHost on the main thread', () => {
  it('runs a job to the end with the numbers of a direct run', async () => {
    const { clock, host } = mainThreadHost();
    const reports: ProgressReport[] = [];
    const job = host.start(charJob(), (r) => reports.push(r));
    await drive(clock, job.done);
    const result = await job.done;
    expect(job.place).toBe('main-thread');
    expect(result?.reason).toBe('finished');
    const direct: ProgressReport[] = [];
    const runner = new JobRunner(charJob(), builtinTrainers(), (r) => direct.push(r));
    while (!runner.runSlice(Infinity, () => 0));
    expect(reports).toEqual(direct);
    expect(result).toEqual(runner.result('finished'));
    expect(host.activeJobs).toBe(0);
    expect(host.liveWorkers).toBe(0);
  });

  it('falls back when Worker does not exist (as in Node)', async () => {
    const clock = new FakeClock(1);
    const host = new TrainingHost({ clock });
    const job = host.start(charJob({ steps: 2 }));
    await drive(clock, job.done);
    expect(job.place).toBe('main-thread');
    expect((await job.done)?.report.jobStep).toBe(2);
  });

  it('falls back when the worker constructor throws or the worker errors before ready', async () => {
    const made: BrokenWorker[] = [];
    for (const createWorker of [
      async () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      async () => {
        const w = new BrokenWorker();
        made.push(w);
        return w as unknown as Worker;
      },
    ]) {
      const clock = new FakeClock(1);
      const host = new TrainingHost({ createWorker, clock, loadRegistry: async () => builtinTrainers() });
      const job = host.start(charJob({ steps: 3 }));
      await drive(clock, job.done);
      expect(job.place).toBe('main-thread');
      expect((await job.done)?.reason).toBe('finished');
      expect(host.liveWorkers).toBe(0);
    }
    expect(made.map((w) => w.terminated)).toEqual([true]);
  });

  it('asks for the worker, and the fallback trainers, of the kind the job names', async () => {
    const asked: string[] = [];
    const clock = new FakeClock(1);
    const host = new TrainingHost({
      createWorker: async (kind) => {
        asked.push(`worker ${kind}`);
        return null;
      },
      clock,
      loadRegistry: async (kind) => {
        asked.push(`trainers ${kind}`);
        return builtinTrainers();
      },
    });
    for (const worker of [undefined, 'layers'] as const) {
      const job = host.start(charJob({ steps: 2, ...(worker ? { worker } : {}) }));
      await drive(clock, job.done);
      expect((await job.done)?.reason).toBe('finished');
    }
    expect(asked).toEqual(['worker core', 'trainers core', 'worker layers', 'trainers layers']);
    expect(() => host.start(charJob({ worker: 'gpu' as never }))).toThrow(/job\.worker/);
  });

  it('frees a trainer session on the main thread once its job ends, finished or cancelled', async () => {
    let disposed = 0;
    const registry = new TrainerRegistry().register({
      name: 'counting',
      create: () => {
        let n = 0;
        return { step: () => ++n, state: () => ({ step: n, params: {}, extra: {} }), dispose: () => void disposed++ };
      },
    });
    const clock = new FakeClock(1);
    const host = new TrainingHost({ createWorker: async () => null, clock, loadRegistry: async () => registry });
    const spec = { trainer: 'counting', config: {}, seed: 1, reportEvery: 1 };
    const finished = host.start({ ...spec, steps: 3 });
    await drive(clock, finished.done);
    expect(disposed).toBe(1);
    const cancelled = host.start({ ...spec, steps: 1000 });
    await cancelled.query();
    cancelled.cancel();
    cancelled.cancel();
    expect(await cancelled.done).toBeNull();
    expect(disposed).toBe(2);
  });

  it('stops with a resumable state, answers queries, and resumes to the same numbers', async () => {
    const sgd = { text: 'abcabcabd abcabd ', hiddenSize: 6, seqLength: 5, optimizer: { kind: 'sgd', learningRate: 0.1 } };
    const { clock, host } = mainThreadHost();
    const job = host.start(charJob({ config: sgd, steps: 1000 }));
    await new Promise((r) => setTimeout(r, 0));
    clock.tick();
    clock.tick();
    const now = await job.query();
    expect(now.state.step).toBe(now.jobStep);
    const stopped = await job.stop();
    expect(stopped?.reason).toBe('stopped');
    const at = stopped!.report.step;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(1000);
    expect(clock.flush()).toBeLessThanOrEqual(1);
    await expect(job.query()).rejects.toThrow(/has ended/);

    const resumed = host.start(charJob({ config: sgd, steps: 10, initial: stopped!.report.state }));
    await drive(clock, resumed.done);
    const straight = host.start(charJob({ config: sgd, steps: at + 10 }));
    await drive(clock, straight.done);
    expect((await resumed.done)?.report.state).toEqual((await straight.done)?.report.state);
  });

  it('cancels at once: done resolves with null and nothing runs afterwards', async () => {
    const { clock, host } = mainThreadHost();
    const progress: number[] = [];
    const job = host.start(charJob({ steps: 1000, reportEvery: 1 }), (r) => progress.push(r.jobStep));
    await new Promise((r) => setTimeout(r, 0));
    clock.tick();
    job.cancel();
    const seen = progress.length;
    clock.flush();
    expect(await job.done).toBeNull();
    expect(progress.length).toBe(seen);
    expect(host.activeJobs).toBe(0);
  });

  it('a job cancelled before it started never runs', async () => {
    const { clock, host } = mainThreadHost();
    const job = host.start(charJob());
    job.cancel();
    await drive(clock, job.done);
    expect(await job.done).toBeNull();
    expect(clock.queue).toHaveLength(0);
  });

  it('rejects bad specs at start and bad configs through done', async () => {
    const { clock, host } = mainThreadHost();
    expect(() => host.start(charJob({ steps: -1 }))).toThrow(/job\.steps/);
    const job = host.start(charJob({ config: { text: 'ab', hiddenSize: 4 } }));
    await drive(clock, job.done);
    await expect(job.done).rejects.toThrow(/config\.seqLength/);
  });
});
