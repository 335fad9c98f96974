/**
 * The LSTM as the lecture writes it (slides/06-lstm.md, no peepholes): the core's gates
 * i, f, g (= c̃), o, c, h shown in the slide's order f, i, c̃, c, o, h.
 */
import type { GateCell, Moment } from '../gate-kit/cell.ts';
import type { GateTrace } from '../gate-kit/model.ts';

const F = 0, I = 1, G = 2, C = 3;
/** A forget: the gate closes (f < 0.2) on a cell that held something (|c_{t−1}| > 0.3). */
export const FORGET = { gate: 0.2, held: 0.3 } as const;
/** A write: the cell keeps its content (f > 0.5) and the step still moves it by more than 0.6: i ⊙ c̃ added something. */
export const WRITE = { kept: 0.5, change: 0.6 } as const;

export function lstmMoments(trace: GateTrace): Moment[] {
  const out: Moment[] = [];
  trace.chars.forEach((_, t) => {
    const f = trace.values[F]![t]!, c = trace.values[C]![t]!, cPrev = trace.carried[t]!;
    f.forEach((fj, j) => {
      if (fj < FORGET.gate && Math.abs(cPrev[j]!) > FORGET.held) out.push({ kind: 'forget', t, unit: j, q: F });
      if (fj > WRITE.kept && Math.abs(c[j]! - cPrev[j]!) > WRITE.change) out.push({ kind: 'write', t, unit: j, q: C });
    });
  });
  return out;
}

const GATE_INPUT = '[h_{t-1}, x_t]';

export const lstmCell: GateCell = {
  kind: 'lstm',
  quantities: [
    { key: 'f', label: 'f' },
    { key: 'i', label: 'i' },
    { key: 'g', label: 'c̃' },
    { key: 'c', label: 'c' },
    { key: 'o', label: 'o' },
    { key: 'h', label: 'h' },
  ],
  equations: [
    { tex: `\\term{f}{f_t} = \\sigma_g\\left(W_f\\,${GATE_INPUT} + b_f\\right)`, label: 'forget gate' },
    { tex: `\\term{i}{i_t} = \\sigma_g\\left(W_i\\,${GATE_INPUT} + b_i\\right)`, label: 'input gate' },
    { tex: `\\term{g}{\\tilde c_t} = \\tanh\\left(W_c\\,${GATE_INPUT} + b_c\\right)`, label: 'candidate' },
    { tex: `\\term{c}{c_t} = \\term{f}{f_t} \\odot c_{t-1} + \\term{i}{i_t} \\odot \\term{g}{\\tilde c_t}`, label: 'cell state' },
    { tex: `\\term{o}{o_t} = \\sigma_g\\left(W_o\\,${GATE_INPUT} + b_o\\right)`, label: 'output gate' },
    { tex: `\\term{h}{h_t} = \\term{o}{o_t} \\odot \\tanh(\\term{c}{c_t})`, label: 'hidden state' },
  ],
  unbounded: ['c'],
  marks: ['forget', 'write'],
  moments: lstmMoments,
  describe(m, trace) {
    const j = m.unit;
    if (m.kind === 'forget') return `unit ${j + 1} forgets: f = ${trace.values[F]![m.t]![j]!.toFixed(2)} wipes c₍ₜ₋₁₎ = ${trace.carried[m.t]![j]!.toFixed(2)}`;
    return `unit ${j + 1} writes: i·c̃ = ${(trace.values[I]![m.t]![j]! * trace.values[G]![m.t]![j]!).toFixed(2)} added to c`;
  },
};
