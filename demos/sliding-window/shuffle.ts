/** The shuffle experiment on one window: the MLP's output before and after slots and W's rows move together. */
import { Rng, type ParamSet } from '../../src/rnn/index.ts';
import { mlpForward, permuteFirstLayer, permuteSlots, type MlpOutput } from './mlp.ts';

export interface ShuffleResult {
  /** Slot k of the shuffled window shows original slot perm[k], [window]. */
  perm: number[];
  original: MlpOutput;
  /** Slots and W's row blocks permuted together. */
  together: MlpOutput;
  /** Slots permuted, W left as it was: the MLP does depend on where a symbol sits. */
  inputsOnly: MlpOutput;
  /** Whether every hidden value and probability of `together` equals the original's exactly. */
  equal: boolean;
}

/** The n-th seeded permutation of the window (n = 0: none); never the identity when the window has two slots or more. */
export function permutationOf(seed: number, n: number, window: number): number[] {
  const perm = Array.from({ length: window }, (_, k) => k);
  if (n === 0 || window < 2) return perm;
  const rng = new Rng(seed * 7919 + n);
  for (let i = window - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  if (perm.every((v, k) => v === k)) perm.push(perm.shift()!);
  return perm;
}

export function shuffleExperiment(ps: ParamSet, ids: readonly number[], perm: readonly number[]): ShuffleResult {
  const original = mlpForward(ps, ids);
  const together = mlpForward(permuteFirstLayer(ps, perm), permuteSlots(ids, perm));
  const inputsOnly = mlpForward(ps, permuteSlots(ids, perm));
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return { perm: [...perm], original, together, inputsOnly, equal: same(original.hidden, together.hidden) && same(original.probs, together.probs) };
}
