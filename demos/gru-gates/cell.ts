/**
 * The GRU in the core's and Keras' convention (slides/07-gru.md): z keeps the old state,
 * h = z ⊙ h_prev + (1 − z) ⊙ h̃; the core's gates z, r, hTilde, h in the slide's order.
 */
import type { GateCell, Moment } from '../gate-kit/cell.ts';
import type { GateTrace } from '../gate-kit/model.ts';

const Z = 0, HT = 2;
/** A keep: the update gate holds mostly the old state (z > 0.65). */
export const KEEP = 0.65;
/** A write: the gate lets the candidate in (z < 0.2) and it differs from what the unit held (|h̃ − h_{t−1}| > 0.5), so the old value is forgotten. */
export const WRITE = { gate: 0.2, change: 0.5 } as const;

export function gruMoments(trace: GateTrace): Moment[] {
  const out: Moment[] = [];
  trace.chars.forEach((_, t) => {
    const z = trace.values[Z]![t]!, hTilde = trace.values[HT]![t]!, hPrev = trace.carried[t]!;
    z.forEach((zj, j) => {
      if (zj > KEEP) out.push({ kind: 'keep', t, unit: j, q: Z });
      if (zj < WRITE.gate && Math.abs(hTilde[j]! - hPrev[j]!) > WRITE.change) out.push({ kind: 'write', t, unit: j, q: 3 });
    });
  });
  return out;
}

const GATE_INPUT = '[h_{t-1}, x_t]';

export const gruCell: GateCell = {
  kind: 'gru',
  quantities: [
    { key: 'z', label: 'z' },
    { key: 'r', label: 'r' },
    { key: 'hTilde', label: 'h̃' },
    { key: 'h', label: 'h' },
  ],
  equations: [
    { tex: `\\term{z}{z_t} = \\sigma_g\\left(W_z\\,${GATE_INPUT} + b_z\\right)`, label: 'update gate' },
    { tex: `\\term{r}{r_t} = \\sigma_g\\left(W_r\\,${GATE_INPUT} + b_r\\right)`, label: 'reset gate' },
    { tex: `\\term{hTilde}{\\tilde h_t} = \\tanh\\left(W_h\\,[\\term{r}{r_t} \\odot h_{t-1}, x_t] + b_h\\right)`, label: 'candidate' },
    { tex: `\\term{h}{h_t} = \\term{z}{z_t} \\odot h_{t-1} + (1 - \\term{z}{z_t}) \\odot \\term{hTilde}{\\tilde h_t}`, label: 'new state' },
  ],
  note: 'Convention of this deck, Keras and TensorFlow.js: z ≈ 1 keeps the old state, z ≈ 0 takes the candidate (some texts swap z and 1 − z).',
  marks: ['keep', 'write'],
  moments: gruMoments,
  describe(m, trace) {
    const j = m.unit;
    const z = trace.values[Z]![m.t]![j]!.toFixed(2);
    if (m.kind === 'keep') return `unit ${j + 1} keeps its state: z = ${z}`;
    return `unit ${j + 1} forgets and writes: z = ${z}, h goes ${trace.carried[m.t]![j]!.toFixed(2)} → ${trace.values[3]![m.t]![j]!.toFixed(2)}`;
  },
};
