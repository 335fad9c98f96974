/**
 * Any model the RNN core describes, trained by the fused trainer on one fixed batch (full-
 * batch descent, as the small lecture demos train): the spec, the batch, the optimiser and
 * the clip arrive as plain data, so the same job runs in the worker or on the main thread.
 */
import type { Batch } from '../../rnn/batch.ts';
import type { ClipSpec } from '../../rnn/clip.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import type { OptimizerSpec } from '../../rnn/optim.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import { initParams } from '../../rnn/spec.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition } from '../registry.ts';

export interface FusedBatchConfig {
  spec: ModelSpec;
  batch: Batch;
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
  /** Scale of the seeded initial weights (the core's initParams option). */
  initScale?: number;
}

function readConfig(config: unknown): FusedBatchConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with spec, batch and optimizer');
  const c = config as Partial<FusedBatchConfig>;
  if (typeof c.spec !== 'object' || c.spec === null) throw new RangeError('config.spec: expected a model description');
  if (typeof c.batch !== 'object' || c.batch === null) throw new RangeError('config.batch: expected a batch');
  if (typeof c.optimizer !== 'object' || c.optimizer === null) throw new RangeError('config.optimizer: expected an optimizer description');
  return c as FusedBatchConfig;
}

export const fusedBatchTrainer: TrainerDefinition = {
  name: 'fused-batch',
  create(config, seed, initial) {
    const c = readConfig(config);
    const params = initial?.params ?? initParams(c.spec, { seed, ...(c.initScale === undefined ? {} : { scale: c.initScale }) });
    const trainer = new FusedTrainer(c.spec, params, { optimizer: c.optimizer, ...(c.clip ? { clip: c.clip } : {}) });
    let steps = initial?.step ?? 0;
    return {
      step() {
        steps++;
        return trainer.trainStep(c.batch).loss;
      },
      state(): TrainerState {
        return { step: steps, params: trainer.getParams(), extra: {} };
      },
    };
  },
};
