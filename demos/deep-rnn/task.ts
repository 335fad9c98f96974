/**
 * The task: a stream of random bits; at every step, tag whether the last WINDOW bits
 * (fewer at the start) hold an odd number of ones. A stack can split the work, a lower
 * layer holding the recent bits and an upper one combining them; one layer has to do both
 * with the same units.
 */
import { Rng, type Batch } from '../../src/rnn/index.ts';

export const WINDOW = 4;

export interface Streams {
  /** Bits per stream, [B][T]. */
  inputs: number[][];
  /** Parity of the last WINDOW bits per step, [B][T]. */
  tags: number[][];
}

/** Parity of the last WINDOW bits at every step of one stream. */
export function windowParity(bits: readonly number[]): number[] {
  return bits.map((_, t) => {
    let p = 0;
    for (let k = Math.max(0, t - WINDOW + 1); k <= t; k++) p ^= bits[k]!;
    return p;
  });
}

/** `count` streams of `length` bits drawn from `seed`. */
export function makeStreams(seed: number, count: number, length: number): Streams {
  const rng = new Rng(seed);
  const inputs = Array.from({ length: count }, () => Array.from({ length }, () => rng.int(2)));
  return { inputs, tags: inputs.map(windowParity) };
}

/** The streams as the core's batch: one-hot bits in, a tag per step out. */
export function streamsBatch(s: Streams): Batch {
  return {
    batchSize: s.inputs.length,
    steps: s.inputs[0]?.length ?? 0,
    inputIndices: Int32Array.from(s.inputs.flat()),
    targetIndices: Int32Array.from(s.tags.flat()),
  };
}
