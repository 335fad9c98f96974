/** demos/char-lm's controls: train or pause, the cell, its size, the window, the learning rate, the sampling temperature, reset. */
import type { ControlSpec } from '../../src/widgets/controls.ts';
import { logScale } from '../../src/widgets/controls.ts';
import { restart } from './model.ts';
import { CELLS, HIDDEN_RANGE, LR_RANGE, SEQ_RANGE, TEMPERATURE_RANGE, type Cell, type CharLmState } from './schema.ts';

const lr = logScale(LR_RANGE, 2);

/** `stop` ends the job in flight; `resample` draws a new sample from the state's weights. */
export function charLmControls(stop: () => void, resample: (s: CharLmState) => CharLmState): ControlSpec<CharLmState>[] {
  return [
    {
      kind: 'button',
      label: (s) => (s.training ? 'pause' : 'train'),
      title: 'Train in the background without pause, or pause',
      press: (s) => {
        if (!s.training) return { ...s, training: true };
        stop();
        return resample({ ...s, training: false });
      },
    },
    { kind: 'select', label: 'cell', values: CELLS, labels: { rnn: 'vanilla RNN', lstm: 'LSTM', gru: 'GRU' }, get: (s) => s.cell, set: (s, v) => ({ ...restart(s), cell: v as Cell }) },
    { kind: 'slider', label: 'hidden', range: HIDDEN_RANGE, step: 8, get: (s) => s.hidden, set: (s, v) => ({ ...restart(s), hidden: v }) },
    { kind: 'slider', label: 'seq', range: SEQ_RANGE, step: 1, get: (s) => s.seq, set: (s, v) => ({ ...s, seq: v }) },
    { kind: 'slider', label: 'lr', range: lr.range, step: 0.05, get: (s) => lr.toPosition(s.lr), set: (s, v) => ({ ...s, lr: lr.toValue(v) }), format: (v) => String(lr.toValue(v)) },
    { kind: 'slider', label: 'temperature', range: TEMPERATURE_RANGE, step: 0.05, get: (s) => s.temperature, set: (s, v) => resample({ ...s, temperature: v }), format: (v) => v.toFixed(2) },
    {
      kind: 'button',
      label: 'reset',
      title: 'Back to the seeded weights (the text stays)',
      press: (s) => {
        stop();
        return { ...restart(s), training: false };
      },
    },
  ];
}
