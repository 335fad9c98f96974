import { describe, expect, it } from 'vitest';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import type { ProgressReport } from '../../../src/training/job.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { TrainerRegistry } from '../../../src/training/registry.ts';
import { charJob } from './fixtures.ts';

function runAll(runner: JobRunner, budgetMs: number, now: () => number): number {
  let slices = 0;
  while (!runner.runSlice(budgetMs, now)) slices++;
  return slices + 1;
}

describe('JobRunner', () => {
  it('reports every reportEvery steps and after the last, with snapshots when due', () => {
    const reports: ProgressReport[] = [];
    const runner = new JobRunner(charJob({ steps: 10, reportEvery: 4, snapshotEvery: 8 }), builtinTrainers(), (r) => reports.push(r));
    runAll(runner, Infinity, () => 0);
    expect(reports.map((r) => r.jobStep)).toEqual([4, 8, 10]);
    expect(reports.map((r) => r.state !== undefined)).toEqual([false, true, false]);
    expect(reports.every((r) => Number.isFinite(r.loss))).toBe(true);
    expect(runner.result('finished').report.state.step).toBe(10);
  });

  it('gives the same numbers however the time is sliced', () => {
    const whole: ProgressReport[] = [];
    const sliced: ProgressReport[] = [];
    const a = new JobRunner(charJob(), builtinTrainers(), (r) => whole.push(r));
    const b = new JobRunner(charJob(), builtinTrainers(), (r) => sliced.push(r));
    expect(runAll(a, Infinity, () => 0)).toBe(1);
    let t = 0;
    // Every clock read advances time, so each slice holds a single step.
    expect(runAll(b, 1, () => (t += 1))).toBe(12);
    expect(sliced).toEqual(whole);
    expect(b.result('finished')).toEqual(a.result('finished'));
  });

  it('learns: the loss falls on a repeated text', () => {
    const losses: number[] = [];
    const runner = new JobRunner(charJob({ steps: 120, reportEvery: 1 }), builtinTrainers(), (r) => losses.push(r.loss));
    runAll(runner, Infinity, () => 0);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(losses.slice(-12))).toBeLessThan(0.7 * mean(losses.slice(0, 12)));
  });

  it('resumes from a state exactly where it left off (plain SGD has no optimiser state)', () => {
    const sgd = { text: 'abcabcabd abcabd ', hiddenSize: 6, seqLength: 5, optimizer: { kind: 'sgd', learningRate: 0.1 } };
    const straight = new JobRunner(charJob({ config: sgd, steps: 9 }), builtinTrainers(), () => undefined);
    runAll(straight, Infinity, () => 0);
    const first = new JobRunner(charJob({ config: sgd, steps: 4 }), builtinTrainers(), () => undefined);
    runAll(first, Infinity, () => 0);
    const state = structuredClone(first.result('stopped').report.state);
    const second = new JobRunner(charJob({ config: sgd, steps: 5, initial: state }), builtinTrainers(), () => undefined);
    runAll(second, Infinity, () => 0);
    const end = second.result('finished').report;
    expect(end.step).toBe(9);
    expect(end.jobStep).toBe(5);
    expect(end.state).toEqual(straight.result('finished').report.state);
  });

  it('names the unknown trainer and the bad config field', () => {
    expect(() => new JobRunner(charJob({ trainer: 'gru-x' }), builtinTrainers(), () => undefined)).toThrow(/unknown trainer "gru-x" \(known: char-lstm, fused-batch, .*\)/);
    expect(() => new JobRunner(charJob({ config: { text: 'abc' } }), builtinTrainers(), () => undefined)).toThrow(/config\.hiddenSize/);
    expect(() => new JobRunner(charJob({ reportEvery: 0 }), builtinTrainers(), () => undefined)).toThrow(/job\.reportEvery: expected an integer >= 1/);
  });

  it('takes trainers registered by name', () => {
    let n = 0;
    const registry = new TrainerRegistry().register({
      name: 'count',
      create: (_config, seed) => ({ step: () => seed + n++, state: () => ({ step: n, params: {}, extra: {} }) }),
    });
    const losses: number[] = [];
    runAll(new JobRunner(charJob({ trainer: 'count', seed: 100, steps: 3, reportEvery: 1 }), registry, (r) => losses.push(r.loss)), Infinity, () => 0);
    expect(losses).toEqual([100, 101, 102]);
    expect(() => registry.register({ name: 'count', create: () => { throw new Error('unused'); } })).toThrow(/already registered/);
  });
});
