/**
 * Side-by-side training (fused-side-by-side) that also measures every model on a held-out
 * batch whenever it reports, in the worker: a demo comparing the models then only draws the
 * figures its reports carry, and its main thread runs no forward pass per report. The state's
 * `extra` gains `heldOutLoss<k>` and `heldOutAccuracy<k>` per model and `heldOutStep`
 * (held-out-keys.ts).
 */
import type { Batch } from '../../rnn/batch.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import { headSize, initParams } from '../../rnn/spec.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition } from '../registry.ts';
import { sideBySideTrainer } from './fused-side-by-side.ts';
import { modelParams } from './side-by-side-params.ts';
import { heldOutFigures } from './held-out-figures.ts';
import { HELD_OUT_STEP_KEY, heldOutAccuracyKey, heldOutLossKey } from './held-out-keys.ts';
import type { SideBySideConfig } from './fused-side-by-side.ts';

export interface SideBySideHeldOutConfig extends SideBySideConfig {
  /** Never trained on; class targets for a softmax head. */
  heldOut: Batch;
}

export const sideBySideHeldOutTrainer: TrainerDefinition = {
  name: 'fused-side-by-side-held-out',
  create(config, seed, initial) {
    const inner = sideBySideTrainer.create(config, seed, initial);
    const c = config as SideBySideHeldOutConfig;
    if (typeof c.heldOut !== 'object' || c.heldOut === null) throw new RangeError('config.heldOut: expected a batch');
    for (const [k, spec] of c.models.entries()) {
      if (spec.head.kind !== 'softmax') throw new RangeError(`config.models[${k}].head: expected a softmax head, got ${spec.head.kind}`);
    }
    // Forward passes only: the optimiser is never stepped (its rate just has to be valid).
    const evaluators = c.models.map((spec) => new FusedTrainer(spec, initParams(spec, { seed: 0 }), { optimizer: { kind: 'sgd', learningRate: 1 } }));
    let measured: Record<string, number> = {};
    let measuredAt = -1;
    return {
      step: () => inner.step(),
      state(): TrainerState {
        const s = inner.state();
        if (measuredAt !== s.step) {
          measured = { [HELD_OUT_STEP_KEY]: s.step };
          evaluators.forEach((ev, k) => {
            ev.setParams(modelParams(s.params, k));
            const f = heldOutFigures(ev.predict(c.heldOut), c.heldOut, headSize(c.models[k]!.head), c.models[k]!.head.at);
            measured[heldOutLossKey(k)] = f.loss;
            measured[heldOutAccuracyKey(k)] = f.accuracy;
          });
          measuredAt = s.step;
        }
        return { ...s, extra: { ...s.extra, ...measured } };
      },
    };
  },
};
