/**
 * demos/unroll: an RNN reading a word, folded into its loop or unrolled into a chain whose
 * every step uses the same W_in, W_rec and U; values on hover; trains for real (tfjs).
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { corpusOf, trainedState, trainingJob, traceState, unrollSpec } from './model.ts';
import spec, { maxLength } from './schema.ts';
import { drawPulse, hoverTips } from './overlay.ts';
import { drawUnroll, type HitBox } from './view.ts';

const TRAIN_STEPS_PER_CLICK = 25;
/** Time a signal takes to travel one step of the chain while playing. */
const STEP_MS = 900;
const FOLD_MS = 600;

export default defineDemo(spec, ({ params, canvas, stage, tf, reducedMotion, listen, update, state, later, train }) => {
  if (!tf) throw new Error('the unroll demo needs TensorFlow.js');
  const corpus = corpusOf(params);
  const model = unrollSpec(corpus.vocab.length, params.hidden);
  const T = maxLength(params);
  let unfold = state().unrolled ? 1 : 0;
  let lastDraw = 0;
  let elapsed = 0;
  let boxes: HitBox[] = [];
  canvas.canvas.tabIndex = 0;

  const hover = hoverTips(canvas, stage, () => boxes);
  listen(canvas.canvas, 'pointermove', hover.move);
  listen(canvas.canvas, 'pointerleave', hover.leave);
  listen(canvas.canvas, 'keydown', (e) => {
    const s = state();
    if (e.key === 'ArrowRight') update({ ...s, t: (s.t + 1) % s.length });
    else if (e.key === 'ArrowLeft') update({ ...s, t: (s.t - 1 + s.length) % s.length });
    else return;
    e.preventDefault();
  });

  return {
    derive: (s) => traceState(tf, model, corpus, s),
    // The clone parses each state afresh, so the weights are compared by value.
    deriveFrom: (s) => [s.seed, s.length, s.trainSteps, s.weights?.join(',') ?? null],
    draw(trace, { state: s, since }) {
      const now = performance.now();
      const target = s.unrolled ? 1 : 0;
      const dt = lastDraw && Number.isFinite(since) ? Math.min(100, now - lastDraw) : FOLD_MS;
      lastDraw = now;
      unfold = target > unfold ? Math.min(target, unfold + dt / FOLD_MS) : Math.max(target, unfold - dt / FOLD_MS);
      boxes = drawUnroll(canvas, { trace, t: s.t, unfold, trainSteps: s.trainSteps });
      if (s.playing && Number.isFinite(since)) drawPulse(canvas, boxes, s.t, Math.min(1, since / STEP_MS));
    },
    moving: (s) => s.playing || unfold !== (s.unrolled ? 1 : 0),
    tick(s, dt) {
      if (!s.playing) return s;
      elapsed += dt;
      if (elapsed < STEP_MS) return s;
      elapsed %= STEP_MS;
      return { ...s, t: (s.t + 1) % s.length };
    },
    step: (s) => s.trainSteps,
    metric: (s, trace) => ({ trainSteps: s.trainSteps, loss: Number(trace.loss.toFixed(4)), t: s.t }),
    controls: [
      { kind: 'button', label: '◀ step', title: 'Previous time step', press: (s) => ({ ...s, t: (s.t - 1 + s.length) % s.length }) },
      { kind: 'button', label: 'step ▶', title: 'Next time step', press: (s) => ({ ...s, t: (s.t + 1) % s.length }) },
      {
        kind: 'button',
        label: (s) => (s.playing ? 'pause' : 'play'),
        title: reducedMotion ? 'Step through the sequence, one step at a time' : 'Run through the sequence',
        press: (s) => {
          elapsed = 0;
          return { ...s, playing: !s.playing };
        },
      },
      { kind: 'button', label: (s) => (s.unrolled ? 'fold' : 'unroll'), title: 'Switch between the loop and the unrolled chain', press: (s) => ({ ...s, unrolled: !s.unrolled }) },
      {
        kind: 'button',
        label: `train ${TRAIN_STEPS_PER_CLICK} steps`,
        title: 'Gradient descent on predicting each next character',
        press: (s) => {
          // In the training worker; the weights arrive as one new state when the steps are done.
          later(train(trainingJob(model, corpus, s, TRAIN_STEPS_PER_CLICK)), (result) => {
            if (result) update(trainedState(state(), result.report.state.params, TRAIN_STEPS_PER_CLICK));
          });
          return s;
        },
      },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: (s) => ({ ...spec.initialState(params), length: s.length }) },
      { kind: 'slider', label: 'steps T', range: [1, T], step: 1, get: (s) => s.length, set: (s, v) => ({ ...s, length: v, t: Math.min(s.t, v - 1) }) },
    ],
  };
}, challenges);
