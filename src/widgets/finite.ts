/**
 * The demo kit's guard against numbers that are not numbers. A demo state or metric holding
 * NaN or ±Infinity means its model has diverged (or a bookmark carried an overflowed
 * weight): drawing it would show "NaN" or an empty chart, and syncing it would spread it to
 * the clone. The runtime checks every new state and metric with this before it draws.
 */

/** Where the first non-finite number sits in a JSON-like value, as `loss` or `curve[12][1]`; null when none. */
export function nonFinitePath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'value';
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (ArrayBuffer.isView(value)) {
    const data = value as unknown as ArrayLike<number>;
    for (let i = 0; i < data.length; i++) if (typeof data[i] === 'number' && !Number.isFinite(data[i])) return `${path}[${i}]`;
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const found = nonFinitePath(v, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/** `NaN`, `Infinity` or `-Infinity`: the value at a path nonFinitePath returned. */
export function describeNonFinite(value: unknown, path: string): string {
  let v: unknown = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) v = (v as Record<string, unknown> | undefined)?.[part];
  return typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(v);
}
