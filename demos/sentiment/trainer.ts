/**
 * Training the tf.layers model on a given `tf` (the tf.layers training worker's, or the
 * page's where no worker starts), one minibatch at a time and synchronously, so that the
 * training job can slice its work (layers-trainer.ts). An epoch
 * is the unit of state: it starts from the weights a state carries with a fresh optimiser
 * and a seeded order, so training resumed from any epoch's state (after the slide was
 * left, say) gives exactly the numbers of an uninterrupted run on the same backend.
 */
import type * as TfModule from '@tensorflow/tfjs';
import type { ParamSet } from '../../src/rnn/index.ts';
import { encode, epochOrder, padBatch, type SentimentData } from './data.ts';
import { buildModel, readModelWeights, type CellName } from './model.ts';

type Tf = typeof TfModule;

export const BATCH_SIZE = 32;
/** RMSprop as in the Keras example, with a larger step for a dataset this small. */
export const LEARNING_RATE = 0.01;

export class EpochTrainer {
  readonly model: TfModule.Sequential;
  private optimizer: TfModule.Optimizer;
  private order: number[];
  private position = 0;
  /** Binary cross-entropy of the last minibatch, before its update (NaN before the first). */
  lastLoss = Number.NaN;
  private readonly rows: number[][];
  private readonly labels: number[];

  /** Starts epoch `epoch` (0-based) from `params`. */
  constructor(
    private readonly tf: Tf,
    data: SentimentData,
    readonly cell: CellName,
    private readonly seed: number,
    public epoch: number,
    private readonly like: ParamSet,
    params: ParamSet,
  ) {
    this.model = buildModel(tf, cell, data.vocab.length, params);
    this.rows = data.train.map((s) => encode(data, s.text));
    this.labels = data.train.map((s) => s.label);
    this.optimizer = tf.train.rmsprop(LEARNING_RATE);
    this.order = epochOrder(seed, epoch, this.rows.length);
  }

  /** Minibatch steps per epoch. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.rows.length / BATCH_SIZE);
  }

  /** One minibatch step of binary cross-entropy; true when it completed the epoch. */
  step(): boolean {
    const tf = this.tf;
    const picked = this.order.slice(this.position, this.position + BATCH_SIZE);
    const { ids, steps } = padBatch(picked.map((i) => this.rows[i]!));
    const cost = tf.tidy(() => {
      const x = tf.tensor2d(ids, [picked.length, steps], 'int32');
      const y = tf.tensor2d(picked.map((i) => this.labels[i]!), [picked.length, 1]);
      return this.optimizer.minimize(() => tf.mean(tf.metrics.binaryCrossentropy(y, this.model.apply(x, { training: true }) as TfModule.Tensor)) as TfModule.Scalar, true)!;
    });
    this.lastLoss = cost.dataSync()[0]!;
    cost.dispose();
    this.position += picked.length;
    return this.position >= this.order.length;
  }

  /** The weights at the end of the epoch; the trainer moves on to the next epoch with a fresh optimiser. */
  finishEpoch(): ParamSet {
    const params = readModelWeights(this.model, this.like);
    this.epoch++;
    this.position = 0;
    this.order = epochOrder(this.seed, this.epoch, this.rows.length);
    this.optimizer.dispose();
    this.optimizer = this.tf.train.rmsprop(LEARNING_RATE);
    return params;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}
