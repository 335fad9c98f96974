/**
 * Sizes of the long-lag race's models, with no value imports: the demo's eagerly bundled schema
 * needs the weight count, and the trainer the hidden sizes, from the same numbers.
 */
import type { CellKind } from '../../rnn/spec.ts';

export const RACE_CELLS = ['rnn', 'lstm', 'gru'] as const satisfies readonly CellKind[];
export type RaceCell = (typeof RACE_CELLS)[number];

export interface RaceConfig {
  /** Noise tokens between the symbol and the answer. */
  lag: number;
  /** Symbols to remember; chance accuracy is 1 / symbols. */
  symbols: number;
  /** Distinct distractor tokens. */
  noise: number;
  /** Most parameters a model may have; each cell gets the largest hidden size that fits. */
  budget: number;
  batchSize: number;
  learningRate: number;
  /** Initial bias of the LSTM's forget gate and of the GRU's update gate z (both: keep the state). */
  keepBias: number;
  evalEvery: number;
  evalSize: number;
}

const GATES: Record<RaceCell, number> = { rnn: 1, lstm: 4, gru: 3 };

/** Parameters of a one-layer cell with hidden size h on a one-hot input of `vocab` and a softmax head of `classes`. */
export function parameterCount(cell: RaceCell, h: number, vocab: number, classes: number): number {
  return GATES[cell] * (vocab * h + h * h + h) + h * classes + classes;
}

/** The largest hidden size of the cell whose model stays within the budget (at least 1). */
export function hiddenSizeFor(cell: RaceCell, c: Pick<RaceConfig, 'budget' | 'symbols' | 'noise'>): number {
  let h = 1;
  while (h < 512 && parameterCount(cell, h + 1, c.symbols + c.noise, c.symbols) <= c.budget) h++;
  return h;
}
