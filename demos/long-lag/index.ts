/**
 * demos/long-lag: a vanilla RNN, an LSTM and a GRU of the same parameter budget race to
 * recall the first symbol across a lag of noise. The driver trains all three in one
 * training-worker job; each report's accuracies become the state the clone draws.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import type { ProgressReport } from '../../src/training/index.ts';
import { rangeOf } from '../../src/widgets/schema.ts';
import { afterReport, flattenWeights, raceJob, resumePoint } from './model.ts';
import { RACE_CELLS } from './race.ts';
import spec, { lagField, type LongLagState } from './schema.ts';
import { drawRace } from './view.ts';

const LAG = rangeOf(lagField) ?? [1, 80];

export default defineDemo(spec, ({ params, canvas, update, state, later, train }) => {
  const total = params.steps;
  let job: AbortController | null = null;
  let latest: ProgressReport | null = null;

  const stop = () => {
    job?.abort();
    job = null;
  };
  /** Keeps one job running while training is wanted; it starts from the last kept weights. */
  const ensureJob = (s: LongLagState): LongLagState => {
    if (job || !s.running || s.step >= total) return s;
    const from = resumePoint(s);
    const controller = new AbortController();
    job = controller;
    latest = null;
    const mine = () => job === controller;
    later(
      train(
        raceJob(from, total),
        (report) => {
          if (!mine()) return;
          if (report.state) latest = report;
          update(afterReport(state(), report, total));
        },
        controller.signal,
      ),
      (result) => {
        if (!mine()) return;
        job = null;
        if (result) update({ ...afterReport(state(), result.report, total), running: false });
      },
    );
    return from;
  };
  /** The newest weights the worker reported, kept in the state so a paused run resumes from there. */
  const paused = (s: LongLagState): LongLagState => {
    const r = latest;
    stop();
    const keep = r?.state && r.step <= s.step ? { weights: flattenWeights(r.state.params, s.seed, s.lag), weightsStep: r.step } : {};
    return resumePoint({ ...s, ...keep, running: false });
  };
  const fresh = (s: LongLagState, lag: number): LongLagState => {
    stop();
    return { ...spec.initialState(params), seed: s.seed, lag, running: s.running };
  };

  return {
    derive: (s) => ({ lag: s.lag, total, step: s.step, curves: { rnn: s.rnn, lstm: s.lstm, gru: s.gru }, training: s.running && s.step < total }),
    draw: (picture) => drawRace(canvas, picture),
    // Only until the job is started: the worker's reports redraw the chart, and a full-size canvas
    // repainted every frame while the worker takes a core starves the page's frames.
    moving: (s) => job === null && s.running && s.step < total,
    tick: (s) => ensureJob(s),
    step: (s) => s.step,
    metric: (s) => ({
      step: s.step,
      lag: s.lag,
      accuracy: Object.fromEntries(RACE_CELLS.map((c) => [c, s[c].length ? s[c][s[c].length - 1]! : null])),
    }),
    controls: [
      {
        kind: 'button',
        label: (s) => (s.running && s.step < total ? 'pause' : s.step >= total ? 'train again' : 'train'),
        title: 'Train the three models side by side (in the training worker)',
        press: (s) => (s.running && s.step < total ? paused(s) : s.step >= total ? { ...fresh(s, s.lag), running: true } : { ...s, running: true }),
      },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: (s) => ({ ...fresh(s, s.lag), running: false }) },
      { kind: 'slider', label: 'lag', range: LAG, step: 1, get: (s) => s.lag, set: (s, v) => (v === s.lag ? s : fresh(s, v)) },
    ],
    dispose: stop,
  };
}, challenges);
