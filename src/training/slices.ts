/**
 * Runs a JobRunner slice after slice, yielding to the event loop in between so that
 * input, rendering and stop requests get through. Used on the main thread (slices under
 * one frame's spare time) and inside the worker (where the pause lets `stop` and `query`
 * messages in).
 */
import type { JobRunner } from './job-runner.ts';

export interface SliceClock {
  now(): number;
  /** Calls `next` after yielding to the event loop; returns a function that cancels the call. */
  defer(next: () => void): () => void;
}

/** Main-thread slices stay well under 8 ms so a 60 Hz frame keeps most of its time. */
export const MAIN_THREAD_SLICE_MS = 6;
/** A worker's slice bounds how long a stop, query or pause message waits. */
export const WORKER_SLICE_MS = 8;

/**
 * A yield that is not clamped like nested setTimeout: a MessageChannel message is a
 * new task, so the browser may render and handle input before it runs.
 */
export function messageChannelClock(): SliceClock {
  const now = () => performance.now();
  if (typeof MessageChannel === 'undefined') {
    return { now, defer: (next) => { const t = setTimeout(next, 0); return () => clearTimeout(t); } };
  }
  return {
    now,
    defer(next) {
      const ch = new MessageChannel();
      let live = true;
      ch.port1.onmessage = () => {
        ch.port1.close();
        if (live) next();
      };
      ch.port2.postMessage(null);
      return () => {
        live = false;
        ch.port1.close();
      };
    },
  };
}

/** A clock whose deferred slices wait while it is paused (see quiet.ts). */
export interface PausableClock extends SliceClock {
  /** No slice starts in the next `ms` (a later pause extends an earlier one). */
  pause(ms: number): void;
}

type Wait = (ms: number, next: () => void) => () => void;
const timeoutWait: Wait = (ms, next) => {
  const t = setTimeout(next, ms);
  return () => clearTimeout(t);
};

export function pausableClock(base: SliceClock, wait: Wait = timeoutWait): PausableClock {
  let until = -Infinity;
  return {
    now: base.now,
    pause(ms) {
      until = Math.max(until, base.now() + ms);
    },
    defer(next) {
      let cancel: () => void;
      const attempt = () => {
        const left = until - base.now();
        if (left > 0) cancel = wait(left, attempt);
        else next();
      };
      cancel = base.defer(attempt);
      return () => cancel();
    },
  };
}

export interface SliceLoop {
  /** Ends the loop before its next slice; the runner keeps the state it reached. */
  stop(): void;
  readonly running: boolean;
}

/**
 * Starts running `runner` in slices of `budgetMs`. The first slice runs after a yield,
 * never synchronously. `onFinish` is called once, after the slice that takes the last
 * step; `onError` if a step throws. Neither is called after stop().
 */
export function runInSlices(
  runner: JobRunner,
  budgetMs: number,
  clock: SliceClock,
  onFinish: () => void,
  onError: (error: unknown) => void,
): SliceLoop {
  let cancelPending: (() => void) | null = null;
  let running = true;
  const slice = () => {
    cancelPending = null;
    if (!running) return;
    let done: boolean;
    try {
      done = runner.runSlice(budgetMs, clock.now);
    } catch (e) {
      running = false;
      onError(e);
      return;
    }
    if (done) {
      running = false;
      onFinish();
    } else if (running) {
      cancelPending = clock.defer(slice);
    }
  };
  cancelPending = clock.defer(slice);
  return {
    stop() {
      running = false;
      cancelPending?.();
      cancelPending = null;
    },
    get running() {
      return running;
    },
  };
}
