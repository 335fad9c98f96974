import { describe, expect, it } from 'vitest';
import demo from '../../../demos/sliding-window/index.ts';
import { mlpForward, mlpSpec, permuteFirstLayer, permuteSlots, isPermutation } from '../../../demos/sliding-window/mlp.ts';
import { accuracy, flatten, mlpBatch, paramsFrom, quantise, rnnBatch, rnnForward, rnnSpec, trainingJob, weightCount, type ModelKind } from '../../../demos/sliding-window/model.ts';
import { derivePicture } from '../../../demos/sliding-window/picture.ts';
import manifest, { type SlidingWindowParams, type SlidingWindowState } from '../../../demos/sliding-window/schema.ts';
import { permutationOf, shuffleExperiment } from '../../../demos/sliding-window/shuffle.ts';
import { mlpWeightCount, rnnWeightCount } from '../../../demos/sliding-window/sizes.ts';
import { keyTask, sequenceLength, taskSets, windowOf } from '../../../demos/sliding-window/task.ts';
import { withReport } from '../../../demos/sliding-window/training.ts';
import { refForwardSequence, Rng } from '../../../src/rnn/index.ts';
import { builtinTrainers } from '../../../src/training/builtin-trainers.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

const params = validateParams(manifest, 'seed: 1').values as SlidingWindowParams;
const parseState = (raw: unknown, p: SlidingWindowParams) => check(manifest.state(p), raw);

/** Runs a demo's training job to its end with the same trainer the worker starts by name. */
function runJob(kind: ModelKind, p: SlidingWindowParams, s: SlidingWindowState): SlidingWindowState {
  const ps = paramsFrom(kind === 'mlp' ? mlpSpec(p.window) : rnnSpec(), s.seed, s[kind]);
  const job = trainingJob(kind, p.window, p.lag, s.seed, ps, kind === 'mlp' ? s.mlpSteps : s.rnnSteps);
  const session = builtinTrainers().get(job.trainer).create(job.config, job.seed, job.initial);
  let next = s;
  for (let i = 1; i <= job.steps; i++) {
    const loss = session.step();
    if (i % job.reportEvery === 0) next = withReport(next, kind, session.state().params, session.state().step, loss);
  }
  return next;
}

/** Both models trained from the default parameters; computed once (a pure function of them), shared read-only. */
let trainedDefault: SlidingWindowState | undefined;
function trainBoth(p: SlidingWindowParams): SlidingWindowState {
  trainedDefault ??= runJob('rnn', p, runJob('mlp', p, manifest.initialState(p)));
  return trainedDefault;
}

describe('sliding-window demo: the task', () => {
  it('is the demo module of its spec, with defaults inside their ranges', () => {
    expect(demo.spec).toBe(manifest);
    expect(params).toEqual({ window: 3, lag: 6, seed: 1 });
    expect(validateParams(manifest, 'window: 7').problems).toHaveLength(1);
    expect(validateParams(manifest, 'lag: 0').problems).toHaveLength(1);
  });

  it('puts the key (A or B) lag steps before the end, noise elsewhere, the same for the same seed', () => {
    const set = keyTask(5, 3, 6, 50);
    expect(set).toEqual(keyTask(5, 3, 6, 50));
    for (const [i, row] of set.inputs.entries()) {
      expect(row).toHaveLength(7);
      expect(row[0]).toBe(set.labels[i]);
      expect(row.slice(1).every((id) => id >= 2)).toBe(true);
    }
    expect(new Set(set.labels)).toEqual(new Set([0, 1]));
    expect(sequenceLength(6, 2)).toBe(6);
    const sets = taskSets(1, 3, 6);
    expect(sets.train.inputs).not.toEqual(sets.test.inputs);
  });

  it('batches: the MLP reads the last window one-hot as one dense step, the RNN every symbol', () => {
    const set = keyTask(2, 3, 6, 4);
    const mb = mlpBatch(set, 3);
    expect(mb).toMatchObject({ batchSize: 4, steps: 1 });
    expect(mb.inputValues).toHaveLength(4 * 3 * 5);
    const ids = windowOf(set.inputs[1]!, 3);
    ids.forEach((id, k) => expect(mb.inputValues![(1 * 3 + k) * 5 + id]).toBe(1));
    expect(mb.inputValues!.reduce((a, b) => a + b, 0)).toBe(12);
    const rb = rnnBatch(set);
    expect(rb).toMatchObject({ batchSize: 4, steps: 7 });
    expect(Array.from(rb.inputIndices!.subarray(7, 14))).toEqual(set.inputs[1]);
  });
});

