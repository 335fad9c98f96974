/** Timing helpers and the training text shared by the RNN benchmarks (Node and page). */

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
