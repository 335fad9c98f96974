/**
 * demos/sliding-window: a windowed MLP against an RNN. Left, the slide's claim computed:
 * shuffling the window's slots with the first-layer weights' rows leaves the MLP's output
 * unchanged. Right, a class decided by a symbol further back than the window: both models
 * train in the training worker; the MLP stays at chance, the RNN learns it.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { paramsFrom, specOf, trainingJob, type ModelKind } from './model.ts';
import { derivePicture } from './picture.ts';
import spec from './schema.ts';
import { taskSets, TEST_SIZE } from './task.ts';
import { withReport } from './training.ts';
import { drawSlidingWindow } from './view.ts';

export default defineDemo(spec, ({ params, canvas, state, update, later, train }) => {
  const setsFor = (seed: number) => taskSets(seed, params.window, params.lag);
  let sets = { seed: state().seed, ...setsFor(state().seed) };
  let training = false;

  /** The MLP, then the RNN: each a job in the training worker whose reports carry the weights so far. */
  async function trainBoth(): Promise<void> {
    training = true;
    try {
      for (const kind of ['mlp', 'rnn'] as ModelKind[]) {
        const s = state();
        const ps = paramsFrom(specOf(kind, params.window), s.seed, s[kind]);
        const job = trainingJob(kind, params.window, params.lag, s.seed, ps, kind === 'mlp' ? s.mlpSteps : s.rnnSteps);
        const result = await train(job, (r) => {
          if (r.state) update(withReport(state(), kind, r.state.params, r.step, r.loss));
        });
        if (!result) return;
        update(withReport(state(), kind, result.report.state.params, result.report.step, result.report.loss));
      }
    } finally {
      training = false;
    }
  }

  return {
    derive(s) {
      if (sets.seed !== s.seed) sets = { seed: s.seed, ...setsFor(s.seed) };
      return derivePicture(params, sets.test, s);
    },
    draw: (picture) => drawSlidingWindow(canvas, picture),
    step: (s) => s.mlpSteps + s.rnnSteps,
    metric: (s, p) => ({
      mlpSteps: s.mlpSteps,
      rnnSteps: s.rnnSteps,
      mlpLoss: s.mlpLoss.at(-1) ?? null,
      rnnLoss: s.rnnLoss.at(-1) ?? null,
      mlpAccuracy: p.mlpAccuracy,
      rnnAccuracy: p.rnnAccuracy,
      shuffled: s.shuffles > 0,
      shuffleEqual: p.shuffle.equal,
    }),
    controls: [
      {
        kind: 'button',
        label: 'train both',
        title: 'Train the MLP and the RNN (300 full-batch steps each) in the training worker',
        press: (s) => {
          if (!training) later(trainBoth(), () => undefined);
          return s;
        },
      },
      { kind: 'button', label: 'shuffle window', title: 'Permute the window’s slots and the first-layer weights’ rows the same way', press: (s) => ({ ...s, shuffles: s.shuffles + 1 }) },
      { kind: 'button', label: 'unshuffle', title: 'Back to the window as trained', press: (s) => ({ ...s, shuffles: 0 }) },
      { kind: 'button', label: 'next sequence', title: 'Show another held-out sequence', press: (s) => ({ ...s, example: (s.example + 1) % TEST_SIZE }) },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights', press: () => spec.initialState(params) },
    ],
  };
}, challenges);
