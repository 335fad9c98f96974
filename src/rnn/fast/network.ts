/**
 * A whole model on the fused path: input (dense, one-hot or embedding), stacked and
 * bidirectional layers of any cell, run layer by layer over the whole batch, and BPTT over
 * a window of steps (the whole sequence, or one segment of truncated BPTT). Buffers are
 * sized for the largest T·B seen and reused.
 */
import type { Batch } from '../batch.ts';
import type { ModelSpec } from '../spec.ts';
import { cellPrefix, inputWidth, layerInputWidth, layerOutputWidth } from '../spec.ts';
import type { CellWeightArrays, DirectionBuffers, FusedCell } from './cells/index.ts';
import { fusedCell } from './cells/index.ts';
import type { Vec } from './kernels.ts';
import { fillRows, gatherRowsAdd, matmul, matmulAT, matmulBT, scatterRowsAdd, view } from './kernels.ts';

export type Alloc = (n: number) => Vec;

interface Layer {
  cell: FusedCell;
  H: number;
  inW: number;
  outW: number;
  dirs: DirectionBuffers[];
  /** ∂J/∂out [T·B, outW] within the current window. */
  dOut: Vec;
  /** Per direction: step carries [B, H]. */
  carry: { dH: Vec; dC: Vec; dPrev: Vec }[];
}

export class FusedNetwork {
  private layers: Layer[] = [];
  private capacity = 0;
  private B = 0;
  private T = 0;
  /** Layer-0 input: dense values or embeddings [T·B, I], or one-hot indices [T·B], time-major. */
  private x: Vec;
  private idx = new Int32Array(0);
  /** ∂J/∂embedding rows [T·B, D]. */
  private dx: Vec;

  constructor(readonly spec: ModelSpec, private readonly w: Record<string, Vec>, private readonly g: Record<string, Vec>, private readonly alloc: Alloc) {
    this.x = alloc(0);
    this.dx = alloc(0);
  }

  private cellArrays(src: Record<string, Vec>, prefix: string): CellWeightArrays {
    const a: CellWeightArrays = { W: src[`${prefix}.W`]!, U: src[`${prefix}.U`]!, b: src[`${prefix}.b`]! };
    if (src[`${prefix}.pi`]) Object.assign(a, { pi: src[`${prefix}.pi`], pf: src[`${prefix}.pf`], po: src[`${prefix}.po`] });
    return a;
  }

  /** Sizes buffers for B sequences of T steps (reallocating only when T·B or B changes). */
  private ensure(B: number, T: number): void {
    const N = B * T;
    this.T = T;
    if (N === this.capacity && B === this.B) return;
    this.B = B;
    this.capacity = N;
    const a = this.alloc;
    const I = inputWidth(this.spec.input);
    this.x = a(this.spec.input.kind === 'onehot' ? 0 : N * I);
    this.idx = new Int32Array(N);
    this.dx = a(this.spec.input.kind === 'embedding' ? N * I : 0);
    this.layers = this.spec.layers.map((ls, l) => {
      const cell = fusedCell(ls.cell);
      const H = ls.cell.hiddenSize, G = cell.gates * H, outW = layerOutputWidth(ls);
      const out = a(N * outW);
      const dirs = (ls.bidirectional ? (['fw', 'bw'] as const) : (['fw'] as const)).map((dir, k): DirectionBuffers => ({
        H, B, out, ld: outW, col: k * H,
        acts: a(N * G), dA: a(N * G),
        extra: Array.from({ length: cell.extras }, () => a(N * H)),
        tmp: a(B * H),
        w: this.cellArrays(this.w, cellPrefix(l, dir)),
        g: this.cellArrays(this.g, cellPrefix(l, dir)),
      }));
      const carry = dirs.map(() => ({ dH: a(B * H), dC: a(B * H), dPrev: a(B * H) }));
      return { cell, H, inW: layerInputWidth(this.spec, l), outW, dirs, dOut: a(N * outW), carry };
    });
  }

  /** Top layer output [T·B, width] after forward(). */
  get top(): { out: Vec; width: number; bwH: number } {
    const l = this.layers[this.layers.length - 1]!;
    return { out: l.dirs[0]!.out, width: l.outW, bwH: l.dirs.length > 1 ? l.H : 0 };
  }

  get topDOut(): Vec {
    return this.layers[this.layers.length - 1]!.dOut;
  }

