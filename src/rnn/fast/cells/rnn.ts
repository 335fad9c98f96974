/** Vanilla RNN: h_t = f(x_t·W + h_{t−1}·U + b), with f one of the core's four activations. */
import type { Activation } from '../../spec.ts';
import { activate, activationGrad, matmul, matmulAT, matmulBT, view } from '../kernels.ts';
import type { FusedCell } from './types.ts';

export function rnnCell(act: Activation): FusedCell {
  return {
    gates: 1,
    extras: 0,
    forward(d, row, prevRow) {
      const { H, B, out, ld, col, acts } = d;
      if (prevRow >= 0) matmul(B, H, H, view(out, prevRow * ld + col, ld), view(d.w.U, 0, H), view(acts, row * H, H));
      for (let b = 0; b < B; b++) {
        const a = (row + b) * H, o = (row + b) * ld + col;
        for (let j = 0; j < H; j++) out[o + j] = activate(act, acts[a + j]!);
      }
    },
    backward(d, row, _prevRow, dH, _dC, dHPrev, wantPrev) {
      const { H, B, out, ld, col, dA } = d;
      for (let b = 0; b < B; b++) {
        const a = (row + b) * H, o = (row + b) * ld + col;
        for (let j = 0; j < H; j++) dA[a + j] = dH[b * H + j]! * activationGrad(act, out[o + j]!);
      }
      if (wantPrev) {
        dHPrev.fill(0);
        matmulBT(B, H, H, view(dA, row * H, H), view(d.w.U, 0, H), view(dHPrev, 0, H));
      }
    },
    recurrentGrads(d, dRow, hRow, n) {
      const { H, out, ld, col } = d;
      matmulAT(n, H, H, view(out, hRow * ld + col, ld), view(d.dA, dRow * H, H), view(d.g.U, 0, H));
    },
  };
}
