/**
 * Where a label on a plot reads best: of a few candidate boxes, the one that the drawn curves
 * and marks cross least. Pure geometry, so every window picks the same place from the same data.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Point = readonly [x: number, y: number];

/** Points along a polyline, `perSegment` to each segment, so a line that crosses a box without a vertex in it still counts. */
export function alongPolyline(points: readonly Point[], perSegment: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    out.push([x1, y1]);
    const next = points[i + 1];
    if (!next) break;
    for (let s = 1; s < perSegment; s++) {
      const f = s / perSegment;
      out.push([x1 + (next[0] - x1) * f, y1 + (next[1] - y1) * f]);
    }
  }
  return out;
}

const inside = (b: Box, [x, y]: Point) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/** The candidate covering the fewest points; among equals the first, so the usual place wins while it is free. */
export function leastCovered(candidates: readonly Box[], points: readonly Point[]): Box {
  if (candidates.length === 0) throw new Error('leastCovered: no candidate box');
  let best = candidates[0]!;
  let bestCount = Infinity;
  for (const box of candidates) {
    let count = 0;
    for (const p of points) if (inside(box, p)) count++;
    if (count < bestCount) {
      best = box;
      bestCount = count;
    }
  }
  return best;
}
