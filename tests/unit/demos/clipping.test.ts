import { describe, expect, it } from 'vitest';
import demo from '../../../demos/clipping/index.ts';
import { clipSegment } from '../../../demos/clipping/geometry.ts';
import { WINDOW, descend, inWindow, randomStart } from '../../../demos/clipping/model.ts';
import type { Run } from '../../../demos/clipping/model.ts';
import { COARSE_GRID, SURFACE_GRID, findCliff, lossSurface, lossSurfaceInSlices, pascanuLoss } from '../../../demos/clipping/surface.ts';
import manifest, { DEFAULT_START } from '../../../demos/clipping/schema.ts';
import { runStatus } from '../../../demos/clipping/trace-panel.ts';
import { Rng } from '../../../src/rnn/random.ts';
import { pascanuModel } from '../../../src/rnn/ref/pascanu.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

type Params = Parameters<typeof manifest.initialState>[0];
const defaults = validateParams(manifest, '').values as Params;
const initialState = (p: Params) => manifest.initialState(p);
const parseState = (raw: unknown, p: Params) => check(manifest.state(p), raw);
const start = { w: DEFAULT_START[0], b: DEFAULT_START[1] };

function maxStep(run: Run): number {
  return Math.max(...run.iterates.map((it) => it.stepNorm).filter(Number.isFinite));
}

/** Distance actually travelled between consecutive iterates, independent of the run's own bookkeeping. */
function displacements(run: Run): number[] {
  return run.iterates.slice(1).map((it, i) => Math.hypot(it.w - run.iterates[i]!.w, it.b - run.iterates[i]!.b));
}

function allFinite(run: Run): boolean {
  return run.iterates.every((it) => [it.w, it.b, it.loss, it.gradNorm].every(Number.isFinite));
}

describe('clipping demo: the surface', () => {
  it('the heatmap loss equals the RNN core forward pass', () => {
    const rng = new Rng(3);
    for (let k = 0; k < 200; k++) {
      const w = rng.range(WINDOW.wMin, WINDOW.wMax);
      const b = rng.range(WINDOW.bMin, WINDOW.bMax);
      const ref = pascanuModel(w, b).loss;
      expect(Math.abs(pascanuLoss(w, b) - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, ref));
    }
  });

  it('the drawn window holds a cliff: the loss changes more than 10x across a small step in b', () => {
    const s = lossSurface(SURFACE_GRID.nw, SURFACE_GRID.nb);
    const cliff = findCliff(s);
    expect(cliff.db).toBeLessThan(0.05);
    expect(cliff.ratio).toBeGreaterThan(10);
    expect(cliff.jump).toBeGreaterThan(0.1);
    expect(inWindow({ w: cliff.w, b: cliff.b }) && inWindow({ w: cliff.w, b: cliff.b + cliff.db })).toBe(true);
    // Checked again with the core's own model, not the demo's grid.
    const below = pascanuModel(cliff.w, cliff.b).loss;
    const above = pascanuModel(cliff.w, cliff.b + cliff.db).loss;
    expect(Math.max(below, above) / Math.min(below, above)).toBeGreaterThan(10);
  });

  it('the coarse grid of the first frame shows the cliff too', () => {
    const cliff = findCliff(lossSurface(COARSE_GRID.nw, COARSE_GRID.nb));
    expect(cliff.db).toBeLessThan(0.1);
    expect(cliff.ratio).toBeGreaterThan(10);
  });

  it('the surface computed in slices holds the loss at every grid point and is cached', async () => {
    const win = { ...WINDOW, wMax: 6.5 };
    // A slice far shorter than a row forces one row per slice: the slicing itself is exercised.
    const s = await lossSurfaceInSlices(40, 30, win, 0.001);
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 40; j++) {
        const w = win.wMin + ((win.wMax - win.wMin) * j) / 39;
        const b = win.bMin + ((win.bMax - win.bMin) * i) / 29;
        expect(s.loss[i * 40 + j]).toBe(pascanuLoss(w, b));
      }
    }
    expect(await lossSurfaceInSlices(40, 30, win)).toBe(s);
    expect(lossSurface(40, 30, win)).toBe(s);
  });
});

