/**
 * Several models trained side by side on one fixed batch (full-batch descent), each by its
 * own fused trainer, one step of each per job step: a lecture demo compares them (one
 * direction against two, one layer against three) at the same step counts. The job's
 * state carries every model's weights under a `m<k>:` name prefix and each model's latest
 * loss in `extra` as `loss<k>`.
 */
import type { Batch } from '../../rnn/batch.ts';
import type { ClipSpec } from '../../rnn/clip.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import type { OptimizerSpec } from '../../rnn/optim.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import { initParams } from '../../rnn/spec.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition } from '../registry.ts';
import { joinModelParams, modelParams } from './side-by-side-params.ts';

export interface SideBySideConfig {
  /** The models, trained in this order; model k's weights are seeded with the job's seed + k. */
  models: ModelSpec[];
  batch: Batch;
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
}

function readConfig(config: unknown): SideBySideConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with models, batch and optimizer');
  const c = config as Partial<SideBySideConfig>;
  if (!Array.isArray(c.models) || c.models.length === 0) throw new RangeError('config.models: expected a non-empty list of model descriptions');
  if (typeof c.batch !== 'object' || c.batch === null) throw new RangeError('config.batch: expected a batch');
  if (typeof c.optimizer !== 'object' || c.optimizer === null) throw new RangeError('config.optimizer: expected an optimizer description');
  return c as SideBySideConfig;
}

export const sideBySideTrainer: TrainerDefinition = {
  name: 'fused-side-by-side',
  create(config, seed, initial) {
    const c = readConfig(config);
    const trainers = c.models.map((spec, k) => {
      const params = initial ? modelParams(initial.params, k) : initParams(spec, { seed: seed + k });
      return new FusedTrainer(spec, params, { optimizer: c.optimizer, ...(c.clip ? { clip: c.clip } : {}) });
    });
    const losses = trainers.map(() => Number.NaN);
    let steps = initial?.step ?? 0;
    return {
      step() {
        steps++;
        trainers.forEach((t, k) => (losses[k] = t.trainStep(c.batch).loss));
        return losses.reduce((a, b) => a + b, 0) / losses.length;
      },
      state(): TrainerState {
        const extra: Record<string, number> = {};
        losses.forEach((l, k) => (extra[`loss${k}`] = l));
        return { step: steps, params: joinModelParams(trainers.map((t) => t.getParams())), extra };
      },
    };
  },
};
