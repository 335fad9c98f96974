/** demos/lstm-gates: parameters and state (shared with the GRU demo, see ../gate-kit/gate-spec.ts). */
import { gateSpec } from '../gate-kit/gate-spec.ts';

export default gateSpec({
  name: 'lstm-gates',
  title: 'Inside an LSTM: the gates at every step',
  summary: 'An LSTM reads brackets and names their depth; per step its f, i, c̃, c, o and h as coloured cells beside the six equations, the one being computed highlighted; train it and watch f close on a full stop and i·c̃ write on every bracket.',
  kind: 'lstm',
  quantities: 6,
});
