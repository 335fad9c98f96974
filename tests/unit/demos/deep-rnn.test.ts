import { describe, expect, it } from 'vitest';
import demo from '../../../demos/deep-rnn/index.ts';
import manifest, { CURVE_POINT, MAX_STEPS, REPORT_EVERY, type DeepParams, type DeepState } from '../../../demos/deep-rnn/schema.ts';
import { heldOutLoss, reportedState, stacksOf, testStreams, traceStream, trainingJob, weightsOf } from '../../../demos/deep-rnn/model.ts';
import { DEPTHS, stackWeightCount } from '../../../demos/deep-rnn/sizes.ts';
import { makeStreams, streamsBatch, windowAnswers } from '../../../demos/deep-rnn/task.ts';
import { initParams, refForwardSequence } from '../../../src/rnn/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';
import { weightCount } from '../../../src/widgets/state-weights.ts';
import { trainInChunks } from './side-by-side-training.ts';

const params = validateParams(manifest, 'seed: 1').values as DeepParams;
const models = stacksOf(params);
const train = (p: DeepParams, steps: number): DeepState => trainInChunks(manifest.initialState(p), steps, (s) => trainingJob(stacksOf(p), p, s), reportedState);

/** The steps within which the slide's claim holds, and the seeds it is checked for. */
const CLAIM_STEPS = 200;
const CLAIM_SEEDS = [1, 2, 3];

describe('deep-rnn demo model', () => {
  it('is the demo module of its spec, with defaults inside their ranges', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ length: 16, width: 6, seed: 1 });
  });

  it('answers the sum of the last three digits modulo 3 at every step, counting digits before the start as 0', () => {
    expect(windowAnswers([2, 2, 1, 0, 2, 1])).toEqual([2, 1, 2, 0, 0, 0]);
    const s = makeStreams(5, 4, 10);
    expect(s.inputs.flat().every((d) => d === 0 || d === 1 || d === 2)).toBe(true);
    expect(s.tags).toEqual(s.inputs.map(windowAnswers));
  });

  it('gives every stack layers of the fence’s width, with the weights counted as the core lays them out', () => {
    for (let w = 4; w <= 12; w++) {
      stacksOf({ width: w }).forEach((spec, k) => {
        expect(spec.layers).toHaveLength(DEPTHS[k]!);
        for (const layer of spec.layers) expect(layer.cell.hiddenSize).toBe(w);
        expect(weightCount(initParams(spec, { seed: 0 }))).toBe(stackWeightCount(DEPTHS[k]!, w));
      });
    }
  });

  it('traces every layer of the shown stack with states of the right shapes and the reference’s answers', () => {
    const test = testStreams(params.seed, params.length);
    const state = train(params, 20);
    models.forEach((spec, k) => {
      const w = weightsOf(models, state, k);
      const trace = traceStream(spec, w, test, 2);
      expect(trace.layers).toHaveLength(DEPTHS[k]!);
      for (const layer of trace.layers) {
        expect(layer).toHaveLength(params.length);
        for (const s of layer) expect(s).toHaveLength(params.width);
      }
      const ref = refForwardSequence(spec, w, streamsBatch(test), 2);
      expect(trace.right).toEqual(ref.probs.map((p, t) => p[test.tags[2]![t]!]));
      expect(trace.digits).toEqual(test.inputs[2]);
    });
  });

  it('draws one point per report with the worker’s held-out figures, gives the same state for the same seed, a state its schema accepts, and stops at the last step', () => {
    const a = train(params, 40);
    const b = train(params, 40);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.curves.map((c) => c[0])).toEqual([20, 40]);
    expect(REPORT_EVERY).toBe(20);
    for (const c of a.curves) {
      expect(c).toHaveLength(CURVE_POINT);
      for (const v of c) expect(Number.isFinite(v)).toBe(true);
    }
    // The worker's held-out loss is the float64 reference's on the same (rounded) weights.
    const test = testStreams(params.seed, params.length);
    const batch = streamsBatch(test);
    models.forEach((spec, k) => {
      const w = weightsOf(models, a, k);
      let loss = 0;
      for (let i = 0; i < batch.batchSize; i++) loss += refForwardSequence(spec, w, batch, i).loss;
      expect(heldOutLoss(a, k)).toBeCloseTo(loss / batch.batchSize, 3);
    });
    expect(a.accuracy).toHaveLength(3);
    expect(check(manifest.state(params), JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(trainingJob(models, params, { ...a, step: MAX_STEPS })).toBeNull();
  });

  it.each(CLAIM_SEEDS)(`from seed %i, after ${CLAIM_STEPS} steps both deeper stacks have under half the one-layer stack's held-out loss`, (seed) => {
    const state = train({ ...params, seed }, CLAIM_STEPS);
    const [one, two, three] = DEPTHS.map((_, k) => heldOutLoss(state, k)!) as [number, number, number];
    expect(two).toBeLessThan(one / 2);
    expect(three).toBeLessThan(one / 2);
    const [accOne, accTwo, accThree] = state.accuracy!;
    expect(accTwo).toBeGreaterThan(accOne!);
    expect(accThree).toBeGreaterThan(accOne!);
  });
});
