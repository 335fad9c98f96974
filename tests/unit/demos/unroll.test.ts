import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/unroll/index.ts';
import manifest, { maxLength, weightCountOf, type UnrollParams } from '../../../demos/unroll/schema.ts';
import { corpusOf, paramsFor, trainedState, trainingJob, trainState, traceState, unrollSpec, weightCount } from '../../../demos/unroll/model.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

const params = validateParams(manifest, 'seed: 3').values as UnrollParams;
const initialState = (p: UnrollParams) => manifest.initialState(p);
const parseState = (raw: unknown, p: UnrollParams) => check(manifest.state(p), raw);
const corpus = corpusOf(params);
const spec = unrollSpec(corpus.vocab.length, params.hidden);

describe('unroll demo model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the demo module of the unroll spec', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ text: 'hello', hidden: 4, seed: 3 });
  });

  it('reads "hello" with the vocabulary h, e, l, o and predicts each next character', () => {
    const trace = traceState(tf, spec, corpus, initialState(params));
    expect(trace.vocab).toEqual(['h', 'e', 'l', 'o']);
    expect(trace.inputs.map((i) => trace.vocab[i]).join('')).toBe('hell');
    expect(trace.targets.map((i) => trace.vocab[i]).join('')).toBe('ello');
    expect(trace.states).toHaveLength(4);
    for (const p of trace.probs) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const s of trace.states.flat()) expect(Math.abs(s)).toBeLessThan(1);
  });

  it('starts near a loss of ln V and learns the word when trained', () => {
    const start = initialState(params);
    const before = traceState(tf, spec, corpus, start).loss;
    expect(Math.abs(before - Math.log(4))).toBeLessThan(0.5);
    const trained = trainState(tf, spec, corpus, start, 100);
    expect(trained.trainSteps).toBe(100);
    const after = traceState(tf, spec, corpus, trained);
    expect(after.loss).toBeLessThan(before / 3);
    const predicted = after.probs.map((p) => after.vocab[p.indexOf(Math.max(...p))]).join('');
    expect(predicted).toBe('ello');
  });

  it('gives the same numbers for the same state, and frees its tensors', () => {
    const baseline = tf.memory().numTensors;
    const s = trainState(tf, spec, corpus, initialState(params), 10);
    expect(traceState(tf, spec, corpus, s)).toEqual(traceState(tf, spec, corpus, JSON.parse(JSON.stringify(s))));
    expect(paramsFor(spec, s)['layer0.fw.U']!.data.length).toBe(16);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('round-trips its state through JSON and rejects bad states', () => {
    const s = trainState(tf, spec, corpus, initialState(params), 5);
    expect(parseState(JSON.parse(JSON.stringify(s)), params)).toEqual(s);
    expect(s.weights).toHaveLength(weightCount(spec));
    expect(parseState({ ...s, t: 9 }, params)).toBeNull();
    expect(parseState({ ...s, weights: [1, 2] }, params)).toBeNull();
    expect(parseState({ ...s, weights: s.weights!.map(() => Number.NaN) }, params)).toBeNull();
    expect(parseState('nonsense', params)).toBeNull();
    const playing = { ...s, playing: true, t: maxLength(params) - 1 };
    expect(parseState(JSON.parse(JSON.stringify(playing)), params)).toEqual(playing);
    expect(parseState({ ...s, playing: 'yes' }, params)).toBeNull();
    const { playing: _dropped, ...withoutPlaying } = s;
    expect(parseState(withoutPlaying, params)).toBeNull();
  });

  it('the state schema counts the same weights as the model', () => {
    for (const text of ['hello', 'ab', 'the cat', 'aaaa bbbb']) {
      for (const hidden of [2, 4, 8]) {
        const p = { text, hidden, seed: 1 };
        expect(weightCountOf(p), `${text} ${hidden}`).toBe(weightCount(unrollSpec(corpusOf(p).vocab.length, hidden)));
      }
    }
  });

  it('trains in the training worker to the same weights as the tfjs path', () => {
    const start = initialState(params);
    const job = trainingJob(spec, corpus, start, 25);
    const session = builtinTrainers().get(job.trainer).create(job.config, job.seed, job.initial);
    for (let i = 0; i < job.steps; i++) session.step();
    const viaWorker = trainedState(start, session.state().params, 25);
    const viaTf = trainState(tf, spec, corpus, start, 25);
    expect(viaWorker.trainSteps).toBe(viaTf.trainSteps);
    const diff = Math.max(...viaWorker.weights!.map((w, i) => Math.abs(w - viaTf.weights![i]!)));
    expect(diff).toBeLessThan(1e-4);
    expect(parseState(JSON.parse(JSON.stringify(viaWorker)), params)).toEqual(viaWorker);
    expect(traceState(tf, spec, corpus, viaWorker).loss).toBeLessThan(traceState(tf, spec, corpus, start).loss);
  });
});
