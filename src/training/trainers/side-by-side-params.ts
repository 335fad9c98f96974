/**
 * The weight names of a side-by-side training state: model k's parameters under a `m<k>:`
 * prefix. A separate module so that a demo reading the state does not bundle the trainer.
 */
import type { ParamSet } from '../../rnn/params.ts';

/** Model k's parameters inside a side-by-side state. */
export const modelPrefix = (k: number): string => `m${k}:`;

/** Joins per-model parameter sets into one, each name prefixed with its model's index. */
export function joinModelParams(sets: readonly ParamSet[]): ParamSet {
  const out: ParamSet = {};
  sets.forEach((ps, k) => {
    for (const [name, p] of Object.entries(ps)) out[modelPrefix(k) + name] = p;
  });
  return out;
}

/** Model k's parameters out of a side-by-side state (names without the prefix). */
export function modelParams(joined: ParamSet, k: number): ParamSet {
  const prefix = modelPrefix(k);
  const out: ParamSet = {};
  for (const [name, p] of Object.entries(joined)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = p;
  return out;
}
