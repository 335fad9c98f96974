import { describe, expect, it } from 'vitest';
import demo from '../../../demos/deep-rnn/index.ts';
import manifest, { MAX_STEPS, REPORT_EVERY, type DeepParams, type DeepState } from '../../../demos/deep-rnn/schema.ts';
import { evaluate, reportedState, stacksOf, testStreams, traceStream, trainingJob, weightsOf } from '../../../demos/deep-rnn/model.ts';
import { DEPTHS, matchedWidth, stackWeightCount } from '../../../demos/deep-rnn/sizes.ts';
import { streamsBatch } from '../../../demos/deep-rnn/task.ts';
import { FusedTrainer, initParams } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { weightCount } from '../../../src/widgets/state-weights.ts';
import { trainInChunks } from './side-by-side-training.ts';

const params = validateParams(manifest, 'seed: 1').values as DeepParams;
const models = stacksOf(params);
const train = (p: DeepParams, steps: number): DeepState => trainInChunks(manifest.initialState(p), steps, (s) => trainingJob(stacksOf(p), p, s), reportedState);

describe('deep-rnn demo model', () => {
  it('is the demo module of its spec, with defaults inside their ranges', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ length: 16, hidden: 16, seed: 1 });
  });

  it('gives the deeper stacks the widest layers the one-layer budget allows, counted as the core lays them out', () => {
    for (let h = 6; h <= 24; h++) {
      const budget = stackWeightCount(1, h);
      stacksOf({ hidden: h }).forEach((spec, k) => {
        const depth = DEPTHS[k]!;
        const width = matchedWidth(depth, h);
        expect(spec.layers).toHaveLength(depth);
        expect(weightCount(initParams(spec, { seed: 0 }))).toBe(stackWeightCount(depth, width));
        expect(stackWeightCount(depth, width)).toBeLessThanOrEqual(budget);
        expect(stackWeightCount(depth, width + 1)).toBeGreaterThan(budget);
      });
    }
  });

  it('traces every layer of every stack with states of the right shapes, its loss that of the fused trainer on the same weights', () => {
    const test = testStreams(params.seed, params.length);
    const state = train(params, 20);
    models.forEach((spec, k) => {
      const w = weightsOf(models, state, k);
      const trace = traceStream(spec, w, test, 2);
      expect(trace.layers).toHaveLength(DEPTHS[k]!);
      for (const layer of trace.layers) {
        expect(layer).toHaveLength(params.length);
        for (const s of layer) expect(s).toHaveLength(matchedWidth(DEPTHS[k]!, params.hidden));
      }
      const fused = new FusedTrainer(spec, w, { optimizer: { kind: 'sgd', learningRate: 0.1 } });
      expect(evaluate(spec, w, test).loss).toBeCloseTo(fused.gradients(streamsBatch(test)).loss, 10);
    });
  });

  it('draws one loss-curve point per report, gives the same state for the same seed, a state its schema accepts, and stops at the last step', () => {
    const a = train(params, 40);
    const b = train(params, 40);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.curves.map((c) => c[0])).toEqual([20, 40]);
    expect(REPORT_EVERY).toBe(20);
    for (const c of a.curves) for (const v of c) expect(Number.isFinite(v)).toBe(true);
    expect(check(manifest.state(params), JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(trainingJob(models, params, { ...a, step: MAX_STEPS })).toBeNull();
  });

  it('from seed 1, all three stacks learn the task within 100 steps, the three-layer stack first, then the two-layer one, then the single layer (the order the slide describes)', () => {
    const state = train(params, 100);
    const at = (step: number) => state.curves.find((c) => c[0] === step)!.slice(1);
    const [one, two, three] = at(60) as [number, number, number];
    expect(three).toBeLessThan(two - 0.1);
    expect(two).toBeLessThan(one - 0.1);
    const first = at(20);
    at(100).forEach((loss, k) => expect(loss).toBeLessThan(first[k]! / 3));
    const test = testStreams(params.seed, params.length);
    expect(evaluate(models[2]!, weightsOf(models, state, 2), test).accuracy).toBeGreaterThan(0.99);
  });
});
