import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/gru-gates/index.ts';
import manifest from '../../../demos/gru-gates/schema.ts';
import { gruCell, gruMoments } from '../../../demos/gru-gates/cell.ts';
import { TRAINING, gateModelSpec, gateTrace, paramsFor, weightCount, type GateState } from '../../../demos/gate-kit/model.ts';
import { textBatch } from '../../../demos/gate-kit/task.ts';
import type { GateParams } from '../../../demos/gate-kit/alphabet.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { trainLikeTheWorker } from './gate-training.ts';

const params = validateParams(manifest, '').values as GateParams;
const spec = gateModelSpec('gru', params.hidden);
const start = manifest.initialState(params) as GateState;
const trained = trainLikeTheWorker(spec, start, TRAINING.stepsPerPress);
const T = Array.from(params.text).length;
const H = params.hidden;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('gru-gates model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the demo module of its spec; it says the convention on screen', () => {
    expect(demo.spec).toBe(manifest);
    expect(spec.layers[0]!.cell).toEqual({ kind: 'gru', hiddenSize: 4 });
    expect(gruCell.quantities.map((q) => q.label)).toEqual(['z', 'r', 'h̃', 'h']);
    expect(gruCell.note).toMatch(/z ≈ 1 keeps the old state/);
    expect(gruCell.equations[3]!.tex).toContain('\\term{z}{z_t} \\odot h_{t-1} + (1 - \\term{z}{z_t}) \\odot \\term{hTilde}{\\tilde h_t}');
  });

  it('traces z, r, h̃ and h as [T][H] per quantity, equal to the op-by-op tfjs forward pass', () => {
    for (const state of [start, trained.state]) {
      const trace = gateTrace(spec, gruCell.quantities, state);
      expect(trace.values).toHaveLength(4);
      for (const q of trace.values) {
        expect(q).toHaveLength(T);
        for (const step of q) expect(step).toHaveLength(H);
      }
      const baseline = tf.memory().numTensors;
      const model = RnnModel.fromParams(tf, spec, paramsFor(spec, state));
      const tfTrace = model.trace(textBatch(state.text));
      model.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
      gruCell.quantities.forEach((q, k) => {
        const tfValues = tfTrace.gates[0]![0]![q.key]!.map((step) => step[0]!);
        trace.values[k]!.forEach((step, t) => step.forEach((v, j) => expect(v).toBeCloseTo(tfValues[t]![j]!, 5)));
      });
    }
  });

  it('draws numbers in the core\'s convention: h = z⊙h₍ₜ₋₁₎ + (1 − z)⊙h̃', () => {
    const trace = gateTrace(spec, gruCell.quantities, trained.state);
    const [z, , hTilde, h] = trace.values as number[][][];
    for (let t = 0; t < T; t++) {
      const hPrev = t === 0 ? new Array<number>(H).fill(0) : h![t - 1]!;
      expect(trace.carried[t]).toEqual(hPrev);
      for (let j = 0; j < H; j++) expect(h![t]![j]).toBeCloseTo(z![t]![j]! * hPrev[j]! + (1 - z![t]![j]!) * hTilde![t]![j]!, 12);
    }
  });

  it('learns the bracket depth from seed 1 in 300 steps', () => {
    expect(gateTrace(spec, gruCell.quantities, start).accuracy).toBeLessThan(0.6);
    const trace = gateTrace(spec, gruCell.quantities, trained.state);
    expect(trace.predicted).toEqual(trace.depth);
    for (const text of ['a.', '(.', '()((.', '((a(.', '(((.a']) {
      const t = gateTrace(spec, gruCell.quantities, { ...trained.state, text });
      expect(t.predicted).toEqual(t.depth);
    }
  });

  it('keeps on "a" and forgets-and-writes on brackets and the full stop after training', () => {
    const trace = gateTrace(spec, gruCell.quantities, trained.state);
    const moments = gruMoments(trace);
    const z = trace.values[0]!;
    const steps = (pred: (ch: string) => boolean) => trace.chars.flatMap((ch, t) => (pred(ch) ? [t] : []));
    for (const t of steps((ch) => ch === 'a')) expect(moments.some((m) => m.kind === 'keep' && m.t === t)).toBe(true);
    for (const t of steps((ch) => ch === ')' || ch === '.')) expect(moments.some((m) => m.kind === 'write' && m.t === t)).toBe(true);
    expect(moments.filter((m) => m.kind === 'write' && trace.chars[m.t] === '(').length).toBeGreaterThan(0);
    // The update gate is more open to the old state on "a" than on anything that changes the depth.
    const maxZ = (t: number) => Math.max(...z[t]!);
    expect(mean(steps((ch) => ch === 'a').map(maxZ))).toBeGreaterThan(mean(steps((ch) => ch !== 'a').map(maxZ)));
  });

  it('round-trips its state through JSON and rejects bad states', () => {
    const schema = manifest.state(params);
    const s = JSON.parse(JSON.stringify(trained.state)) as GateState;
    expect(check(schema, s)).toEqual(trained.state);
    expect(trained.state.weights).toHaveLength(weightCount('gru', H));
    expect(gateTrace(spec, gruCell.quantities, s)).toEqual(gateTrace(spec, gruCell.quantities, trained.state));
    expect(check(schema, { ...s, k: 4 })).toBeNull();
    expect(check(schema, { ...s, weights: new Array<number>(weightCount('lstm', H)).fill(0) })).toBeNull();
  });
});
