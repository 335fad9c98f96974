import type { TrainingJobSpec } from '../../../src/training/index.ts';
import type { SliceClock } from '../../../src/training/slices.ts';

export const TEXT = 'hello world, hello recurrent world. ';

export function charJob(over: Partial<TrainingJobSpec> = {}): TrainingJobSpec {
  return {
    trainer: 'char-lstm',
    config: { text: TEXT, hiddenSize: 8, seqLength: 6, optimizer: { kind: 'adam', learningRate: 0.01 }, clip: { kind: 'norm', threshold: 5 } },
    seed: 7,
    steps: 12,
    reportEvery: 3,
    ...over,
  };
}

/**
 * A clock the test drives: time moves by `perRead` ms at every now() (and wherever a test
 * trainer moves it), and deferred slices run only when the test calls tick() or flush().
 */
export class FakeClock implements SliceClock {
  t = 0;
  readonly queue: (() => void)[] = [];
  constructor(private readonly perRead = 0) {}
  now = () => (this.t += this.perRead);
  defer(next: () => void): () => void {
    let live = true;
    this.queue.push(() => live && next());
    return () => {
      live = false;
    };
  }
  /** Runs one pending slice; false when none is pending. */
  tick(): boolean {
    const f = this.queue.shift();
    if (!f) return false;
    f();
    return true;
  }
  flush(): number {
    let n = 0;
    while (this.tick()) n++;
    return n;
  }
}
