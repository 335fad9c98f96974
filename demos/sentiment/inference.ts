/** The tf.layers model answering for the padded row shown: what model.predict says on the page's backend. */
import type * as TfModule from '@tensorflow/tfjs';
import type { ParamSet } from '../../src/rnn/index.ts';
import { padBatch } from './data.ts';
import { buildModel, setModelWeights, type CellName } from './model.ts';

type Tf = typeof TfModule;

export class LayersReader {
  private model: TfModule.Sequential | null = null;
  private cell: CellName | null = null;
  private weightsKey: string | null = null;

  constructor(
    private readonly tf: Tf,
    private readonly vocab: number,
  ) {}

  /** P(positive) of ids pre-padded with `pads` zeros, [1, pads + T]; `key` names the weights (they are set only when it changes). */
  predict(cell: CellName, ps: ParamSet, key: string, ids: readonly number[], pads: number): number {
    if (this.cell !== cell || !this.model) {
      this.model?.dispose();
      this.model = buildModel(this.tf, cell, this.vocab, ps);
      this.cell = cell;
      this.weightsKey = key;
    } else if (this.weightsKey !== key) {
      setModelWeights(this.tf, this.model, ps);
      this.weightsKey = key;
    }
    const row = [...new Array<number>(pads).fill(0), ...ids];
    const { ids: flat, steps } = padBatch([row]);
    const model = this.model;
    const out = this.tf.tidy(() => model.predict(this.tf.tensor2d(flat, [1, steps], 'int32')) as TfModule.Tensor);
    const p = out.dataSync()[0]!;
    out.dispose();
    return p;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
