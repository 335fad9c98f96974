import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import demo from '../../../demos/char-lm/index.ts';
import manifest, { CELLS, MAX_POINTS, MAX_TEXT, type CharLmParams, type CharLmState } from '../../../demos/char-lm/schema.ts';
import { DEFAULT_TEXT } from '../../../demos/char-lm/default-text.ts';
import { afterReport, appendPoint, corpusOf, reportEvery, restart, sampleOf, specOf, textProblem, trainingJob } from '../../../demos/char-lm/model.ts';
import { decodeWeights, encodeWeights } from '../../../demos/char-lm/weights.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { charLmWindow } from '../../../src/training/trainers/char-lm.ts';
import type { TrainerState } from '../../../src/training/index.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

const params = validateParams(manifest, '').values as CharLmParams;
const initial = manifest.initialState(params);
const parse = (raw: unknown) => check(manifest.state(params), raw);

/** Runs the demo's job as the worker does, for `steps` steps; returns the trainer's state. */
function train(state: CharLmState, steps: number): TrainerState {
  const job = trainingJob(state, corpusOf(state.text));
  const session = builtinTrainers().get(job.trainer).create(job.config, job.seed, job.initial);
  for (let i = 0; i < steps; i++) session.step();
  return session.state();
}

describe('char-lm demo model', () => {
  it('is the demo module of its spec; the default text is a paragraph of the lecture', () => {
    expect(demo.spec).toBe(manifest);
    const chapter = readFileSync(join(import.meta.dirname, '../../../slides/03-language-model.md'), 'utf8');
    expect(chapter).toContain(DEFAULT_TEXT.slice(0, 120));
    expect(textProblem(DEFAULT_TEXT, MAX_TEXT)).toBeNull();
  });

  it.each(CELLS)('%s: 500 steps on the default paragraph take the loss from about ln V to below 1.5 nats/char', (cell) => {
    const start = { ...initial, cell };
    const lnV = Math.log(corpusOf(start.text).vocab.length);
    const first = train(start, 1).extra.passLoss!;
    expect(Math.abs(first - lnV)).toBeLessThan(0.25);
    const after = train(start, 500).extra.passLoss!;
    expect(after).toBeLessThan(1.5);
  }, 60_000);

  it('gives the same weights for the same state, and resumes on the windows an uninterrupted run sees', () => {
    const a = train(initial, 5);
    const b = train(initial, 5);
    expect(encodeWeights(a.params)).toBe(encodeWeights(b.params));
    const ids = corpusOf(initial.text).ids;
    expect(charLmWindow(ids, 1, 7, 25)).toEqual(charLmWindow(ids, 1, 7, 25));
    expect(charLmWindow(ids, 1, 7, 25).inputIndices).not.toEqual(charLmWindow(ids, 1, 8, 25).inputIndices);
  });

  it('carries its weights in the state as float32 and its state through JSON', () => {
    const corpus = corpusOf(initial.text);
    const trainer = train(initial, 3);
    const report = { step: 3, jobStep: 3, loss: 3, state: trainer };
    const s = afterReport({ ...initial, training: true }, report, corpus, { elapsedMs: 100, charsPerSec: 750 }, true);
    expect(parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(s.step).toBe(3);
    expect(s.curve).toEqual([75, Number(trainer.extra.passLoss!.toFixed(4))]);
    expect(s.charsPerSec).toBe(750);
    expect(s.trainedMs).toBe(100);
    expect(Array.from(s.sample).every((ch) => corpus.vocab.includes(ch))).toBe(true);
    const back = decodeWeights(specOf(s, corpus), s.seed, s.weights);
    for (const [name, p] of Object.entries(trainer.params)) p.data.forEach((w, i) => expect(back[name]!.data[i]).toBe(Math.fround(w)));
    expect(() => decodeWeights(specOf({ ...s, hidden: 8 }, corpus), s.seed, s.weights)).toThrow(/expected \d+ numbers/);
    expect(parse({ ...s, cell: 'transformer' })).toBeNull();
    expect(parse({ ...s, text: 'x'.repeat(MAX_TEXT + 1) })).toBeNull();
    expect(parse({ ...s, curve: new Array(2 * MAX_POINTS + 2).fill(1) })).toBeNull();
    expect(restart(s)).toEqual({ ...s, step: 0, loss: null, curve: [], sample: '', charsPerSec: 0, trainedMs: 0, weights: null });
  });

  it('samples the same text for the same state, and follows the temperature', () => {
    const corpus = corpusOf(initial.text);
    const trainer = train(initial, 40);
    const s = afterReport({ ...initial, training: true }, { step: 40, jobStep: 40, loss: 2, state: trainer }, corpus, { elapsedMs: 100, charsPerSec: 1 }, false);
    expect(sampleOf(s, corpus)).toBe(sampleOf(JSON.parse(JSON.stringify(s)) as CharLmState, corpus));
    expect(sampleOf({ ...s, temperature: 0.1 }, corpus)).not.toBe(sampleOf({ ...s, temperature: 2 }, corpus));
    expect(Array.from(sampleOf(s, corpus))).toHaveLength(201);
  });

  it('refuses a text that is too long with a message, never cutting it; and too short or too varied ones', () => {
    const long = 'ab '.repeat(2000);
    expect(textProblem(long, MAX_TEXT)).toBe(`The text has 6000 characters; the model takes at most ${MAX_TEXT}. Nothing was cut: shorten it to train on it.`);
    expect(textProblem('short', MAX_TEXT)).toMatch(/at least 10/);
    const varied = Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(textProblem(varied, MAX_TEXT)).toMatch(/200 distinct characters/);
    expect(textProblem('Chữ tài đi với chữ tai một vần. 😳', MAX_TEXT)).toBeNull();
  });

  it('keeps the loss curve bounded, with its first and latest points', () => {
    let curve: number[] = [];
    for (let i = 1; i <= 5 * MAX_POINTS; i++) curve = appendPoint(curve, i * 25, 3 - i / 1000);
    expect(curve.length).toBeLessThanOrEqual(2 * MAX_POINTS);
    expect(curve.slice(0, 2)).toEqual([25, 2.999]);
    expect(curve.slice(-2)).toEqual([5 * MAX_POINTS * 25, 3 - (5 * MAX_POINTS) / 1000]);
    for (let i = 2; i < curve.length; i += 2) expect(curve[i]).toBeGreaterThan(curve[i - 2]!);
  });

  it('reports at least once per step and bounds the work between reports over the whole parameter range', () => {
    const vocab = corpusOf(initial.text).vocab.length;
    const cheap = reportEvery({ ...initial, cell: 'rnn', hidden: 8, seq: 4 }, vocab);
    const dear = reportEvery({ ...initial, cell: 'lstm', hidden: 128, seq: 64 }, vocab);
    expect(dear).toBe(1);
    expect(cheap).toBeGreaterThan(dear);
    expect(cheap).toBeLessThan(2000);
  });
});
