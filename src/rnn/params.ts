/**
 * Plain float64 parameter containers shared by the reference path, the tfjs path and the
 * fast path. Weights live in row-major Float64Arrays with an explicit shape so the same
 * seeded values can be handed to any backend.
 */

/** A dense array with a shape; data is row-major, length = product of shape. */
export interface Array64 {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Named parameters, e.g. "layer0.fw.W" → shape [I, 4H]. */
export type ParamSet = Record<string, Array64>;

export function zerosLike(p: Array64): Array64 {
  return { shape: [...p.shape], data: new Float64Array(p.data.length) };
}

export function zerosParamSet(ps: ParamSet): ParamSet {
  const out: ParamSet = {};
  for (const [k, v] of Object.entries(ps)) out[k] = zerosLike(v);
  return out;
}

export function cloneParamSet(ps: ParamSet): ParamSet {
  const out: ParamSet = {};
  for (const [k, v] of Object.entries(ps)) out[k] = { shape: [...v.shape], data: Float64Array.from(v.data) };
  return out;
}

/** Adds b into a in place (same keys and shapes). */
export function addInto(a: ParamSet, b: ParamSet): void {
  for (const [k, v] of Object.entries(b)) {
    const t = a[k];
    if (!t) throw new RangeError(`params: missing "${k}"`);
    for (let i = 0; i < v.data.length; i++) t.data[i] = (t.data[i] ?? 0) + (v.data[i] ?? 0);
  }
}

export function scaleInto(a: ParamSet, s: number): void {
  for (const v of Object.values(a)) for (let i = 0; i < v.data.length; i++) v.data[i] = (v.data[i] ?? 0) * s;
}

/** Euclidean norm over every entry of every parameter (the "global norm"). */
export function globalNorm(ps: ParamSet): number {
  let s = 0;
  for (const v of Object.values(ps)) for (const x of v.data) s += x * x;
  return Math.sqrt(s);
}

export function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) ** 2;
  return Math.sqrt(s);
}
