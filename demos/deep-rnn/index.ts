/**
 * demos/deep-rnn: one, two and three stacked RNN layers of one width trained side by side
 * in the training worker, which also measures them on held-out streams; held-out loss
 * curves per depth and each layer's states over time.
 */
import { chunkedTrainer } from '../../src/widgets/chunked-training.ts';
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { heldOutLoss, reportedState, stacksOf, testStreams, traceStream, trainingJob, weightsOf } from './model.ts';
import spec, { MAX_STEPS, SHOWN_STREAMS } from './schema.ts';
import { DEPTHS, stackWeightCount } from './sizes.ts';
import { drawDeep, type DeepPicture } from './view.ts';

export default defineDemo(spec, (ctx) => {
  const { params, canvas } = ctx;
  const models = stacksOf(params);
  const test = testStreams(params.seed, params.length);
  const tick = chunkedTrainer(ctx, {
    training: (s) => s.training,
    job: (s) => trainingJob(models, params, s),
    apply: reportedState,
    finish: (s) => ({ ...s, training: false }),
  });

  return {
    derive(s): DeepPicture {
      const shown = Number(s.shown);
      return {
        step: s.step,
        maxSteps: MAX_STEPS,
        stacks: DEPTHS.map((d, k) => ({ depth: d, width: params.width, weights: stackWeightCount(d, params.width), accuracy: s.accuracy?.[k] ?? null, heldOutLoss: heldOutLoss(s, k) })),
        curves: s.curves,
        shown,
        trace: traceStream(models[shown - 1]!, weightsOf(models, s, shown - 1), test, s.stream),
      };
    },
    deriveFrom: (s) => [s.step, s.shown, s.stream, s.weights, s.curves, s.accuracy],
    draw: (picture) => drawDeep(canvas, picture),
    // In the driver, only while no chunk is in flight: the worker's reports redraw the picture,
    // and repainting it every frame while the worker takes a core starves the page's frames.
    // The clone never trains: the states it receives redraw it.
    moving: (s) => ctx.role === 'driver' && s.training && !tick.busy(),
    tick,
    step: (s) => s.step,
    metric: (s, p) => {
      const last = s.curves[s.curves.length - 1];
      const out: Record<string, number | boolean | Record<string, number | null>> = { step: s.step, training: s.training };
      p.stacks.forEach((st, k) => {
        out[`layers${st.depth}`] = { trainLoss: last ? last[k + 1]! : null, loss: st.heldOutLoss, accuracy: st.accuracy };
      });
      return out;
    },
    controls: [
      {
        kind: 'button',
        label: (s) => (s.training ? 'pause' : s.step >= MAX_STEPS ? 'trained' : 'train all three'),
        title: 'Train the three stacks side by side (Adam, full batch of 128 streams) in the training worker',
        press: (s) => (s.step >= MAX_STEPS ? s : { ...s, training: !s.training }),
      },
      { kind: 'select', label: 'show', values: ['1', '2', '3'], labels: { '1': '1 layer', '2': '2 layers', '3': '3 layers' }, get: (s) => s.shown, set: (s, v) => ({ ...s, shown: v as '1' | '2' | '3' }) },
      { kind: 'button', label: 'another stream', title: 'Show the next held-out stream', press: (s) => ({ ...s, stream: (s.stream + 1) % SHOWN_STREAMS }) },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: () => spec.initialState(params) },
    ],
  };
}, challenges);
