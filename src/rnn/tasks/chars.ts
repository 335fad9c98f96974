/** Character-level language-model data: vocabulary, encoding and seeded sequence batches. */
import type { Batch } from '../batch.ts';
import type { Rng } from '../random.ts';
import { checkIndices, checkInt } from '../validate.ts';

export interface CharCorpus {
  text: string;
  /** Distinct characters (code points) in first-appearance order, unless given explicitly. */
  vocab: string[];
  /** The text as vocabulary indices. */
  ids: Int32Array;
  encode(s: string): number[];
  decode(ids: readonly number[]): string;
}

/**
 * A corpus over the text's characters. Iterates by code point, so emoji and Vietnamese
 * diacritics are single tokens. `vocab` fixes the order (e.g. ['h', 'e', 'l', 'o']).
 */
export function charCorpus(text: string, vocab?: readonly string[]): CharCorpus {
  const chars = Array.from(text);
  if (chars.length < 2) throw new RangeError(`text: expected at least 2 characters, got ${chars.length}`);
  const v = vocab ? [...vocab] : [...new Set(chars)];
  if (new Set(v).size !== v.length) throw new RangeError('vocab: expected distinct characters, got duplicates');
  const index = new Map(v.map((c, i) => [c, i]));
  const encode = (s: string) =>
    Array.from(s).map((c, i) => {
      const k = index.get(c);
      if (k === undefined) throw new RangeError(`text: character ${JSON.stringify(c)} at position ${i} is not in the vocabulary`);
      return k;
    });
  const decode = (ids: readonly number[]) => {
    checkIndices('ids', ids, v.length);
    return ids.map((i) => v[i]!).join('');
  };
  return { text, vocab: v, ids: Int32Array.from(encode(text)), encode, decode };
}

/** The lecture's four-letter example: vocabulary [h, e, l, o], input "hell", targets "ello". */
export function helloExample(): { corpus: CharCorpus; batch: Batch } {
  const corpus = charCorpus('hello', ['h', 'e', 'l', 'o']);
  const ids = Array.from(corpus.ids);
  return {
    corpus,
    batch: { batchSize: 1, steps: 4, inputIndices: Int32Array.from(ids.slice(0, 4)), targetIndices: Int32Array.from(ids.slice(1)) },
  };
}

/**
 * `batchSize` windows of `steps` characters at seeded random offsets; targets are the
 * inputs shifted by one (next-character prediction at every step).
 */
export function charBatch(corpus: CharCorpus, rng: Rng, steps: number, batchSize: number): Batch {
  checkInt('steps (sequence length)', steps, 1, corpus.ids.length - 1);
  checkInt('batchSize', batchSize, 1, 1 << 16);
  const inputIndices = new Int32Array(batchSize * steps);
  const targetIndices = new Int32Array(batchSize * steps);
  for (let b = 0; b < batchSize; b++) {
    const start = rng.int(corpus.ids.length - steps);
    inputIndices.set(corpus.ids.subarray(start, start + steps), b * steps);
    targetIndices.set(corpus.ids.subarray(start + 1, start + steps + 1), b * steps);
  }
  return { batchSize, steps, inputIndices, targetIndices };
}

/** Consecutive windows from `position` (min-char-rnn's sweep through the text); returns the next position. */
export function charSweep(corpus: CharCorpus, position: number, steps: number): { batch: Batch; next: number } {
  checkInt('steps (sequence length)', steps, 1, corpus.ids.length - 1);
  const p = position + steps + 1 > corpus.ids.length ? 0 : checkInt('position', position, 0);
  return {
    batch: { batchSize: 1, steps, inputIndices: corpus.ids.slice(p, p + steps), targetIndices: corpus.ids.slice(p + 1, p + steps + 1) },
    next: p + steps,
  };
}
