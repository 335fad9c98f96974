/**
 * The messages between a page and a training worker. Every message carries the protocol
 * version, so a worker from another build (a cached file, an old single-file deck) is
 * refused with a clear message instead of misreading fields.
 */
import type { JobResult, ProgressReport, TrainingJobSpec } from './job.ts';

export const PROTOCOL_VERSION = 2;

/** Page to worker. One worker runs one job: `start` once, then `stop` or `query` any number of times. */
export type ToWorker =
  | { v: typeof PROTOCOL_VERSION; type: 'start'; job: TrainingJobSpec }
  | { v: typeof PROTOCOL_VERSION; type: 'stop' }
  | { v: typeof PROTOCOL_VERSION; type: 'query'; queryId: number }
  /** The page is busy (a slide change): start no slice in the next `ms`. */
  | { v: typeof PROTOCOL_VERSION; type: 'pause'; ms: number };

/** Worker to page. `ready` is the worker's first message: until it arrives the worker has not proved it can run. */
export type FromWorker =
  | { v: typeof PROTOCOL_VERSION; type: 'ready' }
  | { v: typeof PROTOCOL_VERSION; type: 'progress'; report: ProgressReport }
  | { v: typeof PROTOCOL_VERSION; type: 'status'; queryId: number; report: ProgressReport }
  | { v: typeof PROTOCOL_VERSION; type: 'done'; result: JobResult }
  /** `diverged`: the job stopped at a non-finite loss or weight (see divergence.ts), rebuilt as TrainingDiverged on the page. */
  | { v: typeof PROTOCOL_VERSION; type: 'failed'; message: string; diverged?: { step: number; what: string } };

const TO_WORKER = new Set(['start', 'stop', 'query', 'pause']);
const FROM_WORKER = new Set(['ready', 'progress', 'status', 'done', 'failed']);

function check(data: unknown, types: Set<string>, side: string): string {
  if (typeof data !== 'object' || data === null) throw new TypeError(`${side}: expected a message object, got ${data === null ? 'null' : typeof data}`);
  const { v, type } = data as { v?: unknown; type?: unknown };
  if (v !== PROTOCOL_VERSION) throw new TypeError(`${side}: protocol version ${String(v)} does not match this build's version ${PROTOCOL_VERSION}`);
  if (typeof type !== 'string' || !types.has(type)) throw new TypeError(`${side}: unknown message type ${JSON.stringify(type)}`);
  return type;
}

/** Throws a TypeError naming what is wrong unless `data` is a message a worker accepts. */
export function parseToWorker(data: unknown): ToWorker {
  const type = check(data, TO_WORKER, 'message to the training worker');
  const m = data as Record<string, unknown>;
  if (type === 'start' && (typeof m.job !== 'object' || m.job === null)) throw new TypeError('message to the training worker: "start" needs a job');
  if (type === 'query' && typeof m.queryId !== 'number') throw new TypeError('message to the training worker: "query" needs a numeric queryId');
  if (type === 'pause' && !(typeof m.ms === 'number' && m.ms >= 0 && m.ms <= 10_000)) throw new TypeError('message to the training worker: "pause" needs ms between 0 and 10000');
  return data as ToWorker;
}

/** Throws a TypeError naming what is wrong unless `data` is a message a worker sends. */
export function parseFromWorker(data: unknown): FromWorker {
  check(data, FROM_WORKER, 'message from the training worker');
  return data as FromWorker;
}
