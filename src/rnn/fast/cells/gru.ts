/**
 * GRU in the core's (Keras) convention: gates [z | r | h̃], the reset gate applied before
 * the recurrent product (h̃ = tanh(x·W_h + (r⊙h_{t−1})·U_h + b_h)) and
 * h_t = z⊙h_{t−1} + (1 − z)⊙h̃.
 */
import { matmul, matmulAT, matmulBT, sigmoid, view } from '../kernels.ts';
import type { FusedCell } from './types.ts';

export function gruCell(): FusedCell {
  return {
    gates: 3,
    extras: 1,
    forward(d, row, prevRow) {
      const { H, B, out, ld, col, acts } = d;
      const G = 3 * H;
      const rh = d.extra[0]!;
      const U = d.w.U;
      if (prevRow >= 0) matmul(B, H, 2 * H, view(out, prevRow * ld + col, ld), view(U, 0, G), view(acts, row * G, G));
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, s = (row + b) * H, p = (prevRow + b) * ld + col;
        for (let j = 0; j < H; j++) {
          const z = sigmoid(acts[a + j]!), r = sigmoid(acts[a + H + j]!);
          acts[a + j] = z; acts[a + H + j] = r;
          rh[s + j] = prevRow >= 0 ? r * out[p + j]! : 0;
        }
      }
      if (prevRow >= 0) matmul(B, H, H, view(rh, row * H, H), view(U, 2 * H, G), view(acts, row * G + 2 * H, G));
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, p = (prevRow + b) * ld + col, o = (row + b) * ld + col;
        for (let j = 0; j < H; j++) {
          const ht = Math.tanh(acts[a + 2 * H + j]!), z = acts[a + j]!;
          acts[a + 2 * H + j] = ht;
          out[o + j] = (prevRow >= 0 ? z * out[p + j]! : 0) + (1 - z) * ht;
        }
      }
    },
    backward(d, row, prevRow, dH, _dC, dHPrev, wantPrev) {
      const { H, B, out, ld, col, acts, dA, tmp } = d;
      const G = 3 * H;
      const U = d.w.U;
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, p = (prevRow + b) * ld + col;
        for (let j = 0; j < H; j++) {
          const dh = dH[b * H + j]!, z = acts[a + j]!, ht = acts[a + 2 * H + j]!;
          const hp = prevRow >= 0 ? out[p + j]! : 0;
          dA[a + j] = dh * (hp - ht) * z * (1 - z);
          dA[a + 2 * H + j] = dh * (1 - z) * (1 - ht * ht);
        }
      }
      // ∂J/∂(r⊙h_{t−1}), needed for the reset gate even when h_{t−1} itself is a constant.
      tmp.fill(0);
      if (prevRow >= 0) matmulBT(B, H, H, view(dA, row * G + 2 * H, G), view(U, 2 * H, G), view(tmp, 0, H));
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, p = (prevRow + b) * ld + col;
        for (let j = 0; j < H; j++) {
          const r = acts[a + H + j]!, hp = prevRow >= 0 ? out[p + j]! : 0;
          dA[a + H + j] = tmp[b * H + j]! * hp * r * (1 - r);
          if (wantPrev) dHPrev[b * H + j] = dH[b * H + j]! * acts[a + j]! + tmp[b * H + j]! * r;
        }
      }
      if (wantPrev) matmulBT(B, 2 * H, H, view(dA, row * G, G), view(U, 0, G), view(dHPrev, 0, H));
    },
    recurrentGrads(d, dRow, hRow, n) {
      const { H, out, ld, col } = d;
      const G = 3 * H;
      matmulAT(n, H, 2 * H, view(out, hRow * ld + col, ld), view(d.dA, dRow * G, G), view(d.g.U, 0, G));
      matmulAT(n, H, H, view(d.extra[0]!, dRow * H, H), view(d.dA, dRow * G + 2 * H, G), view(d.g.U, 2 * H, G));
    },
  };
}
