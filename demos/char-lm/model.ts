/**
 * The character language model of the demo: its corpus and network, its training job for
 * the worker, and the state after each progress report (curve, sample, speed). Pure: no DOM.
 */
import { charCorpus, type CharCorpus, type ModelSpec } from '../../src/rnn/index.ts';
import { charLmSpec } from '../../src/training/trainers/char-lm.ts';
import type { ProgressReport, TrainingJobSpec } from '../../src/training/index.ts';
import { sampleText } from './sample.ts';
import { MAX_POINTS, MAX_STEPS, MAX_VOCAB, type CharLmState } from './schema.ts';
import { decodeWeights, encodeWeights } from './weights.ts';

export const SAMPLE_LENGTH = 200;
/** Multiply-adds per second assumed of a loaded 2-core machine: reports then come several times a second. */
const ASSUMED_MACS_PER_SECOND = 30e6;
const REPORT_SECONDS = 0.4;
/** Main-thread work one sample may take, in multiply-adds (a few milliseconds). */
const SAMPLE_BUDGET_MACS = 4e6;

export function corpusOf(text: string): CharCorpus {
  return charCorpus(text);
}

/** Why a text cannot be trained on, or null. */
export function textProblem(text: string, maxLength: number): string | null {
  const n = Array.from(text).length;
  if (n > maxLength) return `The text has ${n} characters; the model takes at most ${maxLength}. Nothing was cut: shorten it to train on it.`;
  if (n < 10) return `The text has ${n} characters; give it at least 10.`;
  const vocab = new Set(Array.from(text)).size;
  if (vocab > MAX_VOCAB) return `The text has ${vocab} distinct characters; the model takes at most ${MAX_VOCAB}.`;
  return null;
}

export function specOf(state: Pick<CharLmState, 'cell' | 'hidden'>, corpus: CharCorpus): ModelSpec {
  return charLmSpec(state.cell, corpus.vocab.length, state.hidden);
}

/** Multiply-adds per character of a forward pass (the backward pass costs about twice that). */
function macsPerChar(state: Pick<CharLmState, 'cell' | 'hidden'>, vocab: number): number {
  const gates = state.cell === 'lstm' ? 4 : state.cell === 'gru' ? 3 : 1;
  return gates * state.hidden * (vocab + state.hidden + 1) + state.hidden * vocab;
}

/** Steps between reports: about REPORT_SECONDS of work at the assumed speed, so the picture moves at least once a second. */
export function reportEvery(state: CharLmState, vocab: number): number {
  const stepMacs = 3 * macsPerChar(state, vocab) * state.seq;
  return Math.max(1, Math.round((REPORT_SECONDS * ASSUMED_MACS_PER_SECOND) / stepMacs));
}

/** Continues from the state's weights (or the seed), until paused. */
export function trainingJob(state: CharLmState, corpus: CharCorpus): TrainingJobSpec {
  const every = reportEvery(state, corpus.vocab.length);
  const spec = specOf(state, corpus);
  return {
    trainer: 'char-lm',
    config: { text: state.text, cell: state.cell, hiddenSize: state.hidden, seqLength: state.seq, optimizer: { kind: 'adam', learningRate: state.lr }, clip: { kind: 'norm', threshold: 5 } },
    seed: state.seed,
    ...(state.weights === null
      ? {}
      : { initial: { step: state.step, params: decodeWeights(spec, state.seed, state.weights), extra: { passLoss: state.loss ?? NaN } } }),
    steps: Math.max(1, MAX_STEPS - state.step),
    reportEvery: every,
    snapshotEvery: every,
  };
}

/** Adds a point; a full curve keeps every other point, so it spans the whole run at half the density. */
export function appendPoint(curve: readonly number[], chars: number, loss: number): number[] {
  let out = [...curve, chars, Number(loss.toFixed(4))];
  if (out.length > 2 * MAX_POINTS) out = out.filter((_, i) => Math.floor(i / 2) % 2 === 0 || i >= out.length - 2);
  return out;
}

/** A sample from the state's weights; its seed is the state's seed and step, so both windows and every rerun agree. */
export function sampleOf(state: CharLmState, corpus: CharCorpus): string {
  const spec = specOf(state, corpus);
  const length = Math.max(20, Math.min(SAMPLE_LENGTH, Math.floor(SAMPLE_BUDGET_MACS / macsPerChar(state, corpus.vocab.length))));
  const prime = Array.from(state.text)[0]!;
  return prime + sampleText(spec, decodeWeights(spec, state.seed, state.weights), corpus, { prime, length, temperature: state.temperature, seed: state.seed * 7919 + state.step });
}

/**
 * The state after a report with weights: `elapsedMs` is the training time since the last
 * report, `charsPerSec` the job's speed so far (measured over the whole job: two reports
 * may reach a busy page in the same task); `withSample` asks for a new sample (they cost
 * main-thread time, so not every report).
 */
export function afterReport(state: CharLmState, report: ProgressReport, corpus: CharCorpus, timing: { elapsedMs: number; charsPerSec: number }, withSample: boolean): CharLmState {
  const trainer = report.state;
  if (!trainer) return state;
  const passLoss = trainer.extra.passLoss;
  const loss = passLoss !== undefined && Number.isFinite(passLoss) ? Number(passLoss.toFixed(4)) : state.loss;
  const chars = (report.step - state.step) * windowLength(state, corpus);
  const next: CharLmState = {
    ...state,
    step: report.step,
    loss,
    curve: loss === null ? state.curve : appendPoint(state.curve, (state.curve[state.curve.length - 2] ?? 0) + chars, loss),
    charsPerSec: Math.round(timing.charsPerSec),
    trainedMs: Math.round(state.trainedMs + timing.elapsedMs),
    weights: encodeWeights(trainer.params),
  };
  return withSample ? { ...next, sample: sampleOf(next, corpus) } : next;
}

/** Characters one training step reads: the sequence length, or the whole text when it is shorter. */
export function windowLength(state: Pick<CharLmState, 'seq'>, corpus: CharCorpus): number {
  return Math.min(state.seq, corpus.ids.length - 1);
}

/** Back to the seeded weights on the state's text and settings. */
export function restart(state: CharLmState): CharLmState {
  return { ...state, step: 0, loss: null, curve: [], sample: '', charsPerSec: 0, trainedMs: 0, weights: null };
}
