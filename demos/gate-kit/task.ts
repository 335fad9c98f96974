/**
 * The task the gate demos train on: bracket depth with a full stop. Each step reads one
 * character and names the nesting depth after it: "(" opens (one deeper), ")" closes (one
 * shallower, never below 0), "a" changes nothing, "." closes every open bracket at once.
 * A cell must count (write on brackets), hold (keep on "a") and drop everything (forget on
 * "."), the three moments the gates are there for.
 */
import { Rng, type Batch } from '../../src/rnn/index.ts';
import { ALPHABET, MAX_DEPTH } from './alphabet.ts';

export { ALPHABET, CLASSES, MAX_DEPTH, TASK_TEXT } from './alphabet.ts';
export type Symbol = (typeof ALPHABET)[number];

/** Depth after each character, [T]; deeper than MAX_DEPTH counts as MAX_DEPTH. */
export function depths(text: string): number[] {
  let d = 0;
  return Array.from(text, (ch) => {
    if (ch === '(') d++;
    else if (ch === ')') d = Math.max(0, d - 1);
    else if (ch === '.') d = 0;
    return Math.min(d, MAX_DEPTH);
  });
}

export function symbolIndex(ch: string): number {
  const i = (ALPHABET as readonly string[]).indexOf(ch);
  if (i < 0) throw new RangeError(`text: "${ch}" is not one of ${ALPHABET.join(' ')}`);
  return i;
}

/** One random training string of length T: brackets stay within MAX_DEPTH, a stop comes now and then. */
function randomText(rng: Rng, T: number): string {
  let d = 0;
  let out = '';
  for (let t = 0; t < T; t++) {
    const u = rng.uniform();
    let ch: Symbol;
    if (u < 0.1 && d > 0) ch = '.';
    else if (u < 0.35) ch = 'a';
    else if (d === 0) ch = '(';
    else if (d === MAX_DEPTH) ch = ')';
    else ch = u < 0.675 ? '(' : ')';
    out += ch;
    d = ch === '(' ? d + 1 : ch === ')' ? d - 1 : ch === '.' ? 0 : d;
  }
  return out;
}

/** The training set: B seeded strings of T steps, inputs as symbol indices, targets as depths, [B·T] each. */
export function taskBatch(seed: number, B: number, T: number): Batch {
  const rng = new Rng(seed);
  const inputs: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < B; b++) {
    const text = randomText(rng, T);
    inputs.push(...Array.from(text, symbolIndex));
    targets.push(...depths(text));
  }
  return { batchSize: B, steps: T, inputIndices: Int32Array.from(inputs), targetIndices: Int32Array.from(targets) };
}

/** The one sequence a slide shows, as a batch of one. */
export function textBatch(text: string): Batch {
  return { batchSize: 1, steps: Array.from(text).length, inputIndices: Int32Array.from(Array.from(text, symbolIndex)), targetIndices: Int32Array.from(depths(text)) };
}
