/** demos/lstm-gates: parameters and state, declared with gru-gates' in demos/gate-kit/gate-spec.ts. */
import { gateSpec } from '../gate-kit/gate-spec.ts';

export default gateSpec({
  name: 'lstm-gates',
  kind: 'lstm',
  title: 'Inside an LSTM: the gates at every step',
  summary: "An LSTM reads brackets and names their depth; per step its f, i, c̃, c, o and h as coloured cells beside the six equations, the one being computed highlighted; train it and watch f close on a full stop and the cell count the brackets.",
  challenges: {
    'forget-at-stop': 'Train until the LSTM names every depth right and a unit forgets at the full stop.',
  },
});
