/**
 * The sentiment data of demos/sentiment: tokens, a fixed held-out split, the vocabulary
 * of the training sentences (0 = padding, masked; 1 = a word never seen in training), and
 * pre-padded id batches, as Keras' pad_sequences pads by default.
 */
import { Rng } from '../../src/rnn/index.ts';
import { parseSentences, type LabelledSentence } from './sentences.ts';

export const PAD = 0;
export const UNKNOWN = 1;
/**
 * Every fifth sentence of each label is held out: never trained on, its words may be
 * unknown to the model. The positive and negative lists are written as near mirror images
 * line by line ("a wonderful film…" / "a boring film…"), so the split goes by the position
 * within its label: a held-out sentence's mirror is held out with it, and the test asks for
 * sentiment words learnt elsewhere rather than for the opposite of a twin.
 */
export const HELD_OUT_EVERY = 5;
/** Words a typed sentence may have: it is cut to its last MAX_WORDS, as pad_sequences truncates. */
export const MAX_WORDS = 16;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
}

export interface SentimentData {
  /** Word of each id: [PAD, UNKNOWN, …words by frequency in the training sentences]. */
  vocab: string[];
  index: Map<string, number>;
  train: LabelledSentence[];
  test: LabelledSentence[];
}

export function sentimentData(): SentimentData {
  const all = parseSentences();
  const seen = [0, 0];
  const heldOut = all.map((s) => seen[s.label]!++ % HELD_OUT_EVERY === HELD_OUT_EVERY - 1);
  const train = all.filter((_, i) => !heldOut[i]);
  const test = all.filter((_, i) => heldOut[i]);
  const counts = new Map<string, number>();
  for (const s of train) for (const w of tokenize(s.text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  const vocab = ['<pad>', '<unknown>', ...words];
  return { vocab, index: new Map(vocab.map((w, i) => [w, i])), train, test };
}

/** Word ids of a text (unknown words → UNKNOWN), its last MAX_WORDS. */
export function encode(data: SentimentData, text: string): number[] {
  return tokenize(text)
    .slice(-MAX_WORDS)
    .map((w) => data.index.get(w) ?? UNKNOWN);
}

/** Rows pre-padded with PAD to a common length (the longest row, at least 1): [N][T], row-major. */
export function padBatch(rows: readonly number[][]): { ids: Int32Array; steps: number } {
  const steps = Math.max(1, ...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * steps);
  rows.forEach((r, i) => ids.set(r, i * steps + steps - r.length));
  return { ids, steps };
}

/** The order of the training sentences in one epoch: a seeded shuffle, the same for the same seed and epoch. */
export function epochOrder(seed: number, epoch: number, n: number): number[] {
  const rng = new Rng(seed * 100_003 + epoch);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
