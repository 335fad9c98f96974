import { describe, expect, it } from 'vitest';
import demo from '../../../demos/bidirectional/index.ts';
import manifest, { MAX_STEPS, TEST_LINES, type BiParams, type BiState } from '../../../demos/bidirectional/schema.ts';
import { evaluate, heldOutOf, modelsOf, reportedState, testLines, traceLine, trainingJob, trainLines, weightsOf } from '../../../demos/bidirectional/model.ts';
import { matchedHidden, rnnWeightCount } from '../../../demos/bidirectional/sizes.ts';
import { causalCeiling, linesBatch, makeLines, MARK } from '../../../demos/bidirectional/task.ts';
import { FusedTrainer, initParams } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { weightCount } from '../../../src/widgets/state-weights.ts';
import { trainInChunks } from './side-by-side-training.ts';

const params = validateParams(manifest, 'seed: 1').values as BiParams;
const models = modelsOf(params);
const train = (p: BiParams, steps: number): BiState => trainInChunks(manifest.initialState(p), steps, (s) => trainingJob(modelsOf(p), p, s), reportedState);

describe('bidirectional demo model', () => {
  it('is the demo module of its spec, with defaults inside their ranges', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ length: 12, hidden: 4, seed: 1 });
  });

  it('gives both models about the same number of weights, counted as the core lays them out', () => {
    for (let h = 2; h <= 8; h++) {
      const [uni, bi] = modelsOf({ hidden: h });
      expect(weightCount(initParams(uni, { seed: 0 }))).toBe(rnnWeightCount(matchedHidden(h), false));
      expect(weightCount(initParams(bi, { seed: 0 }))).toBe(rnnWeightCount(h, true));
      expect(Math.abs(rnnWeightCount(matchedHidden(h), false) - rnnWeightCount(h, true)) / rnnWeightCount(h, true)).toBeLessThan(0.2);
    }
    expect(matchedHidden(4)).toBe(7);
  });

  it('draws lines with at most one x, tagged the same at every letter', () => {
    const lines = makeLines(5, 200, 12);
    const marked = lines.tags.filter((t) => t[0] === 1).length;
    expect(marked).toBeGreaterThan(70);
    expect(marked).toBeLessThan(130);
    lines.inputs.forEach((line, b) => {
      const xs = line.filter((l) => l === MARK).length;
      expect(xs).toBe(lines.tags[b]![0]);
      expect(new Set(lines.tags[b])).toHaveProperty('size', 1);
    });
    expect(causalCeiling(11, 12)).toBe(1);
    expect(causalCeiling(0, 12)).toBeCloseTo(1 - 11 / 24, 12);
  });

  it('traces one line with states of the right shapes, its loss that of the fused trainer on the same weights', () => {
    const test = testLines(params.seed, params.length);
    const state = train(params, 20);
    for (const k of [0, 1] as const) {
      const w = weightsOf(models, state, k);
      const trace = traceLine(models[k], w, test, 3);
      const H = models[k].layers[0]!.cell.hiddenSize;
      expect(trace.fw).toHaveLength(params.length);
      for (const s of trace.fw) expect(s).toHaveLength(H);
      if (k === 1) expect(trace.bw?.map((s) => s.length)).toEqual(new Array(params.length).fill(H));
      else expect(trace.bw).toBeUndefined();
      const fused = new FusedTrainer(models[k], w, { optimizer: { kind: 'sgd', learningRate: 0.1 } });
      expect(evaluate(models[k], w, test).loss).toBeCloseTo(fused.gradients(linesBatch(test)).loss, 10);
    }
  });

  it('the bidirectional RNN beats the one-direction RNN within 100 steps from seed 1, and the one-direction RNN stays under the causal ceiling at the first letter', () => {
    const state = train(params, 100);
    expect(state.step).toBe(100);
    const test = testLines(params.seed, params.length);
    const [uni, bi] = [0, 1].map((k) => evaluate(models[k]!, weightsOf(models, state, k), test));
    expect(bi!.meanAccuracy).toBeGreaterThan(0.97);
    expect(bi!.accuracy[0]).toBeGreaterThan(0.95);
    expect(uni!.accuracy[0]).toBeLessThan(0.7);
    expect(bi!.meanAccuracy - uni!.meanAccuracy).toBeGreaterThan(0.15);
  });

  it('carries the held-out figures the worker measured, equal to those of the state\'s weights, so the page only draws', () => {
    const test = testLines(params.seed, params.length);
    const seeded = manifest.initialState(params);
    expect(seeded.heldOut).toBeNull();
    expect(heldOutOf(models, seeded, test)).toEqual([evaluate(models[0], weightsOf(models, seeded, 0), test), evaluate(models[1], weightsOf(models, seeded, 1), test)]);
    const state = train(params, 60);
    expect(state.heldOut).not.toBeNull();
    const carried = heldOutOf(models, state, test);
    ([0, 1] as const).forEach((k) => {
      const measured = evaluate(models[k], weightsOf(models, state, k), test);
      expect(carried[k].accuracy).toEqual(measured.accuracy);
      expect(carried[k].meanAccuracy).toBeCloseTo(measured.meanAccuracy, 12);
      expect(carried[k].loss).toBeCloseTo(measured.loss, 5);
    });
  });

  it('gives the same state for the same seed, a state its schema accepts, and stops at the last step', () => {
    const a = train(params, 40);
    const b = train(params, 40);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(check(manifest.state(params), JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(trainingJob(models, params, { ...a, step: MAX_STEPS })).toBeNull();
    expect(trainLines(1, 12).inputs).not.toEqual(testLines(1, 12).inputs);
    expect(testLines(1, 12).inputs).toHaveLength(TEST_LINES);
  });
});
