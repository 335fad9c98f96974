import type { CellSpec } from '../../spec.ts';
import { gruCell } from './gru.ts';
import { lstmCell } from './lstm.ts';
import { rnnCell } from './rnn.ts';
import type { FusedCell } from './types.ts';

export type { CellWeightArrays, DirectionBuffers, FusedCell } from './types.ts';

export function fusedCell(spec: CellSpec): FusedCell {
  if (spec.kind === 'rnn') return rnnCell(spec.activation ?? 'tanh');
  if (spec.kind === 'lstm') return lstmCell(spec.peephole === true);
  return gruCell();
}
