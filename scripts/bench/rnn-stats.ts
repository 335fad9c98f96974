/** Timing helpers, flop counts and the training text shared by the RNN benchmarks (Node and page). */
import { matmul, view } from '../../src/rnn/fast/kernels.ts';
import type { ModelSpec } from '../../src/rnn/index.ts';

export const BENCH_TEXT =
  'Recurrent neural networks read a sequence one symbol at a time and carry a hidden state from step to step. ' +
  'Backpropagation through time unrolls the network and sums the gradient over every step; ' +
  'long short-term memory adds gates so that the error can flow across many steps without vanishing. ';

/** Runs `step` repeatedly for at least minMs (and at least once); returns steps per second. */
export function rate(step: () => void, minMs: number): number {
  const t0 = performance.now();
  let n = 0;
  do {
    step();
    n++;
  } while (performance.now() - t0 < minMs);
  return (n * 1000) / (performance.now() - t0);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const fmt = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

/**
 * Matrix-product flops of one fused training step per character and layer:
 * 6·(I + H)·G·H (x·W and h·U forward, their two gradients backward) + 6·H·O for the head,
 * with I = 0 for a one-hot input (a row gather, not a product).
 */
export function flopsPerChar(spec: ModelSpec): number {
  const c = spec.layers[0]!.cell;
  const G = c.kind === 'lstm' ? 4 : c.kind === 'gru' ? 3 : 1;
  const I = spec.input.kind === 'embedding' ? spec.input.dim : spec.input.kind === 'dense' ? spec.input.size : 0;
  const O = spec.head.kind === 'softmax' ? spec.head.classes : spec.head.size;
  return 6 * (I + c.hiddenSize) * G * c.hiddenSize + 6 * c.hiddenSize * O;
}

/** GFLOP/s of the fused kernel's own matrix product at n×n×n. */
export function kernelPeak(n: number, precision: 'float32' | 'float64', minMs: number): number {
  const A = precision === 'float64' ? Float64Array : Float32Array;
  const a = new A(n * n).fill(0.5), b = new A(n * n).fill(0.25), c = new A(n * n);
  return (2 * n ** 3 * rate(() => matmul(n, n, n, view(a, 0, n), view(b, 0, n), view(c, 0, n)), minMs)) / 1e9;
}
