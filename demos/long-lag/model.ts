/**
 * The long-lag race as jobs and states: the job the training worker runs from a state,
 * and the state after each of its reports. Pure: runs in Node under Vitest.
 */
import type { ParamSet } from '../../src/rnn/index.ts';
import type { ProgressReport, TrainerState, TrainingJobSpec } from '../../src/training/index.ts';
import { EVAL_STEP_KEY, accuracyKey, initialAccuracyKey, prefixed, raceInitialParams, type RaceConfig } from '../../src/training/trainers/long-lag-race.ts';
import { EVAL_EVERY, RACE_CELLS, RACE_TASK, WEIGHTS_EVERY, evalPoints } from './race.ts';
import type { LongLagState } from './schema.ts';

export function raceConfig(lag: number): RaceConfig {
  return { ...RACE_TASK, lag };
}

/** The seeded weights of all three models, names prefixed by cell, in the order the state stores them. */
export function seededParams(seed: number, lag: number): ParamSet {
  const c = raceConfig(lag);
  return Object.assign({}, ...RACE_CELLS.map((cell) => prefixed(cell, raceInitialParams(cell, c, seed)))) as ParamSet;
}

/** Weights as the state carries them: flattened, rounded to seven significant digits so both windows hold the same numbers. */
export function flattenWeights(ps: ParamSet, seed: number, lag: number): number[] {
  const order = seededParams(seed, lag);
  return Object.keys(order).flatMap((k) => Array.from(ps[k]!.data, (w) => Number(w.toPrecision(7))));
}

/** Weights as the state stores them back into a ParamSet (shapes from the seeded one). */
export function unflattenWeights(weights: readonly number[], seed: number, lag: number): ParamSet {
  const ps = seededParams(seed, lag);
  const count = Object.values(ps).reduce((n, p) => n + p.data.length, 0);
  if (weights.length !== count) throw new RangeError(`weights: expected ${count} numbers (RNN, LSTM and GRU of the race), got ${weights.length}`);
  let i = 0;
  for (const p of Object.values(ps)) for (let j = 0; j < p.data.length; j++) p.data[j] = weights[i++]!;
  return ps;
}

/** The state's weights as a ParamSet, or the seeded weights. */
export function paramsOf(s: LongLagState): ParamSet {
  return s.weights ? unflattenWeights(s.weights, s.seed, s.lag) : seededParams(s.seed, s.lag);
}

/** Where a resumed run starts: the last kept weights, and the curves cut back to that step. */
export function resumePoint(s: LongLagState): LongLagState {
  const step = s.weights ? s.weightsStep : 0;
  const keep = s.weights ? Math.floor(step / EVAL_EVERY) + 1 : 0;
  return { ...s, step, rnn: s.rnn.slice(0, keep), lstm: s.lstm.slice(0, keep), gru: s.gru.slice(0, keep) };
}

/**
 * The job that trains from a resume point up to `total` steps: a report every step (the
 * step counter moves at least once a second even on a loaded machine), with the weights
 * and accuracies at every evaluation.
 */
export function raceJob(s: LongLagState, total: number): TrainingJobSpec {
  const initial: TrainerState | undefined = s.weights ? { step: s.weightsStep, params: paramsOf(s), extra: {} } : undefined;
  return {
    trainer: 'long-lag-race',
    config: raceConfig(s.lag),
    seed: s.seed,
    ...(initial ? { initial } : {}),
    steps: Math.max(0, total - s.step),
    reportEvery: 1,
    snapshotEvery: EVAL_EVERY,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The state after a report: the accuracies measured at its step appended (the first report
 * of a fresh run also brings step 0's), the weights kept every WEIGHTS_EVERY steps and at the end.
 */
export function afterReport(s: LongLagState, report: ProgressReport, total: number): LongLagState {
  const st = report.state;
  if (!st || st.extra[EVAL_STEP_KEY] !== report.step || report.step % EVAL_EVERY !== 0) return { ...s, step: report.step };
  const index = report.step / EVAL_EVERY;
  const next: LongLagState = { ...s, step: report.step };
  for (const cell of RACE_CELLS) {
    const curve = s[cell].slice(0, Math.min(index, evalPoints(total) - 1));
    // A fresh run's step-0 accuracy was never reported; it is measured from the same seeded weights.
    while (curve.length < index) curve.push(round2(st.extra[initialAccuracyKey(cell)] ?? 0));
    curve.push(round2(st.extra[accuracyKey(cell)]!));
    next[cell] = curve;
  }
  if (report.step % WEIGHTS_EVERY === 0 || report.step >= total) {
    next.weights = flattenWeights(st.params, s.seed, s.lag);
    next.weightsStep = report.step;
  }
  return next;
}
