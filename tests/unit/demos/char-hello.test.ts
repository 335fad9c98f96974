import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/char-hello/index.ts';
import manifest, { WEIGHT_COUNT, type HelloParams, type HelloState } from '../../../demos/char-hello/schema.ts';
import { flatten, helloSpec, initialLoss, paramsFor, sampleTrace, trainingJob, trainTrace, traceFor, withWeights } from '../../../demos/char-hello/model.ts';
import { helloExample, initParams } from '../../../src/rnn/index.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

const params = validateParams(manifest, '').values as HelloParams;
const parse = (raw: unknown) => check(manifest.state(params), raw);

/** Runs the demo's training job as the worker would, step by step, returning the state after each step. */
function trainSteps(start: HelloState, steps: number): HelloState[] {
  const job = trainingJob(start, steps);
  const session = builtinTrainers().get(job.trainer).create(job.config, job.seed, job.initial);
  const states: HelloState[] = [];
  for (let i = 0; i < steps; i++) {
    session.step();
    const s = session.state();
    states.push(withWeights(start, s.step, s.params));
  }
  return states;
}

describe('char-hello demo model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the demo module of its spec, seeded as the worked-numbers slide', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ seed: 5, steps: 200 });
    expect(Object.values(initParams(helloSpec, { seed: 0 })).reduce((n, p) => n + p.data.length, 0)).toBe(WEIGHT_COUNT);
  });

  it('reads "hell" with targets "ello" and starts at the loss of a uniform guess, ln 4', () => {
    const trace = traceFor(manifest.initialState(params));
    expect(trace.inputs.map((i) => 'helo'[i]).join('')).toBe('hell');
    expect(trace.targets.map((i) => 'helo'[i]).join('')).toBe('ello');
    expect(trace.hidden).toHaveLength(4);
    expect(trace.hidden[0]).toHaveLength(3);
    for (const p of trace.probs) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // The worked-numbers slide: J = 1.380 at seed 5.
    expect(initialLoss(5)).toBeCloseTo(1.3803, 4);
    expect(Math.abs(trace.loss - Math.log(4))).toBeLessThan(0.05);
    expect(trace.predicted).not.toBe('ello');
  });

  it('predicts "ello" within 5 steps of the default seed, and its loss keeps falling', () => {
    const states = trainSteps(manifest.initialState(params), params.steps);
    const first = states.findIndex((s) => traceFor(s).predicted === 'ello');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first + 1).toBeLessThanOrEqual(5);
    const losses = states.map((s) => traceFor(s).loss);
    expect(losses.at(-1)).toBeLessThan(0.05);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    expect(states.every((s) => traceFor(s).predicted === 'ello' || states.indexOf(s) < first)).toBe(true);
  });

  it('samples "hello" from the trained weights, each sample fed back in as the next input', () => {
    const trained = trainSteps(manifest.initialState(params), params.steps).at(-1)!;
    const ps = paramsFor(trained);
    const samples = Array.from({ length: 20 }, (_, k) => {
      const trace = sampleTrace(ps, k + 1);
      for (let t = 1; t < 4; t++) expect(trace.inputs[t]).toBe(trace.targets[t - 1]);
      return `h${trace.targets.map((i) => 'helo'[i]).join('')}`;
    });
    // Sampling is random: at about 0.99 per character, "hello" comes out nearly every time.
    expect(samples.filter((w) => w === 'hello').length).toBeGreaterThanOrEqual(17);
    // Before training the samples are not the word for every seed.
    const untrained = paramsFor(manifest.initialState(params));
    const words = [1, 2, 3, 4, 5, 6].map((seed) => sampleTrace(untrained, seed).targets.join(''));
    expect(words.some((w) => w !== '1223')).toBe(true);
  });

  it('computes the same numbers as the TensorFlow.js path, and frees its tensors', () => {
    const baseline = tf.memory().numTensors;
    const trained = trainSteps(manifest.initialState(params), 20).at(-1)!;
    const model = RnnModel.fromParams(tf, helloSpec, paramsFor(trained));
    try {
      const viaTf = model.trace(helloExample().batch);
      const ours = trainTrace(paramsFor(trained));
      expect(Math.abs(viaTf.loss - ours.loss)).toBeLessThan(1e-5);
      viaTf.outputs[0]!.forEach((logits, t) => logits.forEach((v, j) => expect(Math.abs(v - ours.scores[t]![j]!)).toBeLessThan(1e-5)));
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('round-trips its state through JSON, and the same state gives the same picture', () => {
    const s = trainSteps(manifest.initialState(params), 3).at(-1)!;
    const copy = parse(JSON.parse(JSON.stringify(s)));
    expect(copy).toEqual(s);
    expect(traceFor(copy!)).toEqual(traceFor(s));
    expect(flatten(paramsFor(s))).toEqual(s.weights);
    expect(parse({ ...s, weights: [1, 2] })).toBeNull();
    expect(parse({ ...s, mode: 'dream' })).toBeNull();
    expect(parse({ ...s, shown: 5 })).toBeNull();
  });

  it('is safe at every seed: finite numbers from any seed in the range', () => {
    for (const seed of [0, 1, 999999]) {
      const states = trainSteps({ ...manifest.initialState(params), seed }, 50);
      for (const s of [states[0]!, states.at(-1)!]) {
        const t = traceFor(s);
        expect([t.loss, ...t.hidden.flat(), ...t.scores.flat()].every(Number.isFinite)).toBe(true);
      }
    }
  });
});
