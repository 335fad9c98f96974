import { describe, expect, it } from 'vitest';
import { descend, randomStart } from '../../../demos/clipping/model.ts';

/**
 * The clipping demo's exploding regime: plain gradient descent at its largest learning
 * rate (2) from the starts its Random button draws. The picture is drawn from the
 * iterates, so every iterate must be finite; a run that explodes ends at `divergedAt` or
 * is marked where it leaves the window (the view labels both).
 */
describe('clipping at the largest learning rate', () => {
  it('keeps every drawn iterate finite, and marks the runs that explode', () => {
    let marked = 0;
    for (let seed = 0; seed < 40; seed++) {
      const run = descend({ start: randomStart(seed), lr: 2, steps: 200, threshold: null });
      for (const it of run.iterates) {
        expect([it.w, it.b, it.loss, it.gradNorm].every(Number.isFinite), `seed ${seed}`).toBe(true);
      }
      if (run.divergedAt !== null || run.leftAt !== null) marked++;
    }
    expect(marked).toBeGreaterThan(0);
  });

});
