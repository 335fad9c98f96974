/** Checking typed answers: shared by the build (which validates the fences) and the page (which checks). */

/** A plain decimal number as authors and students write it. */
export const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Whether a typed answer is right: within the tolerance, or exactly equal up to rounding of the last digit. */
export function numberMatches(typed: number, check: { answer: number; tolerance: { value: number; relative: boolean } }): boolean {
  if (!Number.isFinite(typed)) return false;
  const allowed = check.tolerance.relative ? check.tolerance.value * Math.abs(check.answer) : check.tolerance.value;
  return Math.abs(typed - check.answer) <= allowed + 1e-12 * Math.max(1, Math.abs(check.answer));
}

/** A typed answer as a number: a comma works as the decimal mark, spaces and a trailing % are read as written. */
export function readTypedNumber(text: string): number {
  const t = text.trim().replace(/\s+/g, '').replace(',', '.');
  if (t.endsWith('%')) return NUMBER.test(t.slice(0, -1)) ? Number(t.slice(0, -1)) / 100 : NaN;
  return NUMBER.test(t) ? Number(t) : NaN;
}
