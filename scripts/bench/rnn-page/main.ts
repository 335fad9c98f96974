/**
 * Benchmark page: trains the same LSTM character model with the op-by-op tfjs path and
 * with the fused trainer, on one backend at a time, and reports characters per second.
 * Driven by scripts/bench/rnn.ts through window.runRnnBench.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ModelSpec } from '../../../src/rnn/index.ts';
import { FusedTrainer, Rng, RnnModel, charBatch, charCorpus, createTfOptimizer } from '../../../src/rnn/index.ts';

// Served by the local dev server from node_modules: nothing is fetched from the network.
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

export interface BenchCase {
  hidden: number;
  steps: number;
  batch: number;
}

export interface BenchRow extends BenchCase {
  backend: string;
  naiveCharsPerSec: number[];
  fastCharsPerSec: number[];
}

const TEXT =
  'Recurrent neural networks read a sequence one symbol at a time and carry a hidden state from step to step. ' +
  'Backpropagation through time unrolls the network and sums the gradient over every step; ' +
  'long short-term memory adds gates so that the error can flow across many steps without vanishing. ';

/** Runs `step` repeatedly for at least minMs (and at least once); returns steps per second. */
async function rate(step: () => void, minMs: number): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  do {
    step();
    n++;
  } while (performance.now() - t0 < minMs);
  return (n * 1000) / (performance.now() - t0);
}

async function runCase(backend: string, c: BenchCase, runs: number, minMs: number): Promise<BenchRow> {
  const corpus = charCorpus(TEXT);
  const V = corpus.vocab.length;
  const spec: ModelSpec = { input: { kind: 'onehot', vocab: V }, layers: [{ cell: { kind: 'lstm', hiddenSize: c.hidden } }], head: { kind: 'softmax', classes: V, at: 'every' } };
  const model = RnnModel.create(spec, { seed: 1 });
  const opt = createTfOptimizer({ kind: 'adam', learningRate: 0.01 });
  const clip = { kind: 'norm', threshold: 5 } as const;
  const fast = new FusedTrainer(spec, model.getParams(), { optimizer: { kind: 'adam', learningRate: 0.01 }, clip });
  const rng = new Rng(2);
  const batches = Array.from({ length: 16 }, () => charBatch(corpus, rng, c.steps, c.batch));
  let i = 0;
  const next = () => batches[i++ % batches.length]!;
  const chars = c.steps * c.batch;
  // Warm-up compiles shaders / kernels so the first timed run is not penalised.
  model.trainStep(next(), opt, clip);
  fast.trainStep(next());
  const naive: number[] = [], fastRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    naive.push(chars * (await rate(() => model.trainStep(next(), opt, clip), minMs)));
    // The fused steps also write their weights back into the tfjs model once a frame
    // (16 ms), as a widget that samples from the model or draws it would.
    let lastWrite = performance.now();
    fastRates.push(chars * (await rate(() => {
      fast.trainStep(next());
      if (performance.now() - lastWrite >= 16) {
        model.setParams(fast.getParams());
        lastWrite = performance.now();
      }
    }, minMs)));
    await new Promise((res) => setTimeout(res, 0));
  }
  opt.dispose();
  model.dispose();
  return { backend, ...c, naiveCharsPerSec: naive, fastCharsPerSec: fastRates };
}

async function runRnnBench(opts: { backend: string; cases: BenchCase[]; runs: number; minMs: number }): Promise<BenchRow[] | { error: string }> {
  const ok = await tf.setBackend(opts.backend);
  if (!ok) return { error: `backend ${opts.backend} unavailable` };
  await tf.ready();
  const rows: BenchRow[] = [];
  for (const c of opts.cases) rows.push(await runCase(opts.backend, c, opts.runs, opts.minMs));
  return rows;
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
