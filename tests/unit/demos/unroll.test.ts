import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/unroll/index.ts';
import manifest from '../../../demos/unroll/demo.json';
import { corpusOf, paramsFor, trainState, traceState, unrollSpec, weightCount } from '../../../demos/unroll/model.ts';
import type { UnrollParams } from '../../../demos/unroll/state.ts';
import { validateParams, type DemoManifest } from '../../../src/widgets/params.ts';

const params = validateParams(manifest as DemoManifest, 'seed: 3').values as UnrollParams;
const corpus = corpusOf(params);
const spec = unrollSpec(corpus.vocab.length, params.hidden);

describe('unroll demo model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('reads "hello" with the vocabulary h, e, l, o and predicts each next character', () => {
    const trace = traceState(spec, corpus, demo.initialState(params));
    expect(trace.vocab).toEqual(['h', 'e', 'l', 'o']);
    expect(trace.inputs.map((i) => trace.vocab[i]).join('')).toBe('hell');
    expect(trace.targets.map((i) => trace.vocab[i]).join('')).toBe('ello');
    expect(trace.states).toHaveLength(4);
    for (const p of trace.probs) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const s of trace.states.flat()) expect(Math.abs(s)).toBeLessThan(1);
  });

  it('starts near a loss of ln V and learns the word when trained', () => {
    const start = demo.initialState(params);
    const before = traceState(spec, corpus, start).loss;
    expect(Math.abs(before - Math.log(4))).toBeLessThan(0.5);
    const trained = trainState(tf, spec, corpus, start, 100);
    expect(trained.trainSteps).toBe(100);
    const after = traceState(spec, corpus, trained);
    expect(after.loss).toBeLessThan(before / 3);
    const predicted = after.probs.map((p) => after.vocab[p.indexOf(Math.max(...p))]).join('');
    expect(predicted).toBe('ello');
  });

  it('gives the same numbers for the same state, and frees its tensors', () => {
    const baseline = tf.memory().numTensors;
    const s = trainState(tf, spec, corpus, demo.initialState(params), 10);
    expect(traceState(spec, corpus, s)).toEqual(traceState(spec, corpus, JSON.parse(JSON.stringify(s))));
    expect(paramsFor(spec, s)['layer0.fw.U']!.data.length).toBe(16);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('round-trips its state through JSON and rejects bad states', () => {
    const s = trainState(tf, spec, corpus, demo.initialState(params), 5);
    expect(demo.parseState(JSON.parse(JSON.stringify(s)), params)).toEqual(s);
    expect(s.weights).toHaveLength(weightCount(spec));
    expect(demo.parseState({ ...s, t: 9 }, params)).toBeNull();
    expect(demo.parseState({ ...s, weights: [1, 2] }, params)).toBeNull();
    expect(demo.parseState({ ...s, weights: s.weights!.map(() => Number.NaN) }, params)).toBeNull();
    expect(demo.parseState('nonsense', params)).toBeNull();
  });
});
