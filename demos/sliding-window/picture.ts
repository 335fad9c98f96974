/** What demos/sliding-window draws for one state, computed in float64 from it alone. */
import type { ParamSet } from '../../src/rnn/index.ts';
import { mlpSpec } from './mlp.ts';
import { accuracy, paramsFrom, predict, rnnSpec } from './model.ts';
import type { SlidingWindowParams, SlidingWindowState } from './schema.ts';
import { permutationOf, shuffleExperiment, type ShuffleResult } from './shuffle.ts';
import { windowOf, type TaskSet } from './task.ts';

export interface SlidingPicture {
  window: number;
  lag: number;
  /** The example sequence, [T], and its class. */
  sequence: number[];
  label: number;
  shuffle: ShuffleResult;
  /** The MLP's first-layer weights, [window·V][H], for the row blocks drawn beside each slot. */
  firstLayer: number[][];
  /** P(class) for the example, [2]. */
  mlpProbs: number[];
  rnnProbs: number[];
  /** Held-out accuracy of each model. */
  mlpAccuracy: number;
  rnnAccuracy: number;
  mlpLoss: number[];
  rnnLoss: number[];
  mlpSteps: number;
  rnnSteps: number;
}

export function rows(ps: ParamSet, name: string): number[][] {
  const p = ps[name]!;
  const cols = p.shape[1]!;
  return Array.from({ length: p.shape[0]! }, (_, r) => Array.from(p.data.subarray(r * cols, (r + 1) * cols)));
}

export function derivePicture(params: SlidingWindowParams, test: TaskSet, s: SlidingWindowState): SlidingPicture {
  const { window, lag } = params;
  const mlp = paramsFrom(mlpSpec(window), s.seed, s.mlp);
  const rnn = paramsFrom(rnnSpec(), s.seed, s.rnn);
  const sequence = test.inputs[s.example]!;
  return {
    window,
    lag,
    sequence,
    label: test.labels[s.example]!,
    shuffle: shuffleExperiment(mlp, windowOf(sequence, window), permutationOf(s.seed, s.shuffles, window)),
    firstLayer: rows(mlp, 'layer0.fw.W'),
    mlpProbs: predict('mlp', mlp, sequence, window),
    rnnProbs: predict('rnn', rnn, sequence, window),
    mlpAccuracy: accuracy('mlp', mlp, test, window),
    rnnAccuracy: accuracy('rnn', rnn, test, window),
    mlpLoss: s.mlpLoss,
    rnnLoss: s.rnnLoss,
    mlpSteps: s.mlpSteps,
    rnnSteps: s.rnnSteps,
  };
}
