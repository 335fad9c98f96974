/**
 * The windowed MLP, in float64: one-hot slots → tanh hidden layer → softmax. It is the
 * core's RNN spec read for a single step with a dense input of window·V values: h₀ = 0, so
 * the recurrent matrix U never acts and what is left is exactly an MLP. That lets the fused
 * trainer (and the training worker) train it like the RNN beside it.
 *
 * W's rows are grouped by slot: rows k·V … k·V + V − 1 are slot k's input weights.
 */
import type { ModelSpec, ParamSet } from '../../src/rnn/index.ts';
import { CLASSES, MLP_HIDDEN, VOCAB } from './sizes.ts';

export { MLP_HIDDEN } from './sizes.ts';

export function mlpSpec(window: number): ModelSpec {
  return {
    input: { kind: 'dense', size: window * VOCAB },
    layers: [{ cell: { kind: 'rnn', hiddenSize: MLP_HIDDEN, activation: 'tanh' } }],
    head: { kind: 'softmax', classes: CLASSES, at: 'last' },
  };
}

export interface MlpOutput {
  /** Hidden activations, [H]. */
  hidden: number[];
  /** Class probabilities, [2]. */
  probs: number[];
}

/**
 * The forward pass for one window of symbol ids, [window]: a = b + Σ_k W[k·V + x_k],
 * h = tanh(a), p = softmax(h·V + c). Slots are summed in slot order.
 */
export function mlpForward(ps: ParamSet, ids: readonly number[]): MlpOutput {
  const W = ps['layer0.fw.W']!.data, b = ps['layer0.fw.b']!.data;
  const Vh = ps['head.V']!.data, c = ps['head.c']!.data;
  const H = b.length;
  const a = Array.from(b);
  ids.forEach((id, k) => {
    const row = (k * VOCAB + id) * H;
    for (let j = 0; j < H; j++) a[j]! += W[row + j]!;
  });
  const hidden = a.map(Math.tanh);
  const logits = Array.from(c, (cj, o) => hidden.reduce((sum, h, j) => sum + h * Vh[j * CLASSES + o]!, cj));
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const z = e.reduce((s, v) => s + v, 0);
  return { hidden, probs: e.map((v) => v / z) };
}

/** Slot k of the shuffled window holds slot perm[k] of the original: the inputs, [window]. */
export const permuteSlots = (ids: readonly number[], perm: readonly number[]): number[] => perm.map((k) => ids[k]!);

/** The first-layer weights shuffled with the slots: slot k's block of W's rows becomes the original slot perm[k]'s block. */
export function permuteFirstLayer(ps: ParamSet, perm: readonly number[]): ParamSet {
  const W = ps['layer0.fw.W']!;
  const H = W.shape[1]!;
  const block = VOCAB * H;
  const data = new Float64Array(W.data.length);
  perm.forEach((from, k) => data.set(W.data.subarray(from * block, (from + 1) * block), k * block));
  return { ...ps, 'layer0.fw.W': { shape: [...W.shape], data } };
}

/** Whether perm is a permutation of 0..n−1. */
export function isPermutation(perm: readonly number[], n: number): boolean {
  return perm.length === n && [...perm].sort((a, b) => a - b).every((v, i) => v === i);
}
