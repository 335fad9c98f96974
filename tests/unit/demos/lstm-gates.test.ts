import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/lstm-gates/index.ts';
import manifest from '../../../demos/lstm-gates/schema.ts';
import { lstmCell, lstmMoments } from '../../../demos/lstm-gates/cell.ts';
import { TRAINING, gateModelSpec, gateTrace, paramsFor, weightCount, type GateState } from '../../../demos/gate-kit/model.ts';
import { textBatch } from '../../../demos/gate-kit/task.ts';
import type { GateParams } from '../../../demos/gate-kit/alphabet.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { trainLikeTheWorker } from './gate-training.ts';

const params = validateParams(manifest, '').values as GateParams;
const spec = gateModelSpec('lstm', params.hidden);
const start = manifest.initialState(params) as GateState;
const trained = trainLikeTheWorker(spec, start, TRAINING.stepsPerPress);
const T = Array.from(params.text).length;
const H = params.hidden;

describe('lstm-gates model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the demo module of its spec, with the slide of the lecture for its defaults', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ text: '(a(()a).((a)', hidden: 4, seed: 1 });
    expect(spec.layers[0]!.cell).toEqual({ kind: 'lstm', hiddenSize: 4, forgetBias: 1 });
    expect(lstmCell.quantities.map((q) => q.label)).toEqual(['f', 'i', 'c̃', 'c', 'o', 'h']);
  });

  it('traces f, i, c̃, c, o and h as [T][H] per quantity, equal to the op-by-op tfjs forward pass', () => {
    for (const state of [start, trained.state]) {
      const trace = gateTrace(spec, lstmCell.quantities, state);
      expect(trace.values).toHaveLength(6);
      for (const q of trace.values) {
        expect(q).toHaveLength(T);
        for (const step of q) expect(step).toHaveLength(H);
      }
      const baseline = tf.memory().numTensors;
      const model = RnnModel.fromParams(tf, spec, paramsFor(spec, state));
      const tfTrace = model.trace(textBatch(state.text));
      model.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
      lstmCell.quantities.forEach((q, k) => {
        const tfValues = tfTrace.gates[0]![0]![q.key]!.map((step) => step[0]!);
        trace.values[k]!.forEach((step, t) => step.forEach((v, j) => expect(v).toBeCloseTo(tfValues[t]![j]!, 5)));
      });
    }
  });

  it('draws numbers that satisfy the slide\'s equations: c = f⊙c₍ₜ₋₁₎ + i⊙c̃ and h = o⊙tanh(c)', () => {
    const trace = gateTrace(spec, lstmCell.quantities, trained.state);
    const [f, i, g, c, o, h] = trace.values as number[][][];
    for (let t = 0; t < T; t++) {
      const cPrev = t === 0 ? new Array<number>(H).fill(0) : c![t - 1]!;
      expect(trace.carried[t]).toEqual(cPrev);
      for (let j = 0; j < H; j++) {
        expect(c![t]![j]).toBeCloseTo(f![t]![j]! * cPrev[j]! + i![t]![j]! * g![t]![j]!, 12);
        expect(h![t]![j]).toBeCloseTo(o![t]![j]! * Math.tanh(c![t]![j]!), 12);
      }
    }
  });

  it('learns the bracket depth from seed 1 in 300 steps, with snapshots for the picture on the way', () => {
    expect(gateTrace(spec, lstmCell.quantities, start).accuracy).toBeLessThan(0.6);
    const trace = gateTrace(spec, lstmCell.quantities, trained.state);
    expect(trace.predicted).toEqual(trace.depth);
    expect(trained.state.trainSteps).toBe(300);
    expect(trained.snapshots).toBe(300 / TRAINING.snapshotEvery);
  });

  it('forgets at the full stop and writes on the brackets after training, not before', () => {
    const before = lstmMoments(gateTrace(spec, lstmCell.quantities, start));
    expect(before.filter((m) => m.kind === 'forget')).toEqual([]);
    const trace = gateTrace(spec, lstmCell.quantities, trained.state);
    const moments = lstmMoments(trace);
    // A unit's forget gate closes on the count its cell carried.
    expect(moments.some((m) => m.kind === 'forget' && trace.chars[m.t] === '.')).toBe(true);
    // Every bracket changes some unit's cell.
    trace.chars.forEach((ch, t) => {
      if (ch === '(' || ch === ')') expect(moments.some((m) => m.t === t)).toBe(true);
    });
    expect(moments.filter((m) => m.kind === 'write').length).toBeGreaterThan(0);
    // Opening and closing write into the same unit with opposite signs: the cell counts.
    const [, i, g] = trace.values as number[][][];
    const written = (t: number) => i![t]!.map((v, j) => v * g![t]![j]!);
    const open = written(trace.chars.indexOf('(', 1));
    const close = written(trace.chars.indexOf(')'));
    expect(open.some((v, j) => Math.abs(v) > 0.5 && Math.abs(close[j]!) > 0.5 && Math.sign(v) !== Math.sign(close[j]!))).toBe(true);
  });

  it('names depth 0 after a full stop whatever the depth before, on texts it was not shown', () => {
    for (const text of ['a.', '(.', '()((.', '((a(.', '(((.a']) {
      const trace = gateTrace(spec, lstmCell.quantities, { ...trained.state, text });
      expect(trace.predicted).toEqual(trace.depth);
    }
  });

  it('round-trips its state through JSON, the same numbers in every window, and rejects bad states', () => {
    const schema = manifest.state(params);
    const s = JSON.parse(JSON.stringify(trained.state)) as GateState;
    expect(check(schema, s)).toEqual(trained.state);
    expect(trained.state.weights).toHaveLength(weightCount('lstm', H));
    expect(gateTrace(spec, lstmCell.quantities, s)).toEqual(gateTrace(spec, lstmCell.quantities, trained.state));
    expect(check(schema, { ...s, text: '(b)' })).toBeNull();
    expect(check(schema, { ...s, k: 6 })).toBeNull();
    expect(check(schema, { ...s, weights: [1, 2] })).toBeNull();
  });

  it('is deterministic: the same seed trains to the same weights', () => {
    expect(trainLikeTheWorker(spec, start, 50).state).toEqual(trainLikeTheWorker(spec, start, 50).state);
  });
});
