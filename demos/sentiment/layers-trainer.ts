/**
 * demos/sentiment's training as a trainer of the training worker (the tf.layers worker, or
 * the page's TensorFlow.js where no worker starts): one job step is one minibatch of
 * EpochTrainer; the state is the last whole epoch's weights, with that epoch's training
 * loss and accuracy and held-out accuracy and loss (float64 reference, as the picture
 * computes them) in `extra`, so the page only stores and draws them.
 */
import type * as TfModule from '@tensorflow/tfjs';
import type { ParamSet } from '../../src/rnn/index.ts';
import type { TrainerDefinition, TrainerState } from '../../src/training/index.ts';
import { CELLS, type CellName } from './cells.ts';
import { sentimentData } from './data.ts';
import { coreSpec, seededParams } from './model.ts';
import { evaluate } from './reference.ts';
import { EpochTrainer } from './trainer.ts';

type Tf = typeof TfModule;

export const SENTIMENT_TRAINER = 'sentiment-layers';

export interface SentimentTrainerConfig {
  cell: CellName;
}

function readCell(config: unknown): CellName {
  const cell = (config as Partial<SentimentTrainerConfig> | null)?.cell;
  if (!CELLS.includes(cell as CellName)) throw new RangeError(`config.cell: expected one of ${CELLS.join(', ')}, got ${String(cell)}`);
  return cell as CellName;
}

/** The initial state's weights, checked against the model's layout. */
function readParams(initial: TrainerState, like: ParamSet): ParamSet {
  for (const [name, p] of Object.entries(like)) {
    const got = initial.params[name];
    if (!got || got.data.length !== p.data.length) throw new RangeError(`initial.params.${name}: expected ${p.data.length} numbers for this model`);
  }
  return initial.params;
}

export function sentimentTrainer(tf: Tf): TrainerDefinition {
  return {
    name: SENTIMENT_TRAINER,
    create(config, seed, initial) {
      const cell = readCell(config);
      const data = sentimentData();
      const spec = coreSpec(cell, data.vocab.length);
      const like = seededParams(cell, data.vocab.length, seed);
      const epoch = initial?.extra.epoch ?? 0;
      if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`initial.extra.epoch: expected a whole number of epochs, got ${epoch}`);
      let weights = initial ? readParams(initial, like) : like;
      const trainer = new EpochTrainer(tf, data, cell, seed, epoch, like, weights);
      const measure = (ps: ParamSet) => {
        const train = evaluate(spec, ps, data, data.train);
        const heldOut = evaluate(spec, ps, data, data.test);
        return { trainLoss: train.loss, trainAccuracy: train.accuracy, heldOutLoss: heldOut.loss, heldOutAccuracy: heldOut.accuracy };
      };
      let measured: Record<string, number> | null = null;
      return {
        step() {
          if (trainer.step()) {
            weights = trainer.finishEpoch();
            measured = measure(weights);
          }
          return trainer.lastLoss;
        },
        state(): TrainerState {
          const params: ParamSet = {};
          for (const [name, p] of Object.entries(weights)) params[name] = { shape: [...p.shape], data: Float64Array.from(p.data) };
          return { step: trainer.epoch * trainer.stepsPerEpoch, params, extra: { epoch: trainer.epoch, ...(measured ?? {}) } };
        },
        dispose: () => trainer.dispose(),
      };
    },
  };
}
