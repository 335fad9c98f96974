/**
 * demos/char-lm's training loop: while the state says "training", one job at a time in the
 * training worker for the state's settings; a setting changed along a slider restarts the
 * job once it has rested, and each report becomes the next state (with a new sample once
 * a second).
 */
import type { DemoSetup } from '../../src/widgets/contract.ts';
import type { CharCorpus } from '../../src/rnn/index.ts';
import { afterReport, trainingJob, windowLength } from './model.ts';
import type { CharLmParams, CharLmState } from './schema.ts';

const SAMPLE_EVERY_MS = 1000;
/** A setting dragged along a slider restarts training once it has rested this long, not at every position. */
const SETTLE_MS = 250;

/** What a running job was started with: a change of any of these means a new job. */
const jobKey = (s: CharLmState) => JSON.stringify([s.text, s.cell, s.hidden, s.seq, s.lr, s.seed]);

type Ctx = Pick<DemoSetup<CharLmParams, CharLmState>, 'state' | 'update' | 'later' | 'train' | 'stopTraining'>;

export interface CharLmTraining {
  /** The demo's tick: starts, restarts or keeps the job the state asks for. */
  tick(s: CharLmState): CharLmState;
  /** Ends the job in flight; its reports are ignored from now on. */
  stop(): void;
}

export function charLmTraining({ state, update, later, train, stopTraining }: Ctx, corpusFor: (text: string) => CharCorpus): CharLmTraining {
  let generation = 0;
  let running: string | null = null;
  let lastReportAt = 0;
  let lastSampleAt = 0;
  let wanted = '';
  let wantedSince = 0;

  const start = (s: CharLmState) => {
    const g = ++generation;
    running = jobKey(s);
    const startedAt = performance.now();
    lastReportAt = startedAt;
    const c = corpusFor(s.text);
    later(
      train(trainingJob(s, c), (report) => {
        const now = performance.now();
        const current = state();
        if (g !== generation || !current.training || jobKey(current) !== running) return;
        const withSample = now - lastSampleAt >= SAMPLE_EVERY_MS;
        if (withSample) lastSampleAt = now;
        const charsPerSec = ((report.step - s.step) * windowLength(s, c) * 1000) / Math.max(1, now - startedAt);
        update(afterReport(current, report, c, { elapsedMs: now - lastReportAt, charsPerSec }, withSample));
        lastReportAt = now;
      }),
      () => {
        if (g === generation) running = null;
      },
    );
  };
  const stop = () => {
    generation++;
    running = null;
    stopTraining();
  };

  return {
    stop,
    tick(s) {
      if (!s.training) return s;
      const key = jobKey(s);
      const now = performance.now();
      if (key !== wanted) {
        wanted = key;
        wantedSince = now;
      }
      if (running !== null && running !== key) stop();
      if (running === null && now - wantedSince >= SETTLE_MS) start(s);
      return s;
    },
  };
}
