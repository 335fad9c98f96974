/** What distinguishes the LSTM demo from the GRU demo: the cell, its quantities, its equations and its teaching moments. */
import type { GateCellKind, GateTrace, Quantity } from './model.ts';

/** One line of the cell's equations: TeX in which `\term{key}{…}` marks a quantity that can be highlighted. */
export interface EquationLine {
  tex: string;
  /** What the line is, in words (forget gate, candidate, …). */
  label: string;
}

export type MomentKind = 'forget' | 'write' | 'keep';

/** A step at which a unit visibly does one of the things gates are for. */
export interface Moment {
  kind: MomentKind;
  t: number;
  unit: number;
  /** Index of the quantity whose cell carries the mark. */
  q: number;
}

export interface GateCell {
  kind: GateCellKind;
  /** In the order the equations compute them; quantities[k] is computed by equations[k]. */
  quantities: readonly Quantity[];
  equations: readonly EquationLine[];
  /** A line said under the equations (the GRU's convention). */
  note?: string;
  /** Quantities that are not bounded by ±1 (the LSTM's c): their colour saturates there, the legend says so. */
  unbounded?: readonly string[];
  /** The kinds of moment this cell marks, for the legend. */
  marks: readonly MomentKind[];
  moments(trace: GateTrace): Moment[];
  /** Words for a moment, for the readout. */
  describe(m: Moment, trace: GateTrace): string;
}
