/** Where a log10 value lands on a log-scale plot: pure numbers, shared by the gradient-norm demos and their tests. */

export type Clip = 'over' | 'under' | null;

/**
 * Where a log10 value lands on a plot spanning [lo, hi] decades: clamped one decade past
 * the frame (the canvas clip cuts it at the edge) and flagged, so nothing drawn is NaN.
 */
export function plotValue(logValue: number, lo: number, hi: number): { value: number; clip: Clip } {
  if (Number.isNaN(logValue)) return { value: hi + 1, clip: 'over' };
  if (logValue > hi) return { value: hi + 1, clip: 'over' };
  if (logValue < lo) return { value: lo - 1, clip: 'under' };
  return { value: logValue, clip: null };
}
