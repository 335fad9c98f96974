import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { TrainerRegistry } from '../../../src/training/registry.ts';
import { MAIN_THREAD_SLICE_MS, pausableClock, runInSlices } from '../../../src/training/slices.ts';
import { FakeClock, charJob } from './fixtures.ts';

/** A trainer whose every step costs `ms` of the fake clock's time. */
function timedRegistry(clock: FakeClock, ms: number, failAt = Infinity): TrainerRegistry {
  let n = 0;
  return new TrainerRegistry().register({
    name: 'timed',
    create: () => ({
      step() {
        if (n === failAt) throw new Error(`step ${n} failed`);
        clock.t += ms;
        return n++;
      },
      state: () => ({ step: n, params: {}, extra: {} }),
    }),
  });
}

describe('runInSlices (main-thread fallback scheduler)', () => {
  it('keeps every slice under the budget and yields between slices', () => {
    const clock = new FakeClock();
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 20, reportEvery: 1 }), timedRegistry(clock, 1.5), () => undefined);
    let finished = 0;
    runInSlices(runner, MAIN_THREAD_SLICE_MS, clock, () => finished++, (e) => { throw e; });
    expect(runner.report(false).jobStep).toBe(0); // nothing runs synchronously
    const lengths: number[] = [];
    while (clock.queue.length > 0) {
      const t0 = clock.t;
      clock.tick();
      lengths.push(clock.t - t0);
    }
    expect(finished).toBe(1);
    expect(runner.finished).toBe(true);
    expect(Math.max(...lengths)).toBeLessThan(8);
    expect(lengths.length).toBeGreaterThan(3);
  });

  it('a step longer than the budget still progresses, one per slice', () => {
    const clock = new FakeClock();
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 3, reportEvery: 1 }), timedRegistry(clock, 20), () => undefined);
    runInSlices(runner, MAIN_THREAD_SLICE_MS, clock, () => undefined, () => undefined);
    expect(clock.flush()).toBe(3);
    expect(runner.finished).toBe(true);
  });

  it('stops before the next slice and never calls back afterwards', () => {
    const clock = new FakeClock();
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 100, reportEvery: 1 }), timedRegistry(clock, 2), () => undefined);
    let calls = 0;
    const loop = runInSlices(runner, MAIN_THREAD_SLICE_MS, clock, () => calls++, () => calls++);
    clock.tick();
    clock.tick();
    const reached = runner.report(false).jobStep;
    loop.stop();
    expect(loop.running).toBe(false);
    expect(clock.flush()).toBeLessThanOrEqual(1);
    expect(runner.report(false).jobStep).toBe(reached);
    expect(calls).toBe(0);
  });

  it('reports a failing step once and ends', () => {
    const clock = new FakeClock();
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 10, reportEvery: 1 }), timedRegistry(clock, 1, 4), () => undefined);
    const errors: unknown[] = [];
    runInSlices(runner, 100, clock, () => errors.push('finished'), (e) => errors.push(e));
    clock.flush();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/step 4 failed/);
  });
});

describe('pausableClock (a slide change pauses training)', () => {
  /** Waits the test runs by hand: each records how long it was asked to wait. */
  function manualWaits() {
    const waits: { ms: number; next: () => void; live: boolean }[] = [];
    const wait = (ms: number, next: () => void) => {
      const w = { ms, next, live: true };
      waits.push(w);
      return () => (w.live = false);
    };
    return { waits, wait };
  }

  it('starts no slice while paused, and the next one once the pause is over', () => {
    const base = new FakeClock();
    const { waits, wait } = manualWaits();
    const clock = pausableClock(base, wait);
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 100, reportEvery: 1 }), timedRegistry(base, 2), () => undefined);
    runInSlices(runner, MAIN_THREAD_SLICE_MS, clock, () => undefined, () => undefined);
    base.tick();
    const afterOne = runner.report(false).jobStep;
    expect(afterOne).toBeGreaterThan(0);
    clock.pause(250);
    base.tick(); // the deferred slice finds the clock paused and waits instead
    expect(runner.report(false).jobStep).toBe(afterOne);
    expect(waits).toHaveLength(1);
    expect(waits[0]!.ms).toBeGreaterThan(200);
    expect(waits[0]!.ms).toBeLessThanOrEqual(250);
    base.t += 250;
    waits[0]!.next();
    expect(runner.report(false).jobStep).toBeGreaterThan(afterOne);
  });

  it('a later pause extends an earlier one, and stop() cancels a waiting slice', () => {
    const base = new FakeClock();
    const { waits, wait } = manualWaits();
    const clock = pausableClock(base, wait);
    const runner = new JobRunner(charJob({ trainer: 'timed', steps: 100, reportEvery: 1 }), timedRegistry(base, 2), () => undefined);
    const loop = runInSlices(runner, MAIN_THREAD_SLICE_MS, clock, () => undefined, () => undefined);
    clock.pause(100);
    base.t += 50;
    clock.pause(100);
    base.tick();
    expect(waits[0]!.ms).toBe(100);
    base.t += 60;
    waits[0]!.next(); // 40 ms of the second pause are left
    expect(runner.report(false).jobStep).toBe(0);
    expect(waits[1]!.ms).toBe(40);
    loop.stop();
    expect(waits[1]!.live).toBe(false);
  });
});
