/**
 * demos/bidirectional: a one-direction and a bidirectional RNN of the same weight budget
 * trained side by side in the training worker on a task that needs the future; accuracy
 * per position (measured in the worker with each report) and the forward and backward
 * states of one held-out line.
 */
import { chunkedTrainer } from '../../src/widgets/chunked-training.ts';
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { heldOutOf, modelsOf, reportedState, testLines, traceLine, trainingJob, weightsOf } from './model.ts';
import spec, { MAX_STEPS, TEST_LINES } from './schema.ts';
import { matchedHidden, rnnWeightCount } from './sizes.ts';
import { drawBidirectional, type BiPicture } from './view.ts';

export default defineDemo(spec, (ctx) => {
  const { params, canvas } = ctx;
  const models = modelsOf(params);
  const test = testLines(params.seed, params.length);
  const sizes = { uniHidden: matchedHidden(params.hidden), uniWeights: rnnWeightCount(matchedHidden(params.hidden), false), biHidden: params.hidden, biWeights: rnnWeightCount(params.hidden, true) };
  const tick = chunkedTrainer(ctx, {
    training: (s) => s.training,
    job: (s) => trainingJob(models, params, s),
    apply: reportedState,
    finish: (s) => ({ ...s, training: false }),
  });

  return {
    derive(s): BiPicture {
      const weights = [weightsOf(models, s, 0), weightsOf(models, s, 1)] as const;
      return {
        T: params.length,
        step: s.step,
        maxSteps: MAX_STEPS,
        sizes,
        // Measured by the training worker with each report: the page only traces the line it shows.
        evals: heldOutOf(models, s, test),
        lines: [traceLine(models[0], weights[0], test, s.line), traceLine(models[1], weights[1], test, s.line)],
      };
    },
    draw: (picture) => drawBidirectional(canvas, picture),
    // Redrawn by the reports while a chunk trains; the clock only runs to start the next chunk.
    moving: (s) => ctx.role === 'driver' && s.training && !tick.busy(),
    tick,
    step: (s) => s.step,
    metric: (s, p) => ({
      step: s.step,
      training: s.training,
      uni: { loss: Number(p.evals[0].loss.toFixed(4)), accuracy: Number(p.evals[0].meanAccuracy.toFixed(4)), firstAccuracy: Number(p.evals[0].accuracy[0]!.toFixed(4)) },
      bi: { loss: Number(p.evals[1].loss.toFixed(4)), accuracy: Number(p.evals[1].meanAccuracy.toFixed(4)), firstAccuracy: Number(p.evals[1].accuracy[0]!.toFixed(4)) },
    }),
    controls: [
      {
        kind: 'button',
        label: (s) => (s.training ? 'pause' : s.step >= MAX_STEPS ? 'trained' : 'train both'),
        title: 'Train both models side by side (Adam, full batch of 128 lines) in the training worker',
        press: (s) => (s.step >= MAX_STEPS ? s : { ...s, training: !s.training }),
      },
      { kind: 'button', label: 'another line', title: 'Show the next held-out line', press: (s) => ({ ...s, line: (s.line + 1) % TEST_LINES }) },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: () => spec.initialState(params) },
    ],
  };
}, challenges);
