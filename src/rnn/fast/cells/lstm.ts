/**
 * LSTM with gates [i | f | c̃ | o], optional peepholes (i and f read c_{t−1}, o reads c_t)
 * and the forget bias folded into b at initialisation.
 */
import { matmul, matmulAT, matmulBT, sigmoid, view } from '../kernels.ts';
import type { FusedCell } from './types.ts';

export function lstmCell(peephole: boolean): FusedCell {
  return {
    gates: 4,
    extras: 2,
    forward(d, row, prevRow) {
      const { H, B, out, ld, col, acts } = d;
      const G = 4 * H;
      const [cs, tcs] = d.extra as [typeof acts, typeof acts];
      const { pi, pf, po } = d.w;
      if (prevRow >= 0) matmul(B, H, G, view(out, prevRow * ld + col, ld), view(d.w.U, 0, G), view(acts, row * G, G));
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, s = (row + b) * H, p = (prevRow + b) * H, o = (row + b) * ld + col;
        for (let j = 0; j < H; j++) {
          const cp = prevRow >= 0 ? cs[p + j]! : 0;
          const i = sigmoid(acts[a + j]! + (peephole ? pi![j]! * cp : 0));
          const f = sigmoid(acts[a + H + j]! + (peephole ? pf![j]! * cp : 0));
          const g = Math.tanh(acts[a + 2 * H + j]!);
          const c = f * cp + i * g;
          const og = sigmoid(acts[a + 3 * H + j]! + (peephole ? po![j]! * c : 0));
          const tc = Math.tanh(c);
          acts[a + j] = i; acts[a + H + j] = f; acts[a + 2 * H + j] = g; acts[a + 3 * H + j] = og;
          cs[s + j] = c; tcs[s + j] = tc; out[o + j] = og * tc;
        }
      }
    },
    backward(d, row, prevRow, dH, dC, dHPrev, wantPrev) {
      const { H, B, acts, dA } = d;
      const G = 4 * H;
      const [cs, tcs] = d.extra as [typeof acts, typeof acts];
      const { pi, pf, po } = d.w;
      const { pi: gpi, pf: gpf, po: gpo } = d.g;
      for (let b = 0; b < B; b++) {
        const a = (row + b) * G, s = (row + b) * H, p = (prevRow + b) * H;
        for (let j = 0; j < H; j++) {
          const i = acts[a + j]!, f = acts[a + H + j]!, g = acts[a + 2 * H + j]!, og = acts[a + 3 * H + j]!;
          const tc = tcs[s + j]!, cp = prevRow >= 0 ? cs[p + j]! : 0;
          const dh = dH[b * H + j]!;
          const dO = dh * tc * og * (1 - og);
          let dc = dC[b * H + j]! + dh * og * (1 - tc * tc);
          if (peephole) {
            dc += dO * po![j]!;
            gpo![j]! += dO * cs[s + j]!;
          }
          const dI = dc * g * i * (1 - i);
          const dF = dc * cp * f * (1 - f);
          dA[a + j] = dI; dA[a + H + j] = dF; dA[a + 2 * H + j] = dc * i * (1 - g * g); dA[a + 3 * H + j] = dO;
          let dcPrev = dc * f;
          if (peephole) {
            dcPrev += dI * pi![j]! + dF * pf![j]!;
            gpi![j]! += dI * cp;
            gpf![j]! += dF * cp;
          }
          dC[b * H + j] = dcPrev;
        }
      }
      if (wantPrev) {
        dHPrev.fill(0);
        matmulBT(B, G, H, view(dA, row * G, G), view(d.w.U, 0, G), view(dHPrev, 0, H));
      }
    },
    recurrentGrads(d, dRow, hRow, n) {
      const { H, out, ld, col } = d;
      matmulAT(n, H, 4 * H, view(out, hRow * ld + col, ld), view(d.dA, dRow * 4 * H, 4 * H), view(d.g.U, 0, 4 * H));
    },
  };
}
