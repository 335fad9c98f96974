import { describe, expect, it } from 'vitest';
import { alongPolyline, leastCovered } from '../../../src/widgets/label-place.ts';

describe('label placement', () => {
  const leftBox = { x: 0, y: 0, width: 10, height: 10 };
  const rightBox = { x: 90, y: 0, width: 10, height: 10 };

  it('keeps the first box while nothing crosses it', () => {
    expect(leastCovered([leftBox, rightBox], [[95, 5]])).toBe(leftBox);
    expect(leastCovered([leftBox, rightBox], [])).toBe(leftBox);
  });

  it('takes the box the fewest points fall in', () => {
    expect(leastCovered([leftBox, rightBox], [[5, 5], [6, 6], [95, 5]])).toBe(rightBox);
  });

  it('counts a line that crosses a box between its vertices', () => {
    const line = alongPolyline([[-20, 5], [30, 5]], 10);
    expect(line).toHaveLength(11);
    expect(line[5]).toEqual([5, 5]);
    expect(leastCovered([leftBox, rightBox], line)).toBe(rightBox);
    expect(leastCovered([leftBox, rightBox], alongPolyline([[-20, 5], [30, 5]], 1))).toBe(leftBox);
  });

  it('says so when there is nothing to choose from', () => {
    expect(() => leastCovered([], [])).toThrow(/no candidate/);
  });
});