describe('clipping demo: gradient descent', () => {
  const rng = new Rng(11);
  const cases = Array.from({ length: 40 }, () => ({
    start: { w: rng.range(3.5, 5.5), b: rng.range(-4.5, -1) },
    lr: 10 ** rng.range(-2, Math.log10(2)),
    threshold: 10 ** rng.range(-2, 1),
  }));

  it('a clipped step never exceeds lr * threshold', () => {
    let clippedSteps = 0;
    for (const c of cases) {
      const run = descend({ ...c, steps: 80 });
      for (const it of run.iterates.slice(0, -1)) {
        expect(it.stepNorm).toBeLessThanOrEqual(c.lr * c.threshold * (1 + 1e-12));
        if (it.clipped) clippedSteps++;
      }
      for (const d of displacements(run)) expect(d).toBeLessThanOrEqual(c.lr * c.threshold * (1 + 1e-9));
    }
    // The bound must have been exercised, not satisfied vacuously.
    expect(clippedSteps).toBeGreaterThan(20);
  });

  it('clipping leaves gradients below the threshold untouched', () => {
    for (const c of cases) {
      const run = descend({ ...c, steps: 80 });
      for (const [i, d] of displacements(run).entries()) {
        const it = run.iterates[i]!;
        if (it.gradNorm <= c.threshold) {
          expect(it.clipped).toBe(false);
          expect(Math.abs(d - c.lr * it.gradNorm)).toBeLessThanOrEqual(1e-9 * Math.max(1e-12, c.lr * it.gradNorm) + 1e-15);
        } else {
          expect(it.clipped).toBe(true);
        }
      }
    }
    // Far from the cliff with a high threshold, the clipped run is the plain run exactly.
    const far = { start: { w: 3, b: -0.5 }, lr: 0.5, steps: 80 };
    const plain = descend({ ...far, threshold: null });
    const clipped = descend({ ...far, threshold: 10 });
    expect(clipped.iterates.map(({ w, b }) => [w, b])).toEqual(plain.iterates.map(({ w, b }) => [w, b]));
  });

  it('from the default start near the cliff, the plain run takes a step far larger than the clipped one', () => {
    const common = { start, lr: defaults.lr, steps: defaults.steps };
    const plain = descend({ ...common, threshold: null });
    const clipped = descend({ ...common, threshold: defaults.threshold });
    expect(maxStep(plain)).toBeGreaterThan(5 * maxStep(clipped));
    expect(maxStep(plain)).toBeGreaterThan(1);
    expect(plain.leftAt).not.toBeNull();
    expect(clipped.leftAt).toBeNull();
    expect(clipped.iterates.at(-1)!.loss).toBeLessThan(plain.iterates.at(-1)!.loss);
  });

  it('non-finite values end the run as diverged and are never stored', () => {
    // On the cliff (‖∇L‖ ≈ 6) a learning rate far beyond the slider's range overflows the parameters.
    const blown = descend({ start: { w: 4, b: -2.0139 }, lr: 1e308, steps: 50, threshold: null });
    expect(blown.divergedAt).not.toBeNull();
    expect(blown.iterates.length).toBe(blown.divergedAt);
    expect(allFinite(blown)).toBe(true);
    const status = runStatus({ plain: blown, clipped: blown, upto: 50, steps: 50, threshold: 1 });
    expect(status.plain).toMatch(/diverged/);

    const nan = descend({ start: { w: NaN, b: 0 }, lr: 0.1, steps: 10, threshold: 1 });
    expect(nan.divergedAt).toBe(0);
    expect(nan.iterates).toEqual([]);

    for (const c of cases) {
      const run = descend({ ...c, steps: 80, threshold: null });
      expect(allFinite(run)).toBe(true);
    }
  });

  it('segments that leave the window are cut at its edge', () => {
    const seg = clipSegment({ w: 4, b: -2 }, { w: 1e7, b: 3e6 }, WINDOW);
    expect(seg).not.toBeNull();
    expect(seg!.exits).toBe(true);
    expect(inWindow(seg!.to)).toBe(true);
    expect(Math.min(Math.abs(seg!.to.w - WINDOW.wMax), Math.abs(seg!.to.b - WINDOW.bMax))).toBeLessThan(1e-9);
    expect(clipSegment({ w: 10, b: 1 }, { w: 20, b: 2 }, WINDOW)).toBeNull();
    const inside = clipSegment({ w: 3, b: -1 }, { w: 4, b: -2 }, WINDOW);
    expect(inside).toEqual({ from: { w: 3, b: -1 }, to: { w: 4, b: -2 }, exits: false });
  });

  it('random starts come from the seed and lie inside the window', () => {
    expect(randomStart(7)).toEqual(randomStart(7));
    expect(randomStart(7)).not.toEqual(randomStart(8));
    for (let seed = 0; seed < 100; seed++) expect(inWindow(randomStart(seed))).toBe(true);
  });
});

describe('clipping demo: state and parameters', () => {
  it('the manifest validates: defaults with no problems, bad values named', () => {
    const ok = validateParams(manifest, '');
    expect(ok.problems).toEqual([]);
    expect(ok.values).toEqual({ seed: 1, threshold: 1, lr: 0.5, steps: 80 });
    expect(manifest.tfjs).toBe(false);
    for (const bad of ['threshold: 0', 'lr: fast', 'steps: 2.5', 'seed: -1', 'momentum: 0.9']) {
      expect(validateParams(manifest, bad).problems).toHaveLength(1);
    }
  });

  it('initialState survives a JSON round trip through the state schema', () => {
    expect(demo.spec).toBe(manifest);
    const s = demo.spec.initialState(defaults);
    expect(parseState(JSON.parse(JSON.stringify(s)), defaults)).toEqual(s);
    const moved = { ...s, start: [4.5, -3] as [number, number], cursor: [5, -2] as [number, number], step: 37, playing: false, threshold: 0.25, lr: 1.3, seed: 9 };
    expect(parseState(JSON.parse(JSON.stringify(moved)), defaults)).toEqual(moved);
    expect(initialState(defaults).start).toEqual(DEFAULT_START);
  });

  it('the state schema rejects garbage', () => {
    const s = initialState(defaults);
    const bad: unknown[] = [
      null,
      42,
      'state',
      [],
      {},
      { ...s, seed: 1.5 },
      { ...s, threshold: 0 },
      { ...s, threshold: '1' },
      { ...s, lr: 5 },
      { ...s, lr: NaN },
      { ...s, step: defaults.steps + 1 },
      { ...s, step: -1 },
      { ...s, playing: 'yes' },
      { ...s, start: [100, 0] },
      { ...s, start: [4] },
      { ...s, start: null },
      { ...s, cursor: [4, 9] },
      { ...s, cursor: 'here' },
    ];
    for (const raw of bad) expect(parseState(raw, defaults)).toBeNull();
  });
});
