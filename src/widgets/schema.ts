/**
 * One schema per demo. A demo's schema.ts declares its parameters and its state with the
 * builders below (valibot schemas underneath); from that one declaration come the
 * TypeScript types, the parser of a Markdown fence's `key: value` lines (at build time,
 * with file:line, and in the page), the defaults, the parser of states that arrive from
 * the URL or the other window, and the ranges of the controls.
 *
 * valibot: its functions are separate exports, so the page carries only the few it uses
 * (about 2 KB gzip here, against about 13 KB for zod's core and 10 KB for TypeBox's value checker).
 */
import * as v from 'valibot';

export type Field = v.GenericSchema<unknown, unknown>;
type FieldOf<T> = v.GenericSchema<T, T>;

/** A whole number in [min, max]. */
export const integer = (min: number, max: number): FieldOf<number> => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
/** A finite number in [min, max]. */
export const number = (min: number, max: number): FieldOf<number> => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
/** Non-empty text of at most maxLength characters (code points), matching pattern if given. */
export function text(maxLength: number, pattern?: RegExp): FieldOf<string> {
  const fits = v.check((s: string) => Array.from(s).length <= maxLength, `at most ${maxLength} characters`);
  return pattern ? v.pipe(v.string(), v.minLength(1), fits, v.regex(pattern)) : v.pipe(v.string(), v.minLength(1), fits);
}
export const flag = (): FieldOf<boolean> => v.boolean();
export const choice = <const T extends string>(values: readonly T[]): FieldOf<T> => v.picklist(values as T[]) as unknown as FieldOf<T>;
/** A list of finite numbers of one exact length. */
export const numbers = (length: number): FieldOf<number[]> => v.pipe(v.array(v.pipe(v.number(), v.finite())), v.length(length));
/** Finite numbers, at most maxLength of them (a list whose exact length is checked where it is read). */
export const numberList = (maxLength: number): FieldOf<number[]> => v.pipe(v.array(v.pipe(v.number(), v.finite())), v.maxLength(maxLength));
export const nullable = <T>(field: FieldOf<T>): FieldOf<T | null> => v.nullable(field) as unknown as FieldOf<T | null>;
/** A pair of numbers, each in its range. */
export const pair = (a: FieldOf<number>, b: FieldOf<number>): FieldOf<[number, number]> => v.tuple([a, b]) as unknown as FieldOf<[number, number]>;

/** A Markdown parameter: its type, its default and what it means (shown in errors and docs). */
export interface ParamDef<T = unknown> {
  field: FieldOf<T>;
  default: T;
  description: string;
}
export const param = <T>(field: FieldOf<T>, defaultValue: T, description: string): ParamDef<T> => ({ field, default: defaultValue, description });

export type ParamTable = Record<string, ParamDef<never> | ParamDef<number> | ParamDef<string> | ParamDef<boolean>>;
export type ParamsOf<T extends ParamTable> = { [K in keyof T]: T[K]['default'] };
export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

/** The kind of a field, read from its valibot schema: it decides how a Markdown value is read. */
export function fieldKind(field: Field): 'integer' | 'number' | 'string' | 'boolean' | 'choice' | 'other' {
  const s = field as { type: string; pipe?: { type: string }[] };
  if (s.type === 'picklist') return 'choice';
  if (s.type === 'boolean') return 'boolean';
  const base = s.pipe?.[0]?.type ?? s.type;
  if (base === 'number') return s.pipe?.some((p) => p.type === 'integer') ? 'integer' : 'number';
  if (base === 'string') return 'string';
  return 'other';
}

/** [min, max] of a number field, for sliders and messages. */
export function rangeOf(field: Field): [number, number] | null {
  const pipe = (field as { pipe?: { type: string; requirement?: unknown }[] }).pipe ?? [];
  const min = pipe.find((p) => p.type === 'min_value')?.requirement;
  const max = pipe.find((p) => p.type === 'max_value')?.requirement;
  return typeof min === 'number' && typeof max === 'number' ? [min, max] : null;
}

export function choicesOf(field: Field): readonly string[] {
  return (field as { options?: readonly string[] }).options ?? [];
}

/** Parses a value against a field; null when it does not fit. */
export function check<T>(field: v.GenericSchema<unknown, T>, value: unknown): T | null {
  const r = v.safeParse(field, value);
  return r.success ? r.output : null;
}

