/**
 * What a fused cell sees of one direction of one layer. Rows are time-major: step t of
 * sequence b is row t·B + b of every [T·B, ·] buffer, so one step of the whole batch is a
 * contiguous block of B rows.
 */
import type { Vec } from '../kernels.ts';

export interface CellWeightArrays {
  /** Input kernel [I, G·H]. */
  W: Vec;
  /** Recurrent kernel [H, G·H]. */
  U: Vec;
  /** Bias [G·H]. */
  b: Vec;
  /** LSTM peepholes [H] each. */
  pi?: Vec;
  pf?: Vec;
  po?: Vec;
}

export interface DirectionBuffers {
  H: number;
  B: number;
  /** Layer output [T·B, ld]: this direction's h_t sits at column `col` (0, or H for 'bw'). */
  out: Vec;
  ld: number;
  col: number;
  /** Pre-activations x·W + b, then the gates after the step ran, [T·B, G·H]. */
  acts: Vec;
  /** ∂J/∂pre-activation per step, [T·B, G·H]. */
  dA: Vec;
  /** Cell-specific per-step values, [T·B, H] each: LSTM c and tanh(c); GRU r⊙h_{t−1}. */
  extra: Vec[];
  /** Scratch [B, H] for the step's backward pass. */
  tmp: Vec;
  w: CellWeightArrays;
  g: CellWeightArrays;
}

/** One cell kind's per-step forward and backward over a whole batch. */
export interface FusedCell {
  /** Gates per unit: 1 (RNN), 4 (LSTM), 3 (GRU). */
  readonly gates: number;
  /** Extra [T·B, H] buffers the cell keeps per step. */
  readonly extras: number;
  /**
   * Step at rows [row, row + B): adds h_prev·U (prevRow < 0: zero state) to acts, applies
   * the nonlinearities, writes h into out.
   */
  forward(d: DirectionBuffers, row: number, prevRow: number): void;
  /**
   * Given the total ∂J/∂h_t in dH [B, H] and the cell-state carry dC [B, H] (LSTM; updated
   * in place to ∂J/∂c_{t−1}), writes dA for the step and, when wantPrev, ∂J/∂h_{t−1} into dHPrev.
   */
  backward(d: DirectionBuffers, row: number, prevRow: number, dH: Vec, dC: Vec, dHPrev: Vec, wantPrev: boolean): void;
  /** gU += over `n` rows: dA rows from dRow paired with h_{t−1} rows from hRow. */
  recurrentGrads(d: DirectionBuffers, dRow: number, hRow: number, n: number): void;
}
