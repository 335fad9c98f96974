import type { Json } from './contract.ts';

/**
 * A demo's text alternative: what its picture shows now, in words, for a screen reader and
 * for the snapshot that stands in for it. Built by the runtime for every demo from the
 * same numbers scripts read (the demo's `metric`, else the plain fields of its state), so
 * it follows the state without any demo writing it: "loss 1.41, train steps 120".
 */

/** Longest description: a screen reader reads all of it on every visit. */
const MAX_CHARS = 320;
/** A state's arrays and long strings (weights, curves, texts) are data, not a reading. */
const MAX_STRING = 40;
/** Fields that set up a run rather than say what it shows. */
const SKIPPED_KEYS = new Set(['seed', 'weights', 'frame', 'playing']);

/** camelCase and snake_case keys as words: `trainSteps` → "train steps". */
export function keyWords(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** A number as a reader wants it: integers whole, others with three significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'not a number' : v > 0 ? 'infinite' : 'minus infinite';
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

function phrase(key: string, value: Json, depth: number): string | null {
  const words = keyWords(key);
  if (value === null) return `${words} none yet`;
  if (typeof value === 'boolean') return value ? words : `not ${words}`;
  if (typeof value === 'number') return `${words} ${formatNumber(value)}`;
  if (typeof value === 'string') return value.length <= MAX_STRING ? `${words} ${value}` : null;
  if (Array.isArray(value)) return null;
  if (depth > 0) return null;
  const inner = describeFields(value, depth + 1);
  return inner ? `${words}: ${inner}` : null;
}

function describeFields(fields: { [key: string]: Json }, depth: number): string {
  return Object.entries(fields)
    .filter(([k]) => !SKIPPED_KEYS.has(k))
    .map(([k, v]) => phrase(k, v, depth))
    .filter((p): p is string => p !== null)
    .join(depth === 0 ? '; ' : ', ');
}

/**
 * The sentence for a demo: its one-line summary, then what it shows now, from `metric` when
 * the demo reports one, else from its state's plain fields.
 */
export function describeDemo(summary: string, metric: Record<string, Json> | undefined, state: unknown): string {
  const fields = metric ?? (state !== null && typeof state === 'object' && !Array.isArray(state) ? (state as { [key: string]: Json }) : {});
  const now = describeFields(fields, 0);
  const text = now ? `${summary.replace(/\.?\s*$/, '.')} Now: ${now}.` : summary;
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1).replace(/[,;:]?\s*\S*$/, '')}…`;
}
