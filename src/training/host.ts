/**
 * Starts training jobs in dedicated workers, one worker per job, terminated as soon as
 * its job ends. Where no worker can start (no Worker, the constructor throws, or the
 * worker errors before it says `ready`), the same job runs on the main thread in slices
 * short enough to keep frames and input flowing.
 */
import type { JobResult, ProgressReport, TrainerState, TrainingJobSpec, WorkerKind } from './job.ts';
import { validateJobSpec } from './job.ts';
import { JobRunner } from './job-runner.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { PROTOCOL_VERSION, parseFromWorker } from './protocol.ts';
import type { TrainerRegistry } from './registry.ts';
import { onQuiet } from './quiet.ts';
import { TrainingDiverged } from './divergence.ts';
import type { PausableClock, SliceClock, SliceLoop } from './slices.ts';
import { MAIN_THREAD_SLICE_MS, messageChannelClock, pausableClock, runInSlices } from './slices.ts';

export type TrainingPlace = 'starting' | 'worker' | 'main-thread';

export interface TrainingJob {
  readonly id: number;
  /** Where the job runs; 'starting' until a worker said `ready` or the fallback began. */
  readonly place: TrainingPlace;
  /** Resolves with the final state when the job finishes or is stopped; with null when cancelled. Rejects if training failed. */
  readonly done: Promise<JobResult | null>;
  /** Asks the job to stop after the current slice and hand back its state (resolves like `done`). */
  stop(): Promise<JobResult | null>;
  /** Ends the job now, discarding work since the last report; frees its worker at once. */
  cancel(): void;
  /** The job's current step, loss and full state. */
  query(): Promise<ProgressReport & { state: TrainerState }>;
}

export interface TrainingHostOptions {
  /** Creates a worker of the kind a job asks for, or returns null where none can exist. Default: the build's training workers. */
  createWorker?: (kind: WorkerKind) => Promise<Worker | null>;
  /** The trainers for the main-thread fallback, by worker kind. Default: the built-in (or tf.layers) ones, loaded on first fallback. */
  loadRegistry?: (kind: WorkerKind) => Promise<TrainerRegistry>;
  clock?: SliceClock;
  /** A stop not answered by the worker within this time terminates it (the result is then null). */
  stopTimeoutMs?: number;
}

async function defaultCreateWorker(kind: WorkerKind): Promise<Worker | null> {
  if (typeof Worker === 'undefined') return null;
  if (kind === 'layers') {
    const { default: LayersTrainingWorker } = await import('virtual:layers-training-worker');
    return new LayersTrainingWorker({ name: 'training-layers' });
  }
  const { default: TrainingWorker } = await import('virtual:training-worker');
  return new TrainingWorker({ name: 'training' });
}

/** On the main thread a tf.layers trainer runs on the page's TensorFlow.js (the same module the demos use, on the page's backend). */
async function defaultRegistry(kind: WorkerKind): Promise<TrainerRegistry> {
  if (kind === 'layers') {
    const [tf, { layersTrainers }] = await Promise.all([import('@tensorflow/tfjs'), import('./layers-trainers.ts')]);
    return layersTrainers(tf);
  }
  const { builtinTrainers } = await import('./builtin-trainers.ts');
  return builtinTrainers();
}

/** A job's backend: what the TrainingJob handle delegates to once it knows where it runs. */
interface Engine {
  stop(): void;
  cancel(): void;
  query(): Promise<ProgressReport & { state: TrainerState }>;
}

export class TrainingHost {
  private nextId = 1;
  private readonly workers = new Set<Worker>();
  private readonly jobs = new Set<{ cancel(): void }>();
  private readonly createWorker: (kind: WorkerKind) => Promise<Worker | null>;
  private readonly loadRegistry: (kind: WorkerKind) => Promise<TrainerRegistry>;
  private readonly clock: PausableClock;
  private readonly stopTimeoutMs: number;
  /** Set by injectFault('diverge'): the next job started reads a NaN loss from this job step on. */
  private divergeNextAt: number | null = null;

