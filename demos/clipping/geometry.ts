/**
 * Clipping of trajectory segments to the drawn window. The plain run can jump to w = 10⁵;
 * handing such coordinates to the canvas would draw garbage, so segments are cut at the
 * window's edge in parameter space and the exit is marked instead.
 */
import type { Point, Window } from './model.ts';

export interface ClippedSegment {
  from: Point;
  to: Point;
  /** The segment leaves the window at `to` (its end lies outside). */
  exits: boolean;
}

/** Liang–Barsky: the part of p→q inside the window, or null when none is. */
export function clipSegment(p: Point, q: Point, win: Window): ClippedSegment | null {
  const dw = q.w - p.w;
  const db = q.b - p.b;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dw, p.w - win.wMin],
    [dw, win.wMax - p.w],
    [-db, p.b - win.bMin],
    [db, win.bMax - p.b],
  ];
  for (const [den, num] of edges) {
    if (den === 0) {
      if (num < 0) return null;
      continue;
    }
    const t = num / den;
    if (den < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) return null;
  return {
    from: { w: p.w + t0 * dw, b: p.b + t0 * db },
    to: { w: p.w + t1 * dw, b: p.b + t1 * db },
    exits: t1 < 1,
  };
}
