/** The numbers of the focused quantity and the moments of the focused step, in words under the equations. */
import type { GateCell } from './cell.ts';
import type { GateTrace } from './model.ts';

export function readoutText(cell: GateCell, trace: GateTrace, t: number, k: number): { values: string; moments: string } {
  const q = cell.quantities[k]!;
  const v = trace.values[k]![t]!.map((x) => (x >= 0 ? ' ' : '') + x.toFixed(2)).join(' ');
  const here = cell.moments(trace).filter((m) => m.t === t);
  return {
    values: `step ${t + 1} reads "${trace.chars[t]}": ${q.label} = (${v} )`,
    moments: here.length > 0 ? here.map((m) => cell.describe(m, trace)).join('; ') : 'no unit forgets or writes much at this step',
  };
}
