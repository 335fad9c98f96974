import { describe, expect, it } from 'vitest';
import { DemoTraining } from '../../../src/widgets/training-jobs.ts';
import type { TrainingJobSpec } from '../../../src/training/index.ts';

/** A character LSTM long enough that it is still running when the demo's slide goes away. */
const longJob: TrainingJobSpec = {
  trainer: 'char-lstm',
  config: { text: 'hello world, hello world', hiddenSize: 8, seqLength: 8, optimizer: { kind: 'sgd', learningRate: 0.1 } },
  seed: 1,
  steps: 1_000_000,
  reportEvery: 10,
};

describe('a demo’s training jobs', () => {
  it('end when the runtime cancels them (the slide went away), resolving null', async () => {
    const training = new DemoTraining();
    const reports: number[] = [];
    const result = training.run(longJob, (r) => reports.push(r.step));
    await expect.poll(() => reports.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(training.running).toBe(1);
    training.cancelAll();
    await expect(result).resolves.toBeNull();
    expect(training.running).toBe(0);
  });

  it('finish with their final state when not cancelled', async () => {
    const training = new DemoTraining();
    const result = await training.run({ ...longJob, steps: 20 });
    expect(result?.reason).toBe('finished');
    expect(result?.report.step).toBe(20);
  });

  it('that start after a cancel, while the host was still loading, never run', async () => {
    const training = new DemoTraining();
    const pending = training.run(longJob);
    training.cancelAll();
    await expect(pending).resolves.toBeNull();
  });
});
