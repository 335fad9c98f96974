/**
 * The fused trainers against recurrentjs (Karpathy's plain-JavaScript autodiff RNN library)
 * training the same character model in this Node process: an embedding of width 5 (its
 * character demo's letter size), one recurrent layer, a softmax at every step, RMSProp
 * (decay 0.999, ε 1e-8) with element-wise clipping at 5, sequence 25, batch 1.
 * recurrentjs is not part of the project: its source file is loaded from the path given.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type { Batch, CellKind, ModelSpec } from '../../src/rnn/index.ts';
import { FusedTrainer, Rng, charBatch, charCorpus, initParams } from '../../src/rnn/index.ts';
import { BENCH_TEXT, flopsPerChar, fmt, kernelPeak, median, rate } from './rnn-stats.ts';

interface RMat {
  w: Float64Array;
  dw: Float64Array;
}
interface RGraph {
  rowPluck(m: RMat, ix: number): RMat;
  backward(): void;
}
interface RLib {
  Graph: new (needsBackprop?: boolean) => RGraph;
  Solver: new () => { step(model: Record<string, RMat>, lr: number, regc: number, clip: number): unknown };
  RandMat: new (n: number, d: number, mu: number, std: number) => RMat;
  initLSTM(input: number, hidden: number[], output: number): Record<string, RMat>;
  initRNN(input: number, hidden: number[], output: number): Record<string, RMat>;
  forwardLSTM(g: RGraph, model: Record<string, RMat>, hidden: number[], x: RMat, prev: object): { o: RMat };
  forwardRNN(g: RGraph, model: Record<string, RMat>, hidden: number[], x: RMat, prev: object): { o: RMat };
  softmax(m: RMat): RMat;
}

/** Runs recurrentjs's browser script (it defines a global R) in a fresh context. */
export function loadRecurrentjs(file: string): RLib {
  const ctx = vm.createContext({ console });
  vm.runInContext(readFileSync(file, 'utf8'), ctx, { filename: file });
  const R = (ctx as { R?: Partial<RLib> }).R;
  if (!R || typeof R.initLSTM !== 'function' || typeof R.Graph !== 'function') throw new Error(`--recurrentjs: ${file} did not define R.initLSTM and R.Graph`);
  return R as RLib;
}

const EMBED = 5;

/** One recurrentjs training step on sequence 0 of the batch, as its character demo's tick(). */
function recurrentjsTrainer(R: RLib, kind: 'rnn' | 'lstm', V: number, H: number) {
  const model = kind === 'lstm' ? R.initLSTM(EMBED, [H], V) : R.initRNN(EMBED, [H], V);
  model['Wil'] = new R.RandMat(V, EMBED, 0, 0.08);
  const solver = new R.Solver();
  return (batch: Batch) => {
    const g = new R.Graph();
    let prev = {};
    for (let t = 0; t < batch.steps; t++) {
      const x = g.rowPluck(model['Wil']!, batch.inputIndices![t]!);
      const out = kind === 'lstm' ? R.forwardLSTM(g, model, [H], x, prev) : R.forwardRNN(g, model, [H], x, prev);
      prev = out;
      const probs = R.softmax(out.o);
      out.o.dw = probs.w;
      out.o.dw[batch.targetIndices![t]!]! -= 1;
    }
    g.backward();
    solver.step(model, 0.01, 0, 5);
  };
}

function fusedSpec(kind: CellKind, V: number, H: number): ModelSpec {
  // recurrentjs's RNN uses ReLU.
  const cell = kind === 'rnn' ? { kind, hiddenSize: H, activation: 'relu' as const } : { kind, hiddenSize: H };
  return { input: { kind: 'embedding', vocab: V, dim: EMBED }, layers: [{ cell }], head: { kind: 'softmax', classes: V, at: 'every' } };
}

interface Case {
  name: string;
  kind: CellKind;
  against: 'rnn' | 'lstm';
  hidden: number;
}

const CASES: Case[] = [
  { name: 'LSTM h20', kind: 'lstm', against: 'lstm', hidden: 20 },
  { name: 'LSTM h100', kind: 'lstm', against: 'lstm', hidden: 100 },
  { name: 'RNN h100', kind: 'rnn', against: 'rnn', hidden: 100 },
  { name: 'GRU h100', kind: 'gru', against: 'lstm', hidden: 100 },
];

/**
 * Runs the comparison at one precision and prints its table. Each precision runs in its own
 * process: sharing one would make every kernel see two array types, which slows both.
 */
export function runRecurrentjsComparison(file: string, precision: 'float32' | 'float64', runs: number, minMs: number): void {
  const R = loadRecurrentjs(file);
  const corpus = charCorpus(BENCH_TEXT);
  const V = corpus.vocab.length;
  const steps = 25;
  console.info(`\nfused ${precision} vs recurrentjs, Node ${process.version}, one process, sequence ${steps}, batch 1, vocab ${V}, embedding ${EMBED}; chars/s medians of ${runs} alternating runs of >= ${minMs} ms`);
  console.info(`\n| model | recurrentjs | fused ${precision} | ratio (median of per-run ratios) | fused GFLOP/s |\n|---|---:|---:|---:|---:|`);
  for (const c of CASES) {
    const spec = fusedSpec(c.kind, V, c.hidden);
    const opt = { kind: 'rmsprop', learningRate: 0.01, decay: 0.999, epsilon: 1e-8 } as const;
    const fused = new FusedTrainer(spec, initParams(spec, { seed: 1 }), { optimizer: opt, clip: { kind: 'value', limit: 5 }, precision });
    const rjs = recurrentjsTrainer(R, c.against, V, c.hidden);
    const rng = new Rng(2);
    const batches = Array.from({ length: 32 }, () => charBatch(corpus, rng, steps, 1));
    let i = 0;
    const next = () => batches[i++ % batches.length]!;
    // Warm-up: both reach their optimised code before the first timed run.
    rate(() => rjs(next()), minMs);
    rate(() => fused.trainStep(next()), minMs);
    const r: number[] = [], f: number[] = [], ratio: number[] = [];
    for (let k = 0; k < runs; k++) {
      const x = steps * rate(() => rjs(next()), minMs);
      const y = steps * rate(() => fused.trainStep(next()), minMs);
      r.push(x); f.push(y); ratio.push(y / x);
    }
    const vs = c.against === c.kind ? '' : ` (vs its ${c.against.toUpperCase()})`;
    console.info(`| ${c.name}${vs} | ${fmt(median(r))} | ${fmt(median(f))} | ${fmt(median(ratio))}× | ${((median(f) * flopsPerChar(spec)) / 1e9).toFixed(2)} |`);
  }
  const peak = median(Array.from({ length: runs }, () => kernelPeak(512, precision, minMs / 2)));
  console.info(`\nfused kernel matmul 512×512×512 in this process: ${peak.toFixed(2)} GFLOP/s (${precision})`);
}

// Child-process entry: `rnn-recurrentjs.ts FILE PRECISION RUNS MIN_MS`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, precision, runs, minMs] = process.argv.slice(2);
  runRecurrentjsComparison(file!, precision === 'float32' ? 'float32' : 'float64', Number(runs), Number(minMs));
}