/** Why a value does not fit its field, in words a slide author understands. */
export function describeMismatch(key: string, field: Field, value: unknown): string | null {
  const r = v.safeParse(field, value);
  if (r.success) return null;
  // JSON shows NaN and Infinity as null, which names nothing the author wrote.
  const shown = typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : JSON.stringify(value);
  const kind = fieldKind(field);
  const range = rangeOf(field);
  if ((kind === 'integer' || kind === 'number') && typeof value === 'number' && Number.isFinite(value)) {
    if (kind === 'integer' && !Number.isInteger(value)) return `"${key}" must be a whole number, got ${shown}`;
    if (range) return `"${key}" must be between ${range[0]} and ${range[1]}, got ${shown}`;
  }
  if (kind === 'choice') return `"${key}" must be one of ${choicesOf(field).join(', ')}, got ${shown}`;
  if (kind === 'string' && typeof value === 'string') {
    if (value.length === 0) return `"${key}" must not be empty`;
    return `"${key}" ${r.issues[0].message.startsWith('at most') ? `must be ${r.issues[0].message}` : `does not fit: ${r.issues[0].message}`}, got ${shown}`;
  }
  const wanted = { integer: 'a whole number', number: 'a finite number', boolean: 'a boolean', string: 'a string', choice: 'a choice', other: 'valid' }[kind];
  return `"${key}" must be ${wanted}, got ${shown}`;
}

/** How a Markdown `key: value` is read for a field of this kind. */
function readRaw(kind: ReturnType<typeof fieldKind>, raw: string): unknown {
  switch (kind) {
    case 'integer':
    case 'number': {
      // A word stays a word, so the message shows what was written rather than NaN.
      const n = Number(raw);
      return raw === '' || Number.isNaN(n) ? raw : n;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    default:
      return raw.replace(/^"(.*)"$/, '$1');
  }
}

export interface ParamProblem {
  /** 1-based line inside the fence body, 0 for the whole block. */
  line: number;
  message: string;
}

export interface FenceLine {
  key: string;
  raw: string;
  line: number;
}

/** Splits the `key: value` lines of a demo fence; `#` starts a comment line. */
export function parseParamLines(body: string): { entries: FenceLine[]; problems: ParamProblem[] } {
  const entries: FenceLine[] = [];
  const problems: ParamProblem[] = [];
  body.split('\n').forEach((textLine, i) => {
    const line = i + 1;
    const trimmed = textLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(trimmed);
    if (!m) problems.push({ line, message: `expected "key: value", got "${trimmed}"` });
    else entries.push({ key: m[1]!, raw: m[2]!.trim(), line });
  });
  return { entries, problems };
}

/** Keys every fence takes besides the demo's own parameters. */
export const FENCE_KEYS = ['id', 'challenge'] as const;

/**
 * A fence's parameters: defaults, overridden by its lines, each checked against its field.
 * `id` and `challenge` are read by the build, not here.
 */
export function validateParams(demo: { name: string; params: ParamTable }, body: string): { values: ParamValues; problems: ParamProblem[] } {
  const { entries, problems } = parseParamLines(body);
  const values = defaultParams(demo.params);
  const seen = new Set<string>();
  for (const { key, raw, line } of entries) {
    if (seen.has(key)) problems.push({ line, message: `parameter "${key}" is given twice` });
    seen.add(key);
    if ((FENCE_KEYS as readonly string[]).includes(key)) continue;
    const def = demo.params[key];
    if (!def) {
      const known = Object.keys(demo.params).join(', ') || 'none';
      problems.push({ line, message: `unknown parameter "${key}" for demo "${demo.name}" (known: ${known}, and id, challenge)` });
      continue;
    }
    const field = def.field as Field;
    const value = readRaw(fieldKind(field), raw);
    const mismatch = describeMismatch(key, field, value);
    if (mismatch) problems.push({ line, message: mismatch });
    else values[key] = value as ParamValue;
  }
  return { values, problems: problems.sort((a, b) => a.line - b.line) };
}

export function defaultParams(table: ParamTable): ParamValues {
  const values: ParamValues = {};
  for (const [key, def] of Object.entries(table)) values[key] = def.default as ParamValue;
  return values;
}

/** Every default that breaks its own field: the build fails on any. */
export function defaultProblems(table: ParamTable): string[] {
  const out: string[] = [];
  for (const [key, def] of Object.entries(table)) {
    const mismatch = describeMismatch(key, def.field as Field, def.default);
    if (mismatch) out.push(`default of ${mismatch}`);
  }
  return out;
}

/** An object schema for a demo's state, from named fields. */
export const stateSchema = <E extends Record<string, Field>>(entries: E) => v.strictObject(entries);
export type StateOf<S> = S extends v.GenericSchema<unknown, infer O> ? O : never;

