/**
 * The long-time-lag race: a vanilla RNN, an LSTM and a GRU of (nearly) the same parameter
 * count, trained side by side with the fused trainer on "remember the first symbol across
 * `lag` noise tokens". Every step draws a fresh batch from a generator seeded by (seed,
 * step), so a run resumed from a saved state sees the same data as an uninterrupted one;
 * accuracy is measured every `evalEvery` steps on a fixed held-out batch.
 */
import type { Batch } from '../../rnn/batch.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import type { ParamSet } from '../../rnn/params.ts';
import { Rng } from '../../rnn/random.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import { initParams } from '../../rnn/spec.ts';
import { rememberFirst } from '../../rnn/tasks/long-lag.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition } from '../registry.ts';
import { RACE_CELLS, hiddenSizeFor, type RaceCell, type RaceConfig } from './long-lag-sizes.ts';

export { RACE_CELLS, hiddenSizeFor, parameterCount, type RaceCell, type RaceConfig } from './long-lag-sizes.ts';

export function raceSpec(cell: RaceCell, c: Pick<RaceConfig, 'budget' | 'symbols' | 'noise' | 'keepBias'>): ModelSpec {
  const hiddenSize = hiddenSizeFor(cell, c);
  return {
    input: { kind: 'onehot', vocab: c.symbols + c.noise },
    layers: [{ cell: cell === 'lstm' ? { kind: 'lstm', hiddenSize, forgetBias: c.keepBias } : { kind: cell, hiddenSize } }],
    head: { kind: 'softmax', classes: c.symbols, at: 'last' },
  };
}

/** Seeded weights of one racer: the same seed for every cell; the GRU's update-gate bias set to keepBias. */
export function raceInitialParams(cell: RaceCell, c: RaceConfig, seed: number): ParamSet {
  const spec = raceSpec(cell, c);
  const ps = initParams(spec, { seed });
  // The GRU's columns are [z | r | h] and h_t = z⊙h_{t−1} + (1−z)⊙h̃: a positive z bias keeps, as the LSTM's forget bias does.
  if (cell === 'gru') ps['layer0.fw.b']!.data.fill(c.keepBias, 0, spec.layers[0]!.cell.hiddenSize);
  return ps;
}

/** The training batch of a step: a function of (seed, step) alone. */
export function raceBatch(c: RaceConfig, seed: number, step: number): Batch {
  return rememberFirst(new Rng(seed * 1000003 + step * 7919 + 1), c.lag, c.symbols, c.batchSize, c.noise);
}

/** The held-out batch accuracies are measured on (seed-dependent, never trained on). */
export function raceEvalBatch(c: RaceConfig, seed: number): Batch {
  return rememberFirst(new Rng(seed * 1000003 + 104729), c.lag, c.symbols, c.evalSize, c.noise);
}

/** Share of the batch whose largest logit is the target class. logits: [B, classes]. */
export function accuracyOf(logits: Float64Array, batch: Batch, classes: number): number {
  let right = 0;
  for (let b = 0; b < batch.batchSize; b++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[b * classes + k]! > logits[b * classes + best]!) best = k;
    if (best === batch.targetIndices![b]) right++;
  }
  return right / batch.batchSize;
}

/** Prefixes a racer's parameter names ("lstm/layer0.fw.W") so the three fit one ParamSet. */
export function prefixed(cell: RaceCell, ps: ParamSet): ParamSet {
  return Object.fromEntries(Object.entries(ps).map(([k, p]) => [`${cell}/${k}`, p]));
}

/** The racer's own parameters out of a combined ParamSet. */
export function unprefixed(cell: RaceCell, ps: ParamSet): ParamSet {
  const head = `${cell}/`;
  return Object.fromEntries(Object.entries(ps).filter(([k]) => k.startsWith(head)).map(([k, p]) => [k.slice(head.length), p]));
}

const INTEGER_FIELDS = ['lag', 'symbols', 'noise', 'budget', 'batchSize', 'evalEvery', 'evalSize'] as const;
const LIMITS: Record<(typeof INTEGER_FIELDS)[number], [number, number]> = {
  lag: [1, 400], symbols: [2, 32], noise: [1, 64], budget: [50, 100_000], batchSize: [1, 512], evalEvery: [1, 10_000], evalSize: [1, 4096],
};

export function readRaceConfig(config: unknown): RaceConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with lag, symbols, noise, budget, batchSize, learningRate, keepBias, evalEvery, evalSize');
  const c = config as Record<string, unknown>;
  for (const k of INTEGER_FIELDS) {
    const v = c[k];
    const [lo, hi] = LIMITS[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`config.${k}: expected an integer in [${lo}, ${hi}], got ${String(v)}`);
  }
  for (const k of ['learningRate', 'keepBias'] as const) {
    if (typeof c[k] !== 'number' || !Number.isFinite(c[k])) throw new RangeError(`config.${k}: expected a finite number, got ${String(c[k])}`);
  }
  return c as unknown as RaceConfig;
}

/** extra keys of the race's TrainerState: the latest held-out accuracy of each cell and the step it was measured at. */
export const accuracyKey = (cell: RaceCell) => `accuracy.${cell}`;
/** A fresh run's accuracy of the seeded weights (step 0), kept beside the latest. */
export const initialAccuracyKey = (cell: RaceCell) => `initialAccuracy.${cell}`;
export const EVAL_STEP_KEY = 'evalStep';

export const longLagRaceTrainer: TrainerDefinition = {
  name: 'long-lag-race',
  create(config, seed, initial) {
    const c = readRaceConfig(config);
    const evalBatch = raceEvalBatch(c, seed);
    const racers = RACE_CELLS.map((cell) => {
      const spec = raceSpec(cell, c);
      const params = initial ? unprefixed(cell, initial.params) : raceInitialParams(cell, c, seed);
      return { cell, trainer: new FusedTrainer(spec, params, { optimizer: { kind: 'adam', learningRate: c.learningRate }, clip: { kind: 'norm', threshold: 1 } }) };
    });
    let steps = initial?.step ?? 0;
    const extra: Record<string, number> = { ...(initial?.extra ?? {}) };
    const evaluate = () => {
      for (const r of racers) extra[accuracyKey(r.cell)] = accuracyOf(r.trainer.predict(evalBatch), evalBatch, c.symbols);
      extra[EVAL_STEP_KEY] = steps;
    };
    if (!initial) {
      evaluate();
      for (const cell of RACE_CELLS) extra[initialAccuracyKey(cell)] = extra[accuracyKey(cell)]!;
    }
    return {
      step() {
        const batch = raceBatch(c, seed, steps);
        let loss = 0;
        for (const r of racers) loss += r.trainer.trainStep(batch).loss / racers.length;
        steps++;
        if (steps % c.evalEvery === 0) evaluate();
        return loss;
      },
      state(): TrainerState {
        const params = Object.assign({}, ...racers.map((r) => prefixed(r.cell, r.trainer.getParams()))) as ParamSet;
        return { step: steps, params, extra: { ...extra } };
      },
    };
  },
};