describe('sliding-window demo: the MLP', () => {
  it('its forward pass equals the core float64 reference of the one-step spec exactly (quantised weights)', () => {
    for (const window of [1, 3, 6]) {
      const spec = mlpSpec(window);
      const ps = paramsFrom(spec, 4, null);
      const set = keyTask(9, window, 6, 20);
      const batch = mlpBatch(set, window);
      set.inputs.forEach((row, b) => {
        const ref = refForwardSequence(spec, ps, batch, b);
        const ours = mlpForward(ps, windowOf(row, window));
        expect(ours.probs).toEqual(Array.from(ref.probs[0]!));
        expect(ours.hidden).toEqual(Array.from(ref.layers[0]!.fw[0]!.state));
      });
    }
  });

  it('shuffling the slots together with the first-layer rows leaves every output exactly unchanged', () => {
    const p = { window: 6, lag: 8, seed: 2 };
    const trained = runJob('mlp', p, manifest.initialState(p));
    const ps = paramsFrom(mlpSpec(6), 2, trained.mlp);
    const set = keyTask(11, 6, 8, 64);
    const rng = new Rng(3);
    let insideOnly = 0;
    for (const row of set.inputs) {
      const ids = windowOf(row, 6);
      const perm = permutationOf(2, 1 + rng.int(1000), 6);
      expect(isPermutation(perm, 6)).toBe(true);
      expect(perm).not.toEqual([0, 1, 2, 3, 4, 5]);
      const r = shuffleExperiment(ps, ids, perm);
      expect(r.equal).toBe(true);
      expect(r.together).toEqual(r.original);
      const alone = mlpForward(ps, permuteSlots(ids, perm));
      if (alone.probs[1] !== r.original.probs[1]) insideOnly++;
    }
    // The MLP is order-sensitive: the slots moved without their weights change the output.
    expect(insideOnly).toBeGreaterThan(32);
  });

  it('permutes W by row blocks of one slot each', () => {
    const ps = paramsFrom(mlpSpec(3), 1, null);
    const moved = permuteFirstLayer(ps, [2, 0, 1]);
    const W = ps['layer0.fw.W']!, M = moved['layer0.fw.W']!;
    const block = 5 * 8;
    expect(Array.from(M.data.subarray(0, block))).toEqual(Array.from(W.data.subarray(2 * block, 3 * block)));
    expect(Array.from(M.data.subarray(block, 2 * block))).toEqual(Array.from(W.data.subarray(0, block)));
    expect(moved['head.V']).toBe(ps['head.V']);
    expect(permutationOf(1, 0, 4)).toEqual([0, 1, 2, 3]);
    expect(permutationOf(1, 5, 1)).toEqual([0]);
  });
});

describe('sliding-window demo: the RNN', () => {
  it('its forward pass matches the core float64 reference', () => {
    const ps = paramsFrom(rnnSpec(), 6, null);
    for (const p of Object.values(ps)) p.data.forEach((w, i) => (p.data[i] = quantise(3 * w)));
    const set = keyTask(12, 3, 9, 20);
    const batch = rnnBatch(set);
    set.inputs.forEach((row, b) => {
      const ref = Array.from(refForwardSequence(rnnSpec(), ps, batch, b).probs[0]!);
      rnnForward(ps, row).forEach((p, k) => expect(Math.abs(p - ref[k]!)).toBeLessThan(1e-12));
    });
  });
});

describe('sliding-window demo: training', () => {
  it('a key further back than the window: the MLP stays at chance on held-out data, the RNN learns it (seed 1)', () => {
    const s = trainBoth(params);
    const { test } = taskSets(1, 3, 6);
    const mlpAcc = accuracy('mlp', paramsFrom(mlpSpec(3), 1, s.mlp), test, 3);
    const rnnAcc = accuracy('rnn', paramsFrom(rnnSpec(), 1, s.rnn), test, 3);
    expect(s.mlpSteps).toBe(300);
    expect(s.rnnSteps).toBe(300);
    expect(mlpAcc).toBeGreaterThan(0.4);
    expect(mlpAcc).toBeLessThan(0.6);
    expect(rnnAcc).toBeGreaterThanOrEqual(0.99);
    expect(s.mlpLoss).toHaveLength(12);
    expect(s.rnnLoss.at(-1)!).toBeLessThan(0.05);
  });

  it('a key inside the window: the MLP learns it too', () => {
    const p = { window: 3, lag: 2, seed: 1 };
    const s = runJob('mlp', p, manifest.initialState(p));
    expect(accuracy('mlp', paramsFrom(mlpSpec(3), 1, s.mlp), taskSets(1, 3, 2).test, 3)).toBeGreaterThanOrEqual(0.99);
  });

  it('trained states round-trip through JSON, carry quantised weights, and give the same picture', () => {
    const s = trainBoth(params);
    const again = parseState(JSON.parse(JSON.stringify(s)), params);
    expect(again).toEqual(s);
    expect(s.mlp).toHaveLength(weightCount(mlpSpec(3)));
    expect(s.rnn!.every((w) => quantise(w) === w)).toBe(true);
    const test = taskSets(1, 3, 6).test;
    expect(derivePicture(params, test, again!)).toEqual(derivePicture(params, test, s));
    expect(flatten(paramsFrom(rnnSpec(), 1, s.rnn))).toEqual(s.rnn);
  });

  it('the state schema counts the same weights as the models', () => {
    for (const window of [1, 2, 3, 4, 5, 6]) expect(mlpWeightCount(window)).toBe(weightCount(mlpSpec(window)));
    expect(rnnWeightCount()).toBe(weightCount(rnnSpec()));
  });

  it('rejects bad states', () => {
    const s = manifest.initialState(params);
    expect(parseState(s, params)).toEqual(s);
    expect(parseState({ ...s, mlp: [1, 2] }, params)).toBeNull();
    expect(parseState({ ...s, example: 256 }, params)).toBeNull();
    expect(parseState({ ...s, rnnLoss: Array(241).fill(1) }, params)).toBeNull();
    expect(parseState({ ...s, mlpLoss: [Number.NaN] }, params)).toBeNull();
    expect(parseState({ ...s, extra: 1 }, params)).toBeNull();
  });

  it('a report already applied changes nothing', () => {
    const s = trainBoth(params);
    expect(withReport(s, 'rnn', paramsFrom(rnnSpec(), 1, null), 300, 0.1)).toBe(s);
  });
});