  constructor(options: TrainingHostOptions = {}) {
    this.createWorker = options.createWorker ?? defaultCreateWorker;
    this.loadRegistry = options.loadRegistry ?? defaultRegistry;
    this.clock = pausableClock(options.clock ?? messageChannelClock());
    this.stopTimeoutMs = options.stopTimeoutMs ?? 2000;
    onQuiet((ms) => this.pause(ms));
  }

  /** No job of this host starts a slice in the next `ms`, in a worker or on the main thread. */
  pause(ms: number): void {
    this.clock.pause(ms);
    for (const worker of this.workers) worker.postMessage({ v: PROTOCOL_VERSION, type: 'pause', ms } satisfies ToWorker);
  }

  /** Workers started by this host and not yet terminated. */
  get liveWorkers(): number {
    return this.workers.size;
  }

  /** Jobs started and not yet ended. */
  get activeJobs(): number {
    return this.jobs.size;
  }

  /**
   * Fault injection, for the browser tests and for showing what the deck does:
   * 'diverge' makes the next job started read a NaN loss from its `atJobStep`-th step on (as
   * when weights overflow); 'crash' makes every live worker fail as an uncaught exception
   * inside it would (the error event the browser fires on the Worker).
   */
  injectFault(kind: 'diverge' | 'crash', atJobStep = 3): void {
    if (kind === 'diverge') {
      this.divergeNextAt = atJobStep;
      return;
    }
    for (const worker of [...this.workers]) worker.dispatchEvent(new ErrorEvent('error', { message: 'injected crash', cancelable: true }));
  }

  /** Cancels every job (e.g. when the deck is torn down). */
  cancelAll(): void {
    for (const job of [...this.jobs]) job.cancel();
  }

