/**
 * demos/char-hello: the hello figure, live. "train" runs gradient steps in the training
 * worker; every step's weights come back and are shown one per frame, so the audience
 * watches the green scores rise and the red ones fall. "sample" feeds each sample back in.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import type { ParamSet } from '../../src/rnn/index.ts';
import { initialLoss, trainingJob, traceFor, withWeights } from './model.ts';
import spec, { COLUMNS, MAX_STEPS, type HelloState } from './schema.ts';
import { drawHello, type HelloPicture } from './view.ts';

/** Time one trained step stays on screen: the worker is far faster than an audience can follow. */
const STEP_MS = 40;
/** Time between two sampled characters appearing. */
const SAMPLE_MS = 500;

export default defineDemo(spec, ({ params, canvas, state, later, train }) => {
  const loss0 = initialLoss(state().seed);
  /** Steps the worker has sent and the figure has not shown yet. */
  let queue: { step: number; params: ParamSet }[] = [];
  let inFlight = false;
  let elapsed = 0;
  let lastTick = 0;

  const startJob = (s: HelloState) => {
    inFlight = true;
    queue = [];
    later(
      train(trainingJob(s, s.trainUntil - s.step), (report) => {
        if (report.state) queue.push({ step: report.step, params: report.state.params });
      }),
      () => (inFlight = false),
    );
  };

  return {
    derive: (s): HelloPicture => ({ trace: traceFor(s), mode: s.mode, shown: s.shown, step: s.step, loss0 }),
    draw: (picture) => drawHello(canvas, picture),
    moving: (s) => {
      const moving = s.step < s.trainUntil || (s.mode === 'sample' && s.shown < COLUMNS);
      if (!moving) lastTick = 0;
      return moving;
    },
    tick(s) {
      // Wall-clock time, not the clock's capped frame step: on a slow machine the steps keep their pace.
      const now = performance.now();
      elapsed += lastTick === 0 ? 0 : Math.min(1000, now - lastTick);
      lastTick = now;
      if (s.mode === 'sample') {
        if (elapsed < SAMPLE_MS) return s;
        elapsed = 0;
        return { ...s, shown: Math.min(COLUMNS, s.shown + 1) };
      }
      // A remount (the slide came back) has no job: continue from the state's weights.
      if (!inFlight && queue.length === 0) startJob(s);
      const count = Math.floor(elapsed / STEP_MS);
      if (count === 0 || queue.length === 0) return s;
      elapsed -= count * STEP_MS;
      const taken = queue.splice(0, count);
      const last = taken[taken.length - 1]!;
      return withWeights(s, last.step, last.params);
    },
    step: (s) => s.step,
    metric: (s, pic) => ({
      step: s.step,
      loss: Number.isFinite(pic.trace.loss) ? Number(pic.trace.loss.toFixed(4)) : null,
      loss0: Number(loss0.toFixed(4)),
      predicted: pic.trace.predicted,
      sample: s.mode === 'sample' ? `h${pic.trace.targets.slice(0, s.shown).map((i) => 'helo'[i]).join('')}` : null,
    }),
    controls: [
      {
        kind: 'button',
        label: (s) => (s.step < s.trainUntil ? 'training…' : `train ${params.steps} steps`),
        title: 'Gradient descent on predicting each next character of "hello"',
        press: (s) => {
          if (s.step < s.trainUntil) return s;
          elapsed = 0;
          const next = { ...s, mode: 'train' as const, shown: 0, trainUntil: Math.min(MAX_STEPS, s.step + params.steps) };
          startJob(next);
          return next;
        },
      },
      {
        kind: 'button',
        label: 'sample',
        title: 'Generate from "h": sample a character, feed it back in as the next input',
        press: (s) => {
          elapsed = 0;
          return { ...s, mode: 'sample' as const, shown: 1, sampleSeed: (s.sampleSeed % MAX_STEPS) + 1, trainUntil: s.step };
        },
      },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: () => ((queue = []), spec.initialState(params)) },
    ],
  };
}, challenges);
