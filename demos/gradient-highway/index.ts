/**
 * demos/gradient-highway: ‖∂c_t/∂c_k‖ along an LSTM's cell state and ‖∂h_t/∂h_k‖ for a GRU
 * and a vanilla RNN against t − k, with a keep-bias slider, or with the weights the
 * long-lag race trained (retrained deterministically in the training worker from the
 * race's seed and step count; the weights then travel in the state, so the clone has them).
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { rangeOf } from '../../src/widgets/schema.ts';
import { flattenWeights, raceConfig, unflattenWeights } from '../long-lag/model.ts';
import { measureHighway, type CellCurves } from './model.ts';
import spec, { keepBiasField, type HighwayState } from './schema.ts';
import { drawHighway } from './view.ts';

/** The race's lag: the long-lag demo's default, where the vanilla RNN fails and the gated cells learn. */
const RACE_LAG = 50;
const BIAS = rangeOf(keepBiasField) ?? [-2, 6];

export default defineDemo(spec, ({ params, canvas, update, state, later, train }) => {
  const cache = new Map<string, CellCurves>();
  let job: AbortController | null = null;
  const stop = () => {
    job?.abort();
    job = null;
  };
  const wanted = (s: HighwayState) => s.trained && s.weights === null;
  /** Retrains the race (seed, steps and lag of the long-lag demo's default run) and keeps its weights in the state. */
  const ensureJob = (s: HighwayState): HighwayState => {
    if (job || !wanted(s)) return s;
    const controller = new AbortController();
    job = controller;
    const mine = () => job === controller;
    const jobSpec = { trainer: 'long-lag-race', config: raceConfig(RACE_LAG), seed: params.raceSeed, steps: params.raceSteps, reportEvery: 10 };
    later(
      train(jobSpec, (r) => mine() && update({ ...state(), raceStep: r.step }), controller.signal),
      (result) => {
        if (!mine()) return;
        job = null;
        if (result) update({ ...state(), raceStep: result.report.step, weights: flattenWeights(result.report.state.params, params.raceSeed, RACE_LAG) });
      },
    );
    return { ...s, raceStep: 0 };
  };

  return {
    derive: (s) => {
      const trained = s.trained && s.weights ? unflattenWeights(s.weights, params.raceSeed, RACE_LAG) : null;
      const highway = measureHighway({ seed: s.seed, keepBias: s.keepBias, trained, horizon: params.horizon, sequences: params.sequences }, cache);
      return { highway, trained: trained !== null };
    },
    draw: ({ highway, trained }, { state: s }) =>
      drawHighway(canvas, highway, {
        weights: trained ? `weights: the long-lag race (lag ${RACE_LAG}, seed ${params.raceSeed}) after ${params.raceSteps} steps` : `weights: seeded (seed ${s.seed}), keep bias ${s.keepBias.toFixed(1)}`,
        busy: wanted(s) ? `training the long-lag race: step ${s.raceStep} / ${params.raceSteps}` : null,
      }),
    // Only until the job is started: its reports redraw the progress line.
    moving: (s) => job === null && wanted(s),
    tick: (s) => ensureJob(s),
    step: (s) => s.raceStep,
    metric: (s, { highway }) => ({
      trained: s.trained && s.weights !== null,
      raceStep: s.raceStep,
      keepBias: s.keepBias,
      atHorizon: Object.fromEntries(Object.values(highway.cells).map((c) => [c.cell, Number(c.logMedian[highway.horizon]!.toFixed(3))])),
    }),
    controls: [
      {
        kind: 'slider',
        label: 'keep bias',
        range: BIAS,
        step: 0.1,
        get: (s) => s.keepBias,
        set: (s, v) => {
          // A bias belongs to seeded weights: moving it leaves the trained ones.
          stop();
          return { ...s, keepBias: v, trained: false };
        },
        format: (v) => v.toFixed(1),
      },
      {
        kind: 'button',
        label: (s) => (s.trained ? 'seeded weights' : 'trained weights'),
        title: 'Switch between seeded weights and the weights the long-lag race trained',
        press: (s) => {
          if (s.trained) stop();
          return { ...s, trained: !s.trained };
        },
      },
      { kind: 'button', label: 'new inputs', title: 'New random input sequences and seeded weights (next seed)', press: (s) => ({ ...s, seed: (s.seed + 1) % 1_000_000 }) },
    ],
    dispose: stop,
  };
}, challenges);
