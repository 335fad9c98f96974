/**
 * demos/lstm-gates: parameters and state. The two gate demos declare the same fields; each
 * declares them in full because a spec module shared by two schemas made the bundler move
 * the page's runtime out of its entry chunk, which the single-file build cannot inline.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { integer, nullable, numbers, param, stateSchema, text } from '../../src/widgets/schema.ts';
import { DEFAULT_TEXT, DEMO_HEIGHT, MAX_TEXT, TASK_TEXT, TEXT_HELP, initialGateState, weightCount } from '../gate-kit/alphabet.ts';

const seedField = integer(0, 999999);
const textField = text(MAX_TEXT, TASK_TEXT);

export default defineSpec({
  name: 'lstm-gates',
  title: 'Inside an LSTM: the gates at every step',
  summary: "An LSTM reads brackets and names their depth; per step its f, i, c̃, c, o and h as coloured cells beside the six equations, the one being computed highlighted; train it and watch f close on a full stop and the cell count the brackets.",
  height: DEMO_HEIGHT,
  tfjs: false,
  params: {
    text: param(textField, DEFAULT_TEXT, TEXT_HELP),
    hidden: param(integer(2, 5), 4, 'Number of units in the cell'),
    seed: param(seedField, 1, 'Seed of the initial weights and of the training strings'),
  },
  state: (p) =>
    stateSchema({
      seed: seedField,
      text: textField,
      t: integer(0, MAX_TEXT - 1),
      k: integer(0, 6 - 1),
      trainSteps: integer(0, 1_000_000),
      weights: nullable(numbers(weightCount('lstm', p.hidden))),
    }),
  challenges: {
    'forget-at-stop': 'Train until the LSTM names every depth right and a unit forgets at the full stop.',
  },
  initialState: initialGateState,
});
