/**
 * Argument checks that run before any tensor is allocated, so that bad input fails with
 * a message naming the argument instead of a shape error deep inside tfjs.
 */

/** Largest hidden size accepted: far beyond what a live widget can train, small enough to catch typos. */
export const MAX_HIDDEN_SIZE = 4096;

function show(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

/** Throws unless value is an integer in [min, max]. */
export function checkInt(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name}: expected an integer ${range}, got ${show(value)}`);
  }
  return value;
}

/** Throws unless value is a finite number (optionally > 0 or >= 0). */
export function checkFinite(name: string, value: unknown, sign: 'any' | 'positive' | 'nonnegative' = 'any'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name}: expected a finite number, got ${show(value)}`);
  }
  if (sign === 'positive' && !(value > 0)) throw new RangeError(`${name}: expected a finite number > 0, got ${value}`);
  if (sign === 'nonnegative' && !(value >= 0)) throw new RangeError(`${name}: expected a finite number >= 0, got ${value}`);
  return value;
}

/** Throws unless value is one of the allowed strings. */
export function checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${name}: expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** Throws unless the array has the expected length. */
export function checkLength(name: string, value: ArrayLike<unknown>, expected: number): void {
  if (value.length !== expected) {
    throw new RangeError(`${name}: expected length ${expected}, got length ${value.length}`);
  }
}

/** Throws unless every entry is an integer index in [0, size). */
export function checkIndices(name: string, values: ArrayLike<number>, size: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v >= size) {
      throw new RangeError(`${name}: expected integer indices in [0, ${size - 1}], got ${show(v)} at position ${i}`);
    }
  }
}

/** Throws unless every entry is finite. */
export function checkAllFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}: expected finite values, got ${show(values[i])} at position ${i}`);
  }
}
