/**
 * Trained weights in a demo's state: flattened in parameter order and rounded to float32's
 * seven significant digits, so both windows compute from the very same numbers and the
 * state stays small JSON.
 */
import type { ParamSet } from '../rnn/params.ts';

/** The weights of `ps` as one list, in its parameter order, rounded. */
export function flattenWeights(ps: ParamSet): number[] {
  return Object.values(ps).flatMap((p) => Array.from(p.data, (w) => Number(w.toPrecision(7))));
}

/** Writes a flat list back into a copy of `template` (same names, shapes and order). */
export function unflattenWeights(template: ParamSet, flat: readonly number[]): ParamSet {
  const out: ParamSet = {};
  let k = 0;
  for (const [name, p] of Object.entries(template)) {
    const data = new Float64Array(p.data.length);
    for (let i = 0; i < data.length; i++) data[i] = flat[k++] ?? Number.NaN;
    out[name] = { ...p, data };
  }
  if (k !== flat.length) throw new RangeError(`weights: expected ${k} numbers, got ${flat.length}`);
  return out;
}

/** How many numbers a flattened parameter set holds. */
export function weightCount(ps: ParamSet): number {
  return Object.values(ps).reduce((n, p) => n + p.data.length, 0);
}