  forward(batch: Batch): void {
    const B = batch.batchSize, T = batch.steps, N = B * T;
    this.ensure(B, T);
    const inp = this.spec.input;
    // Sequence-major (b·T + t) to time-major (t·B + b).
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const r = t * B + b, n = b * T + t;
        if (inp.kind === 'dense') this.x.set(batch.inputValues!.subarray(n * inp.size, (n + 1) * inp.size), r * inp.size);
        else this.idx[r] = batch.inputIndices![n]!;
      }
    }
    if (inp.kind === 'embedding') {
      this.x.fill(0);
      gatherRowsAdd(this.idx, N, inp.dim, view(this.w['embed.E']!, 0, inp.dim), view(this.x, 0, inp.dim));
    }
    this.layers.forEach((layer, l) => {
      const G = layer.cell.gates * layer.H;
      const below = l > 0 ? this.layers[l - 1]! : undefined;
      layer.dirs.forEach((d, k) => {
        fillRows(N, d.w.b, view(d.acts, 0, G));
        if (below) matmul(N, layer.inW, G, view(below.dirs[0]!.out, 0, layer.inW), view(d.w.W, 0, G), view(d.acts, 0, G));
        else if (inp.kind === 'onehot') gatherRowsAdd(this.idx, N, G, view(d.w.W, 0, G), view(d.acts, 0, G));
        else matmul(N, layer.inW, G, view(this.x, 0, layer.inW), view(d.w.W, 0, G), view(d.acts, 0, G));
        for (let n = 0; n < T; n++) {
          const t = k === 0 ? n : T - 1 - n;
          const prev = k === 0 ? t - 1 : t + 1;
          layer.cell.forward(d, t * B, prev >= 0 && prev < T ? prev * B : -1);
        }
      });
    });
  }

  /**
   * BPTT over steps [from, to], with the top layer's output gradient dTop kept only for
   * steps in [lossFrom, to]; states before `from` count as constants. Accumulates into the
   * gradient arrays.
   */
  backward(dTop: Vec, from: number, to: number, lossFrom: number): void {
    const B = this.B, T = this.T;
    const top = this.layers[this.layers.length - 1]!;
    top.dOut.fill(0);
    top.dOut.set(dTop.subarray(lossFrom * B * top.outW, (to + 1) * B * top.outW), lossFrom * B * top.outW);
    const lo = from * B, n = (to - from + 1) * B;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l]!;
      const H = layer.H, G = layer.cell.gates * H, inW = layer.inW;
      const below = l > 0 ? this.layers[l - 1]! : undefined;
      const inp = this.spec.input;
      const dIn = below ? below.dOut : inp.kind === 'embedding' ? this.dx : undefined;
      if (dIn) dIn.fill(0);
      layer.dirs.forEach((d, k) => {
        const { dH, dC, dPrev } = layer.carry[k]!;
        dPrev.fill(0);
        dC.fill(0);
        for (let s = 0; s <= to - from; s++) {
          const t = k === 0 ? to - s : from + s;
          const prev = k === 0 ? t - 1 : t + 1;
          const row = t * B;
          for (let b = 0; b < B; b++) {
            const o = (row + b) * layer.outW + d.col;
            for (let j = 0; j < H; j++) dH[b * H + j] = dPrev[b * H + j]! + layer.dOut[o + j]!;
          }
          const wantPrev = k === 0 ? t > from : t < to;
          layer.cell.backward(d, row, prev >= 0 && prev < T ? prev * B : -1, dH, dC, dPrev, wantPrev);
        }
        const dA = view(d.dA, lo * G, G);
        for (let r = 0; r < n; r++) for (let j = 0; j < G; j++) d.g.b[j]! += d.dA[(lo + r) * G + j]!;
        if (below) matmulAT(n, inW, G, view(below.dirs[0]!.out, lo * inW, inW), dA, view(d.g.W, 0, G));
        else if (inp.kind === 'onehot') scatterRowsAdd(this.idx.subarray(lo), n, G, dA, view(d.g.W, 0, G));
        else matmulAT(n, inW, G, view(this.x, lo * inW, inW), dA, view(d.g.W, 0, G));
        if (k === 0) {
          const t0 = Math.max(from, 1);
          if (t0 <= to) layer.cell.recurrentGrads(d, t0 * B, (t0 - 1) * B, (to - t0 + 1) * B);
        } else {
          const t1 = Math.min(to, T - 2);
          if (from <= t1) layer.cell.recurrentGrads(d, from * B, (from + 1) * B, (t1 - from + 1) * B);
        }
        if (dIn) matmulBT(n, G, inW, dA, view(d.w.W, 0, G), view(dIn, lo * inW, inW));
      });
    }
    if (this.spec.input.kind === 'embedding') {
      const D = this.spec.input.dim;
      scatterRowsAdd(this.idx.subarray(lo), n, D, view(this.dx, lo * D, D), view(this.g['embed.E']!, 0, D));
    }
  }
}
