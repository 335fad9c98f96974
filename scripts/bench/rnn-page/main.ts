/**
 * Benchmark page: trains the same character model with the op-by-op tfjs path and with the
 * fused trainer, on one tfjs backend at a time, and reports characters per second; also
 * times a 512×512 matrix product on the backend and in the fused kernel, the peaks the
 * achieved GFLOP/s are read against. Driven by scripts/bench/rnn.ts through window.runRnnBench.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { CellKind, ModelSpec } from '../../../src/rnn/index.ts';
import { FusedTrainer, Rng, charBatch, charCorpus } from '../../../src/rnn/index.ts';
import { RnnModel, createTfOptimizer } from '../../../src/rnn/tf/index.ts';
import { BENCH_TEXT, flopsPerChar, kernelPeak, rate } from '../rnn-stats.ts';

// Served by the local dev server from node_modules: nothing is fetched from the network.
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

export interface BenchCase {
  cell: CellKind;
  hidden: number;
  steps: number;
  batch: number;
}

export interface BenchRow extends BenchCase {
  backend: string;
  precision: 'float32' | 'float64';
  /** Empty when the op-by-op path was not timed on this page. */
  naiveCharsPerSec: number[];
  fastCharsPerSec: number[];
  flopsPerChar: number;
}

export interface BenchOptions {
  backend: string;
  precision: 'float32' | 'float64';
  /** Also time the op-by-op tfjs path (and the backend's matMul). */
  naive: boolean;
  cases: BenchCase[];
  runs: number;
  minMs: number;
}

export interface BenchResult {
  rows: BenchRow[];
  /** GFLOP/s of tf.matMul 512×512 on the backend, per run (naive pages only). */
  tfMatMul512: number[];
  /** GFLOP/s of the fused kernel's 512×512 product, per run. */
  kernelMatMul512: number[];
}

const tick = () => new Promise((res) => setTimeout(res, 0));

async function runCase(o: BenchOptions, c: BenchCase): Promise<BenchRow> {
  const corpus = charCorpus(BENCH_TEXT);
  const V = corpus.vocab.length;
  const spec: ModelSpec = { input: { kind: 'onehot', vocab: V }, layers: [{ cell: { kind: c.cell, hiddenSize: c.hidden } }], head: { kind: 'softmax', classes: V, at: 'every' } };
  const model = RnnModel.create(tf, spec, { seed: 1 });
  const opt = createTfOptimizer(tf, { kind: 'adam', learningRate: 0.01 });
  const clip = { kind: 'norm', threshold: 5 } as const;
  const fast = new FusedTrainer(spec, model.getParams(), { optimizer: { kind: 'adam', learningRate: 0.01 }, clip, precision: o.precision });
  const rng = new Rng(2);
  const batches = Array.from({ length: 16 }, () => charBatch(corpus, rng, c.steps, c.batch));
  let i = 0;
  const next = () => batches[i++ % batches.length]!;
  const chars = c.steps * c.batch;
  // Warm-up compiles shaders / kernels so the first timed run is not penalised.
  if (o.naive) model.trainStep(next(), opt, clip);
  fast.trainStep(next());
  const naive: number[] = [], fastRates: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    if (o.naive) naive.push(chars * rate(() => model.trainStep(next(), opt, clip), o.minMs));
    // The fused steps also hand their weights to the tfjs model once a frame (16 ms), as a
    // widget that samples from the model or draws it would.
    let lastWrite = performance.now();
    fastRates.push(chars * rate(() => {
      fast.trainStep(next());
      if (performance.now() - lastWrite >= 16) {
        model.setParams(fast.getParams());
        lastWrite = performance.now();
      }
    }, o.minMs));
    await tick();
  }
  opt.dispose();
  model.dispose();
  return { backend: o.backend, precision: o.precision, ...c, naiveCharsPerSec: naive, fastCharsPerSec: fastRates, flopsPerChar: flopsPerChar(spec) };
}

function tfMatMulPeak(n: number, minMs: number): number {
  const a = tf.randomNormal([n, n]), b = tf.randomNormal([n, n]);
  const once = () => tf.tidy(() => tf.matMul(a, b)).dataSync();
  once();
  const r = rate(() => void once(), minMs);
  a.dispose();
  b.dispose();
  return (2 * n ** 3 * r) / 1e9;
}

async function runRnnBench(o: BenchOptions): Promise<BenchResult | { error: string }> {
  const ok = await tf.setBackend(o.backend);
  if (!ok) return { error: `backend ${o.backend} unavailable` };
  await tf.ready();
  const rows: BenchRow[] = [];
  for (const c of o.cases) rows.push(await runCase(o, c));
  const tfMatMul512: number[] = [], kernelMatMul512: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    if (o.naive) tfMatMul512.push(tfMatMulPeak(512, o.minMs / 2));
    kernelMatMul512.push(kernelPeak(512, o.precision, o.minMs / 2));
    await tick();
  }
  return { rows, tfMatMul512, kernelMatMul512 };
}

declare global {
  interface Window {
    runRnnBench: typeof runRnnBench;
    rnnBenchReady: boolean;
  }
}

window.runRnnBench = runRnnBench;
window.rnnBenchReady = true;
const log = document.getElementById('log');
if (log) log.textContent = 'ready';
