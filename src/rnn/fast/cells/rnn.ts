/** Vanilla RNN: h_t = f(x_t·W + h_{t−1}·U + b), with f one of the core's four activations. */
import type { Activation } from '../../spec.ts';
import { activateRows, activationGradRows, matmul, matmulAT, matmulBT, view } from '../kernels.ts';
import type { FusedCell } from './types.ts';

export function rnnCell(act: Activation): FusedCell {
  return {
    gates: 1,
    extras: 0,
    forward(d, row, prevRow) {
      const { H, B, out, ld, col, acts } = d;
      if (prevRow >= 0) matmul(B, H, H, view(out, prevRow * ld + col, ld), view(d.w.U, 0, H), view(acts, row * H, H));
      activateRows(act, B, H, view(acts, row * H, H), view(out, row * ld + col, ld));
    },
    backward(d, row, _prevRow, dH, _dC, dHPrev, wantPrev) {
      const { H, B, out, ld, col, dA } = d;
      activationGradRows(act, B, H, view(dH, 0, H), view(out, row * ld + col, ld), view(dA, row * H, H));
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
