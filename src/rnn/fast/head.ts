/**
 * The output head on the fused path: y = h·V + c for every output row of the batch at
 * once, the loss (softmax cross-entropy or mean squared error, averaged over output steps
 * and sequences, as the reference does), and its gradient back to the top layer's outputs.
 */
import type { Batch } from '../batch.ts';
import type { HeadSpec } from '../spec.ts';
import type { Vec } from './kernels.ts';
import { colSumAdd, fillRows, matmul, matmulAT, matmulBT, view } from './kernels.ts';

export interface HeadBuffers {
  /** Top layer output [T·B, width], time-major; a bidirectional layer has [h_fw | h_bw]. */
  top: Vec;
  width: number;
  /** Hidden size of the top layer's bw half (0 when unidirectional). */
  bwH: number;
  V: Vec;
  c: Vec;
  gV: Vec;
  gc: Vec;
  /** Out: ∂J/∂top [T·B, width], overwritten. */
  dTop: Vec;
  /** Scratch: outputs then their gradient, [rows, O]; head input for a many-to-one head, [B, width] twice. */
  y: Vec;
  lastIn: Vec;
  dLastIn: Vec;
}

/** Loss of the batch; accumulates gV, gc and writes dTop. */
export function headLossAndGrad(head: HeadSpec, batch: Batch, h: HeadBuffers): number {
  const B = batch.batchSize, T = batch.steps, W = h.width;
  const O = head.kind === 'softmax' ? head.classes : head.size;
  const every = head.at === 'every';
  const rows = every ? T * B : B;
  let input = view(h.top, 0, W);
  if (!every) {
    // Many-to-one: fw half at the last step; a bw half has finished its pass at t = 0.
    for (let b = 0; b < B; b++) {
      const src = ((T - 1) * B + b) * W;
      h.lastIn.set(h.top.subarray(src, src + W - h.bwH), b * W);
      if (h.bwH) h.lastIn.set(h.top.subarray(b * W + W - h.bwH, (b + 1) * W), b * W + W - h.bwH);
    }
    input = view(h.lastIn, 0, W);
  }
  const y = view(h.y, 0, O);
  fillRows(rows, h.c, y);
  matmul(rows, W, O, input, view(h.V, 0, O), y);
  const weight = 1 / rows;
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    // Row r is step t of sequence b; targets are stored sequence-major.
    const t = every ? Math.floor(r / B) : 0, b = every ? r % B : r;
    const n = every ? b * T + t : b;
    const o = r * O;
    if (head.kind === 'softmax') {
      let m = -Infinity;
      for (let k = 0; k < O; k++) if (h.y[o + k]! > m) m = h.y[o + k]!;
      const target = batch.targetIndices![n]!;
      const yt = h.y[o + target]!;
      let sum = 0;
      for (let k = 0; k < O; k++) {
        const e = Math.exp(h.y[o + k]! - m);
        h.y[o + k] = e;
        sum += e;
      }
      loss += (Math.log(sum) + m - yt) * weight;
      const s = weight / sum;
      for (let k = 0; k < O; k++) h.y[o + k] = h.y[o + k]! * s;
      h.y[o + target]! -= weight;
    } else {
      const tv = batch.targetValues!;
      let s = 0;
      for (let k = 0; k < O; k++) {
        const e = h.y[o + k]! - tv[n * O + k]!;
        s += e * e;
        h.y[o + k] = (2 * e * weight) / O;
      }
      loss += (s / O) * weight;
    }
  }
  matmulAT(rows, W, O, input, y, view(h.gV, 0, O));
  colSumAdd(rows, O, y, h.gc);
  h.dTop.fill(0, 0, T * B * W);
  if (every) {
    matmulBT(rows, O, W, y, view(h.V, 0, O), view(h.dTop, 0, W));
    return loss;
  }
  h.dLastIn.fill(0, 0, B * W);
  matmulBT(rows, O, W, y, view(h.V, 0, O), view(h.dLastIn, 0, W));
  for (let b = 0; b < B; b++) {
    h.dTop.set(h.dLastIn.subarray(b * W, b * W + W - h.bwH), ((T - 1) * B + b) * W);
    if (h.bwH) h.dTop.set(h.dLastIn.subarray(b * W + W - h.bwH, (b + 1) * W), b * W + W - h.bwH);
  }
  return loss;
}
