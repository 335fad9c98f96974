/** demos/gru-gates: parameters and state, declared with lstm-gates' in demos/gate-kit/gate-spec.ts. */
import { gateSpec } from '../gate-kit/gate-spec.ts';

export default gateSpec({
  name: 'gru-gates',
  kind: 'gru',
  title: 'Inside a GRU: the gates at every step',
  summary: "A GRU reads brackets and names their depth; per step its z, r, h̃ and h as coloured cells beside the four equations (h = z ⊙ h_prev + (1 − z) ⊙ h̃), the one being computed highlighted; train it and watch z hold on \"a\" and let the candidate in on brackets and full stops.",
  challenges: {
    'keep-on-a': 'Train until the GRU names every depth right and keeps its state at every a.',
  },
});
