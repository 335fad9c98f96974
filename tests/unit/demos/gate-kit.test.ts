import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { termTex, termsOf } from '../../../demos/gate-kit/equations.ts';
import { focusOf, stepFocus, stepTime } from '../../../demos/gate-kit/focus.ts';
import { valueColour } from '../../../demos/gate-kit/gate-view.ts';
import { ALPHABET, MAX_DEPTH, depths, taskBatch } from '../../../demos/gate-kit/task.ts';
import { weightCount, gateModelSpec } from '../../../demos/gate-kit/model.ts';
import { gruCell } from '../../../demos/gru-gates/cell.ts';
import { lstmCell } from '../../../demos/lstm-gates/cell.ts';
import { initParams } from '../../../src/rnn/index.ts';
import type { GateState } from '../../../demos/gate-kit/model.ts';

const state = (text: string, t: number, k: number): GateState => ({ seed: 1, text, t, k, trainSteps: 0, weights: null });

describe('the bracket-depth task', () => {
  it('counts brackets, ignores a, and resets at a full stop', () => {
    expect(depths('(a(()a).((a)')).toEqual([1, 1, 2, 3, 2, 2, 1, 0, 1, 2, 2, 1]);
    expect(depths('))(')).toEqual([0, 0, 1]);
    expect(depths('(((((')).toEqual([1, 2, 3, 3, 3]);
  });

  it('draws seeded strings within the depth bound, the same for the same seed', () => {
    const batch = taskBatch(7, 16, 20);
    expect(batch.inputIndices).toHaveLength(320);
    expect(taskBatch(7, 16, 20)).toEqual(batch);
    expect(taskBatch(8, 16, 20).inputIndices).not.toEqual(batch.inputIndices);
    for (let b = 0; b < 16; b++) {
      const text = Array.from(batch.inputIndices!.subarray(b * 20, (b + 1) * 20), (i) => ALPHABET[i]).join('');
      expect(Array.from(batch.targetIndices!.subarray(b * 20, (b + 1) * 20))).toEqual(depths(text));
      // The generator never nests past the deepest class, so the targets are exact depths.
      let d = 0;
      for (const ch of text) {
        d = ch === '(' ? d + 1 : ch === ')' ? Math.max(0, d - 1) : ch === '.' ? 0 : d;
        expect(d).toBeLessThanOrEqual(MAX_DEPTH);
      }
    }
    // All four characters occur, so every gate behaviour is trained.
    expect(new Set(batch.inputIndices)).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe('stepping through the computation', () => {
  it('goes through every equation of a step, then to the next step, and wraps', () => {
    let s = state('(a)', 0, 0);
    const seen: string[] = [];
    for (let n = 0; n < 13; n++) {
      seen.push(`${s.t}${s.k}`);
      s = stepFocus(s, 4, 1);
    }
    expect(seen.join(' ')).toBe('00 01 02 03 10 11 12 13 20 21 22 23 00');
    expect(stepFocus(state('(a)', 0, 0), 4, -1)).toMatchObject({ t: 2, k: 3 });
    expect(stepTime(state('(a)', 2, 1), 1)).toMatchObject({ t: 0, k: 1 });
  });

  it('clamps a focus left past the end of a shorter text', () => {
    expect(focusOf(state('((', 9, 2))).toEqual({ t: 1, k: 2 });
    expect(stepFocus(state('((', 9, 5), 6, 1)).toMatchObject({ t: 0, k: 0 });
  });
});

describe('the equations beside the cells', () => {
  for (const cell of [lstmCell, gruCell]) {
    it(`${cell.kind}: one equation per quantity, each computing its own term, all rendered by KaTeX`, () => {
      expect(cell.equations).toHaveLength(cell.quantities.length);
      cell.equations.forEach((eq, k) => {
        expect(termsOf(eq.tex)[0]).toBe(cell.quantities[k]!.key);
        const html = katex.renderToString(termTex(eq.tex), { throwOnError: true, strict: 'ignore', trust: (c) => c.command === '\\htmlClass' });
        expect(html).toContain(`gate-term-${cell.quantities[k]!.key}`);
      });
    });
  }

  it('counts the parameters the state carries', () => {
    for (const kind of ['lstm', 'gru'] as const) {
      const n = Object.values(initParams(gateModelSpec(kind, 3), { seed: 1 })).reduce((a, p) => a + p.data.length, 0);
      expect(weightCount(kind, 3)).toBe(n);
    }
  });

  it('colours on a diverging scale: near-white at zero, opposite hues at ±1, clamped beyond', () => {
    const channels = (c: string) => c.match(/\d+/g)!.map(Number);
    for (const v of channels(valueColour(0, 1))) expect(v).toBeGreaterThan(230);
    for (const u of [-1, 1]) expect(Math.min(...channels(valueColour(u, 1)))).toBeLessThan(100);
    expect(valueColour(1, 1)).not.toBe(valueColour(-1, 1));
    expect(valueColour(5, 1)).toBe(valueColour(1, 1));
    expect(valueColour(2, 4)).toBe(valueColour(0.5, 1));
  });
});
