import { describe, expect, it } from 'vitest';
import { makeBatch, refDiagnostics } from '../../../src/rnn/index.ts';
import { refCell } from '../../../src/rnn/ref/cells.ts';
import { cellWeights } from '../../../src/rnn/ref/network.ts';
import { spectralNorm } from '../../../src/rnn/spectral-norm.ts';
import { spectralNormPower } from '../../../src/rnn/linalg.ts';
import { raceSpec } from '../../../src/training/trainers/long-lag-race.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { RACE_CELLS, RACE_TASK } from '../../../demos/long-lag/race.ts';
import manifest from '../../../demos/gradient-highway/schema.ts';
import { BURN_IN, cellParams, measureHighway, sequenceInputs, stepJacobians, type CellCurves, type HighwayConfig } from '../../../demos/gradient-highway/model.ts';

type Params = Parameters<typeof manifest.initialState>[0];
const params = validateParams(manifest, '').values as Params;
const cfg = (patch: Partial<HighwayConfig> = {}): HighwayConfig => ({ seed: 1, keepBias: 1, trained: null, horizon: 12, sequences: 2, ...patch });
const argmax = (x: Float64Array) => x.indexOf(1);
/** A·B for square [n, n] row-major matrices. */
function product(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j]! += a[i * n + k]! * b[k * n + j]!;
  return out;
}

describe('gradient highway: the norms are the float64 reference’s', () => {
  const c = cfg();
  const m = measureHighway(c);
  const inputs = sequenceInputs(c.seed, c.horizon, c.sequences);
  it.each(RACE_CELLS)('%s: the Jacobian products are refDiagnostics’ and their norms exact', (cell) => {
    const spec = raceSpec(cell, { ...RACE_TASK, keepBias: c.keepBias });
    const ps = cellParams(cell, c);
    const k = BURN_IN - 1;
    inputs.forEach((seq, b) => {
      const batch = makeBatch([seq.map(argmax)], { indices: [0] });
      const ref = refDiagnostics(spec, ps, batch).jacobianNorms;
      const { jacobians, size } = stepJacobians(cell, ps, seq);
      let p: Float64Array | null = null;
      for (let d = 1; d <= c.horizon; d++) {
        p = p ? product(jacobians[k + d]!, p, size) : Float64Array.from(jacobians[k + d]!);
        // The reference reads the norm by 60 power iterations: the same iteration on our product gives its very number …
        expect(spectralNormPower(p, size, size)).toBeCloseTo(ref[k + d]![k]!, 12);
        // … and the plotted norm is the exact one, which power iteration approaches from below.
        const plotted = 10 ** m.cells[cell].logStateNorms[b]![d]!;
        expect(Math.abs(plotted / spectralNorm(p, size, size) - 1)).toBeLessThan(1e-12);
        expect(plotted).toBeGreaterThanOrEqual(ref[k + d]![k]! * (1 - 1e-12));
      }
    });
  });
  it('LSTM: ‖∂c_t/∂c_k‖₂ equals central differences of the reference cell’s forward pass', () => {
    const ps = cellParams('lstm', c);
    const spec = raceSpec('lstm', { ...RACE_TASK, keepBias: c.keepBias });
    const cell = refCell(spec.layers[0]!.cell, RACE_TASK.symbols + RACE_TASK.noise);
    const w = cellWeights(ps, 'layer0.fw');
    const H = spec.layers[0]!.cell.hiddenSize;
    const seq = inputs[0]!;
    const k = BURN_IN - 1;
    let s: Float64Array = new Float64Array(2 * H);
    for (let t = 0; t <= k; t++) s = cell.forward(w, seq[t]!, s).state;
    const run = (start: Float64Array, d: number) => {
      let st = start;
      for (let t = k + 1; t <= k + d; t++) st = cell.forward(w, seq[t]!, st).state;
      return st.subarray(H);
    };
    for (const d of [1, 4, 12]) {
      const eps = 1e-6;
      const jac = new Float64Array(H * H);
      for (let j = 0; j < H; j++) {
        const up = Float64Array.from(s), down = Float64Array.from(s);
        up[H + j] = up[H + j]! + eps;
        down[H + j] = down[H + j]! - eps;
        const a = run(up, d), b = run(down, d);
        for (let i = 0; i < H; i++) jac[i * H + j] = (a[i]! - b[i]!) / (2 * eps);
      }
      const expected = spectralNorm(jac, H, H);
      expect(Math.abs(10 ** m.cells.lstm.logNorms[0]![d]! / expected - 1)).toBeLessThan(1e-6);
    }
  });
});

describe('gradient highway: what the slider shows', () => {
  const at = (c: CellCurves, d: number) => c.logMedian[d]!;
  it('keep bias 0: the gates sit near one half and the direct path halves every step', () => {
    const m = measureHighway(cfg({ keepBias: 0, horizon: 50 }));
    for (const cell of ['lstm', 'gru'] as const) {
      expect(m.cells[cell].meanGate).toBeGreaterThan(0.4);
      expect(m.cells[cell].meanGate).toBeLessThan(0.6);
      expect(m.cells[cell].logReference[50]!).toBeLessThan(-10);
    }
  });
  it('keep bias 5: the gates stay open and the gradient along the cell keeps its size over 50 steps', () => {
    const m = measureHighway(cfg({ keepBias: 5, horizon: 50 }));
    for (const cell of ['lstm', 'gru'] as const) {
      expect(m.cells[cell].meanGate).toBeGreaterThan(0.98);
      expect(m.cells[cell].logReference[50]!).toBeGreaterThan(-0.5);
      expect(at(m.cells[cell], 50)).toBeGreaterThan(-1);
    }
  });
  it('the vanilla RNN has no keep gate: its curve is the same for every bias, under its bound', () => {
    const a = measureHighway(cfg({ keepBias: 0 })).cells.rnn;
    const b = measureHighway(cfg({ keepBias: 5 })).cells.rnn;
    expect(Array.from(b.logMedian)).toEqual(Array.from(a.logMedian));
    for (let d = 0; d <= 12; d++) expect(a.logMedian[d]!).toBeLessThanOrEqual(a.logReference[d]! + 1e-9);
  });
  it('caches nothing wrong: the same config gives the same numbers with and without a cache', () => {
    const cache = new Map<string, CellCurves>();
    measureHighway(cfg({ keepBias: 2 }), cache);
    const cached = measureHighway(cfg({ keepBias: 3 }), cache);
    const fresh = measureHighway(cfg({ keepBias: 3 }));
    for (const cell of RACE_CELLS) expect(Array.from(cached.cells[cell].logMedian)).toEqual(Array.from(fresh.cells[cell].logMedian));
  });
  it('has defaults within their own schema', () => {
    const s = manifest.initialState(params);
    expect(check(manifest.state(params), s)).toEqual(s);
  });
});
