import { describe, expect, it } from 'vitest';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { TrainingDiverged, checkLoss, nonFiniteWeight } from '../../../src/training/divergence.ts';
import type { ProgressReport, TrainerState } from '../../../src/training/index.ts';
import { TrainerRegistry, TrainingHost } from '../../../src/training/index.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { PROTOCOL_VERSION } from '../../../src/training/protocol.ts';
import { FakeClock, charJob } from './fixtures.ts';

/**
 * A trainer whose numbers the test sets: step k (1-based) returns loss(k), and the state's
 * one weight is weight(k). It stands for any trainer whose loss or weights overflow.
 */
function scriptedRegistry(loss: (k: number) => number, weight: (k: number) => number = () => 0.5): TrainerRegistry {
  return new TrainerRegistry().register({
    name: 'scripted',
    create: (_config, _seed, initial) => {
      let step = initial?.step ?? 0;
      return {
        step: () => loss(++step),
        state: (): TrainerState => ({ step, params: { w: { shape: [1], data: Float64Array.of(weight(step)) } }, extra: {} }),
      };
    },
  });
}

const scriptedJob = (over: Partial<Parameters<typeof charJob>[0]> = {}) => charJob({ trainer: 'scripted', config: {}, steps: 20, reportEvery: 1, snapshotEvery: 1, ...over });

function runAll(runner: JobRunner): void {
  while (!runner.runSlice(Infinity, () => 0));
}

describe('divergence guard of the job runner', () => {
  it('stops at the first non-finite loss, naming it and the step, and reports nothing non-finite before', () => {
    const reports: ProgressReport[] = [];
    // The loss grows tenfold a step until it overflows to Infinity (at step 309: 1e309).
    const runner = new JobRunner(scriptedJob({ steps: 400 }), scriptedRegistry((k) => 10 ** k), (r) => reports.push(r));
    let caught: unknown;
    try {
      runAll(runner);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TrainingDiverged);
    expect((caught as TrainingDiverged).message).toBe('diverged: loss is Infinity at step 309');
    expect((caught as TrainingDiverged).step).toBe(309);
    expect(reports).toHaveLength(308);
    expect(reports.every((r) => Number.isFinite(r.loss))).toBe(true);
  });

  it('stops when a state it would hand out holds a non-finite weight, though the loss is finite', () => {
    const reports: ProgressReport[] = [];
    const runner = new JobRunner(scriptedJob(), scriptedRegistry(() => 1, (k) => (k >= 4 ? Number.NaN : k)), (r) => reports.push(r));
    expect(() => runAll(runner)).toThrow('diverged: weight w is NaN at step 4');
    expect(reports.map((r) => r.state?.params.w!.data[0])).toEqual([1, 2, 3]);
  });

  it('refuses a final result whose weights are not finite', () => {
    const runner = new JobRunner(scriptedJob({ steps: 2, snapshotEvery: 0 }), scriptedRegistry(() => 1, () => Number.POSITIVE_INFINITY), () => undefined);
    runAll(runner);
    expect(() => runner.result('finished')).toThrow('diverged: weight w is Infinity at step 2');
  });

  it('catches a real trainer driven past float64 by its learning rate', () => {
    // Saturating cells keep a loss of 1e300 finite; only a step that overflows float64 makes it infinite.
    const exploding = { text: 'abcabcabd abcabd ', hiddenSize: 6, seqLength: 5, optimizer: { kind: 'sgd', learningRate: 1e308 } };
    const reports: ProgressReport[] = [];
    const runner = new JobRunner(charJob({ config: exploding, steps: 50, reportEvery: 1, snapshotEvery: 1 }), builtinTrainers(), (r) => reports.push(r));
    expect(() => runAll(runner)).toThrow('diverged: loss is Infinity at step 3');
    for (const r of reports) {
      expect(Number.isFinite(r.loss)).toBe(true);
      expect(nonFiniteWeight(r.state!.params)).toBeNull();
    }
  });

  it('counts the step over the whole run when it resumes from a state', () => {
    const initial: TrainerState = { step: 100, params: { w: { shape: [1], data: Float64Array.of(1) } }, extra: {} };
    const runner = new JobRunner(scriptedJob({ initial, nanLossFromJobStep: 3 }), scriptedRegistry(() => 1), () => undefined);
    expect(() => runAll(runner)).toThrow('diverged: loss is NaN at step 103');
  });

  it('checkLoss accepts finite losses, zero included', () => {
    expect(() => checkLoss(0, 1)).not.toThrow();
    expect(() => checkLoss(-Infinity, 7)).toThrow('diverged: loss is -Infinity at step 7');
  });
});

/** A worker that says ready, then answers `start` with a diverged failure, as the real one does. */
class DivergingWorker extends EventTarget {
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor() {
    super();
    setTimeout(() => this.onmessage?.({ data: { v: PROTOCOL_VERSION, type: 'ready' } } as MessageEvent), 0);
  }
  postMessage(message: { type: string }): void {
    if (message.type !== 'start') return;
    const failed = { v: PROTOCOL_VERSION, type: 'failed', message: 'diverged: loss is NaN at step 12', diverged: { step: 12, what: 'loss is NaN' } };
    setTimeout(() => this.onmessage?.({ data: failed } as MessageEvent), 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

async function drive(clock: FakeClock, until: Promise<unknown>): Promise<void> {
  let over = false;
  void until.then(
    () => (over = true),
    () => (over = true),
  );
  while (!over) {
    await new Promise((r) => setTimeout(r, 0));
    clock.flush();
  }
}

describe('divergence through the training host', () => {
  it('rejects the job with TrainingDiverged on the main thread, and frees it', async () => {
    const clock = new FakeClock(1);
    const host = new TrainingHost({ createWorker: async () => null, clock, loadRegistry: async () => scriptedRegistry((k) => (k >= 5 ? Number.NaN : 1)) });
    const job = host.start(scriptedJob());
    await drive(clock, job.done);
    await expect(job.done).rejects.toBeInstanceOf(TrainingDiverged);
    await expect(job.done).rejects.toThrow('diverged: loss is NaN at step 5');
    expect(host.activeJobs).toBe(0);
  });

  it('rebuilds TrainingDiverged from the worker\'s message and terminates the worker', async () => {
    const made: DivergingWorker[] = [];
    const host = new TrainingHost({
      createWorker: async () => {
        const w = new DivergingWorker();
        made.push(w);
        return w as unknown as Worker;
      },
    });
    const job = host.start(charJob());
    const error = await job.done.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDiverged);
    expect((error as TrainingDiverged).step).toBe(12);
    expect(made[0]!.terminated).toBe(true);
    expect(host.liveWorkers).toBe(0);
  });

  it('injectFault("diverge") makes the next job, and only that one, diverge at its third step', async () => {
    const clock = new FakeClock(1);
    const host = new TrainingHost({ createWorker: async () => null, clock, loadRegistry: async () => builtinTrainers() });
    host.injectFault('diverge');
    const first = host.start(charJob({ steps: 10 }));
    await drive(clock, first.done);
    await expect(first.done).rejects.toThrow('diverged: loss is NaN at step 3');
    const second = host.start(charJob({ steps: 10 }));
    await drive(clock, second.done);
    expect((await second.done)?.reason).toBe('finished');
  });
});