  /**
   * Starts a job. `onProgress` receives a report every `job.reportEvery` steps (with the
   * state every `job.snapshotEvery` steps). The spec is checked at once (throws a RangeError);
   * the trainer's config is checked where the job runs (a failure rejects `done`).
   */
  start(job: TrainingJobSpec, onProgress: (report: ProgressReport) => void = () => undefined): TrainingJob {
    if (this.divergeNextAt !== null) {
      job = { ...job, nanLossFromJobStep: this.divergeNextAt };
      this.divergeNextAt = null;
    }
    validateJobSpec(job);
    const kind: WorkerKind = job.worker ?? 'core';
    const id = this.nextId++;
    let place: TrainingPlace = 'starting';
    let engine: Engine | null = null;
    let engineSet!: (e: Engine) => void;
    const engineReady = new Promise<Engine>((ok) => (engineSet = ok));
    const setEngine = (e: Engine) => {
      engine = e;
      engineSet(e);
    };
    let ended = false;
    let stopAsked = false;
    let cancelAsked = false;
    let settle!: (r: JobResult | null) => void;
    let fail!: (e: unknown) => void;
    const done = new Promise<JobResult | null>((ok, no) => {
      settle = ok;
      fail = no;
    });
    const entry = { cancel: () => handle.cancel() };
    this.jobs.add(entry);
    const end = (r: JobResult | null, error?: unknown) => {
      if (ended) return;
      ended = true;
      this.jobs.delete(entry);
      if (error !== undefined) fail(error);
      else settle(r);
    };
    const progress = (r: ProgressReport) => {
      if (!ended) onProgress(r);
    };

    const onMainThread = async () => {
      place = 'main-thread';
      let registry: TrainerRegistry;
      let runner: JobRunner;
      try {
        registry = await this.loadRegistry(kind);
        runner = new JobRunner(job, registry, progress);
      } catch (e) {
        end(null, e);
        return;
      }
      let loop: SliceLoop | null = null;
      /** Ends the job with the runner's last word, then frees its trainer (tfjs tensors on the page). */
      const close = (reason: JobResult['reason'] | null, error?: unknown) => {
        if (ended) return;
        loop?.stop();
        let result: JobResult | null = null;
        let failure = error;
        if (reason && error === undefined) {
          // A result whose weights are not finite ends the job with TrainingDiverged instead.
          try {
            result = runner.result(reason);
          } catch (e) {
            failure = e;
          }
        }
        runner.dispose();
        end(result, failure);
      };
      if (cancelAsked) return close(null);
      if (stopAsked) return close('stopped');
      setEngine({
        stop: () => close('stopped'),
        cancel: () => close(null),
        query: async () => runner.report(true) as ProgressReport & { state: TrainerState },
      });
      loop = runInSlices(runner, MAIN_THREAD_SLICE_MS, this.clock, () => close('finished'), (e) => close(null, e));
    };

    const inWorker = (worker: Worker) => {
      this.workers.add(worker);
      let ready = false;
      let queryId = 0;
      const queries = new Map<number, (r: ProgressReport & { state: TrainerState }) => void>();
      let stopTimer: ReturnType<typeof setTimeout> | null = null;
      const free = () => {
        worker.terminate();
        this.workers.delete(worker);
        if (stopTimer) clearTimeout(stopTimer);
        worker.onmessage = worker.onerror = worker.onmessageerror = null;
      };
      const send = (m: ToWorker) => worker.postMessage(m);
      worker.onerror = (e) => {
        e.preventDefault();
        free();
        if (!ready && !ended) void onMainThread();
        else end(null, new Error(`training worker failed: ${e.message}`));
      };
      worker.onmessageerror = () => {
        free();
        end(null, new Error('training worker sent a message that could not be read'));
      };
      worker.onmessage = (e: MessageEvent<unknown>) => {
        let msg: FromWorker;
        try {
          msg = parseFromWorker(e.data);
        } catch (err) {
          free();
          end(null, err);
          return;
        }
        switch (msg.type) {
          case 'ready':
            ready = true;
            place = 'worker';
            return;
          case 'progress':
            return progress(msg.report);
          case 'status':
            queries.get(msg.queryId)?.(msg.report as ProgressReport & { state: TrainerState });
            queries.delete(msg.queryId);
            return;
          case 'done':
            free();
            return end(msg.result);
          case 'failed':
            free();
            return end(null, msg.diverged ? new TrainingDiverged(msg.diverged.step, msg.diverged.what) : new Error(`training worker failed: ${msg.message}`));
        }
      };
      setEngine({
        stop: () => {
          send({ v: PROTOCOL_VERSION, type: 'stop' });
          stopTimer ??= setTimeout(() => {
            free();
            end(null);
          }, this.stopTimeoutMs);
        },
        cancel: () => {
          free();
          end(null);
        },
        query: () =>
          new Promise((ok, no) => {
            const qid = ++queryId;
            queries.set(qid, ok);
            send({ v: PROTOCOL_VERSION, type: 'query', queryId: qid });
            void done.then(() => queries.has(qid) && no(new Error('the training job ended before answering')), no);
          }),
      });
      send({ v: PROTOCOL_VERSION, type: 'start', job });
    };

    const handle: TrainingJob = {
      id,
      get place() {
        return place;
      },
      done,
      stop: () => {
        if (!ended) {
          stopAsked = true;
          engine?.stop();
        }
        return done;
      },
      cancel: () => {
        if (ended) return;
        cancelAsked = true;
        if (engine) engine.cancel();
        else end(null);
      },
      query: () => {
        if (ended) return Promise.reject(new Error('the training job has ended'));
        const gone = done.then(() => Promise.reject(new Error('the training job ended before answering')));
        return Promise.race([engineReady.then((e) => e.query()), gone]);
      },
    };

    void (async () => {
      let worker: Worker | null = null;
      try {
        worker = await this.createWorker(kind);
      } catch {
        worker = null;
      }
      if (ended || cancelAsked) {
        worker?.terminate();
        return;
      }
      if (worker) inWorker(worker);
      else await onMainThread();
      if (stopAsked && engine) (engine as Engine).stop();
    })();
    return handle;
  }
}
