/**
 * Several models trained side by side on one fixed batch (full-batch descent), each by its
 * own fused trainer, one step of each per job step: a lecture demo compares them (one
 * direction against two, one layer against three) at the same step counts. The job's
 * state carries every model's weights under a `m<k>:` name prefix and each model's latest
 * loss in `extra` as `loss<k>`; given a held-out batch, also each model's held-out loss and
 * accuracy per output step (held-out.ts), measured here so that the page only draws them.
 */
import type { Batch } from '../../rnn/batch.ts';
import type { ClipSpec } from '../../rnn/clip.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import type { OptimizerSpec } from '../../rnn/optim.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import { headSize, initParams } from '../../rnn/spec.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition } from '../registry.ts';
import { heldOutFigures, heldOutKeys, type HeldOutFigures } from './held-out.ts';
import { joinModelParams, modelParams } from './side-by-side-params.ts';

export interface SideBySideConfig {
  /** The models, trained in this order; model k's weights are seeded with the job's seed + k. */
  models: ModelSpec[];
  batch: Batch;
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
  /** Sequences never trained on, with class targets: each state then carries every model's figures on them (softmax heads). */
  heldOut?: Batch;
}

function readConfig(config: unknown): SideBySideConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with models, batch and optimizer');
  const c = config as Partial<SideBySideConfig>;
  if (!Array.isArray(c.models) || c.models.length === 0) throw new RangeError('config.models: expected a non-empty list of model descriptions');
  if (typeof c.batch !== 'object' || c.batch === null) throw new RangeError('config.batch: expected a batch');
  if (typeof c.optimizer !== 'object' || c.optimizer === null) throw new RangeError('config.optimizer: expected an optimizer description');
  if (c.heldOut !== undefined && (typeof c.heldOut !== 'object' || c.heldOut === null)) throw new RangeError('config.heldOut: expected a batch');
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
    /** The held-out figures of the weights after `measuredAt` steps: a report and the job's result at one step measure once. */
    let measured: HeldOutFigures[] = [];
    let measuredAt = -1;
    const heldOut = c.heldOut;
    // Forward passes only, on copies of the weights: the optimiser is never stepped (its rate just has to be valid).
    const evaluators = heldOut
      ? c.models.map((spec, k) => {
          if (spec.head.kind !== 'softmax') throw new RangeError(`config.models[${k}].head: held-out figures need a softmax head, got ${spec.head.kind}`);
          return new FusedTrainer(spec, initParams(spec, { seed: 0 }), { optimizer: { kind: 'sgd', learningRate: 1 } });
        })
      : [];
    return {
      step() {
        steps++;
        trainers.forEach((t, k) => (losses[k] = t.trainStep(c.batch).loss));
        return losses.reduce((a, b) => a + b, 0) / losses.length;
      },
      state(): TrainerState {
        const extra: Record<string, number> = {};
        losses.forEach((l, k) => (extra[`loss${k}`] = l));
        const params = trainers.map((t) => t.getParams());
        if (heldOut) {
          if (measuredAt !== steps) {
            measured = params.map((ps, k) => {
              const evaluator = evaluators[k]!;
              const head = c.models[k]!.head;
              evaluator.setParams(ps);
              return heldOutFigures(evaluator.predict(heldOut), heldOut, headSize(head), head.at);
            });
            measuredAt = steps;
          }
          measured.forEach((f, k) => {
            extra[heldOutKeys.loss(k)] = f.loss;
            f.accuracy.forEach((a, t) => (extra[heldOutKeys.accuracy(k, t)] = a));
          });
        }
        return { step: steps, params: joinModelParams(params), extra };
      },
    };
  },
};
