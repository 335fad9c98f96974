import type { Batch, ModelSpec, ParamSet } from '../../../src/rnn/index.ts';
import { refCell } from '../../../src/rnn/ref/cells.ts';
import { cellWeights } from '../../../src/rnn/ref/network.ts';

/** s_n = cell(x_n, prev) for layer 0 of a dense- or one-hot-input model. */
export function refCellForTest(spec: ModelSpec, ps: ParamSet, batch: Batch): (n: number, prev: Float64Array) => Float64Array {
  const inp = spec.input;
  const width = inp.kind === 'dense' ? inp.size : inp.kind === 'onehot' ? inp.vocab : inp.dim;
  const cell = refCell(spec.layers[0]!.cell, width);
  const w = cellWeights(ps, 'layer0.fw');
  return (n, prev) => {
    let x: Float64Array;
    if (inp.kind === 'dense') x = batch.inputValues!.slice(n * width, (n + 1) * width);
    else {
      x = new Float64Array(width);
      x[batch.inputIndices![n]!] = 1;
    }
    return cell.forward(w, x, prev).state;
  };
}
