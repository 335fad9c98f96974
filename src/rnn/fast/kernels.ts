/**
 * The one kernel layer every fused cell uses: a register-blocked matrix product over the
 * whole batch (in three orientations), row gathers for one-hot inputs, column sums and the
 * gate nonlinearities. Matrices are row-major blocks of one typed array, addressed by an
 * offset and a row stride, so a cell can work on a column slice (one gate, one direction)
 * without copying.
 */
import type { Activation } from '../spec.ts';

export type Vec = Float32Array | Float64Array;

/** A row-major matrix view: element (r, c) is data[off + r·ld + c]. */
export interface View {
  data: Vec;
  off: number;
  ld: number;
}

export const view = (data: Vec, off = 0, ld = 0): View => ({ data, off, ld });

/** Rows of the summed dimension per pass: a slice of A and B that stays in cache for every block of C. */
const QB = 64;

/**
 * C[r, c] += Σ_q A(r, q)·B(q, c) for r < R, c < M, q < Q, where A(r, q) = a[aOff + r·aR + q·aQ]
 * and B(q, c) = b[bOff + q·bQ + c·bC]. 4×4 register blocks cut loads per multiply-add from
 * two to a half, which is what makes batched products fast in plain JavaScript.
 */
function gemm(R: number, M: number, Q: number, a: Vec, aOff: number, aR: number, aQ: number, b: Vec, bOff: number, bQ: number, bC: number, c: Vec, cOff: number, cR: number): void {
  // A weight gradient sums over every step of the batch (Q in the thousands): without
  // slicing, each 4×4 block of C would stream all of A and B from memory again.
  for (let q0 = 0; q0 < Q; q0 += QB) gemmSlice(R, M, Math.min(QB, Q - q0), a, aOff + q0 * aQ, aR, aQ, b, bOff + q0 * bQ, bQ, bC, c, cOff, cR);
}

function gemmSlice(R: number, M: number, Q: number, a: Vec, aOff: number, aR: number, aQ: number, b: Vec, bOff: number, bQ: number, bC: number, c: Vec, cOff: number, cR: number): void {
  const R4 = R - (R % 4), M4 = M - (M % 4);
  for (let r = 0; r < R4; r += 4) {
    const a0 = aOff + r * aR, a1 = a0 + aR, a2 = a1 + aR, a3 = a2 + aR;
    const c0 = cOff + r * cR, c1 = c0 + cR, c2 = c1 + cR, c3 = c2 + cR;
    for (let m = 0; m < M4; m += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let pb = bOff + m * bC;
      let qa = 0;
      for (let q = 0; q < Q; q++, pb += bQ, qa += aQ) {
        const x0 = a[a0 + qa]!, x1 = a[a1 + qa]!, x2 = a[a2 + qa]!, x3 = a[a3 + qa]!;
        const y0 = b[pb]!, y1 = b[pb + bC]!, y2 = b[pb + 2 * bC]!, y3 = b[pb + 3 * bC]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      c[c0 + m]! += s00; c[c0 + m + 1]! += s01; c[c0 + m + 2]! += s02; c[c0 + m + 3]! += s03;
      c[c1 + m]! += s10; c[c1 + m + 1]! += s11; c[c1 + m + 2]! += s12; c[c1 + m + 3]! += s13;
      c[c2 + m]! += s20; c[c2 + m + 1]! += s21; c[c2 + m + 2]! += s22; c[c2 + m + 3]! += s23;
      c[c3 + m]! += s30; c[c3 + m + 1]! += s31; c[c3 + m + 2]! += s32; c[c3 + m + 3]! += s33;
    }
    for (let m = M4; m < M; m++) gemmCell(4, m, Q, a, a0, aR, aQ, b, bOff, bQ, bC, c, c0, cR);
  }
  for (let r = R4; r < R; r++) gemmRow(M, Q, a, aOff + r * aR, aQ, b, bOff, bQ, bC, c, cOff + r * cR);
}

/** Column m of `rows` consecutive rows (the tail a 4-wide block leaves). */
function gemmCell(rows: number, m: number, Q: number, a: Vec, a0: number, aR: number, aQ: number, b: Vec, bOff: number, bQ: number, bC: number, c: Vec, c0: number, cR: number): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let q = 0; q < Q; q++) s += a[a0 + i * aR + q * aQ]! * b[bOff + q * bQ + m * bC]!;
    c[c0 + i * cR + m]! += s;
  }
}

/**
 * One row of C (for a batch of one, the whole product). Four rows (or columns) of B per
 * pass: each load of C, or of A's row, then serves four multiply-adds.
 */
function gemmRow(M: number, Q: number, a: Vec, aRow: number, aQ: number, b: Vec, bOff: number, bQ: number, bC: number, c: Vec, cRow: number): void {
  const Q4 = Q - (Q % 4);
  if (bC === 1) {
    for (let q = 0; q < Q4; q += 4) {
      const x0 = a[aRow + q * aQ]!, x1 = a[aRow + (q + 1) * aQ]!, x2 = a[aRow + (q + 2) * aQ]!, x3 = a[aRow + (q + 3) * aQ]!;
      // Zero inputs (ReLU, the first step's state) are common enough to skip.
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const p0 = bOff + q * bQ, p1 = p0 + bQ, p2 = p1 + bQ, p3 = p2 + bQ;
      for (let m = 0; m < M; m++) c[cRow + m]! += x0 * b[p0 + m]! + x1 * b[p1 + m]! + x2 * b[p2 + m]! + x3 * b[p3 + m]!;
    }
    for (let q = Q4; q < Q; q++) {
      const x = a[aRow + q * aQ]!;
      if (x === 0) continue;
      const pb = bOff + q * bQ;
      for (let m = 0; m < M; m++) c[cRow + m]! += x * b[pb + m]!;
    }
    return;
  }
  const M4 = M - (M % 4);
  for (let m = 0; m < M4; m += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let p0 = bOff + m * bC, pa = aRow;
    const d1 = bC, d2 = 2 * bC, d3 = 3 * bC;
    for (let q = 0; q < Q; q++, p0 += bQ, pa += aQ) {
      const x = a[pa]!;
      s0 += x * b[p0]!; s1 += x * b[p0 + d1]!; s2 += x * b[p0 + d2]!; s3 += x * b[p0 + d3]!;
    }
    c[cRow + m]! += s0; c[cRow + m + 1]! += s1; c[cRow + m + 2]! += s2; c[cRow + m + 3]! += s3;
  }
  for (let m = M4; m < M; m++) {
    let s = 0;
    const pb = bOff + m * bC;
    for (let q = 0; q < Q; q++) s += a[aRow + q * aQ]! * b[pb + q * bQ]!;
    c[cRow + m]! += s;
  }
}

/** C[n, m] += A[n, k]·B[k, m]. */
export function matmul(n: number, k: number, m: number, A: View, B: View, C: View): void {
  gemm(n, m, k, A.data, A.off, A.ld, 1, B.data, B.off, B.ld, 1, C.data, C.off, C.ld);
}

/** C[n, k] += A[n, m]·B[k, m]ᵀ (a gradient flowing back through a kernel). */
export function matmulBT(n: number, m: number, k: number, A: View, B: View, C: View): void {
  gemm(n, k, m, A.data, A.off, A.ld, 1, B.data, B.off, 1, B.ld, C.data, C.off, C.ld);
}

/** C[k, m] += A[n, k]ᵀ·B[n, m] (a kernel's gradient summed over the rows of a batch). */
export function matmulAT(n: number, k: number, m: number, A: View, B: View, C: View): void {
  gemm(k, m, n, A.data, A.off, 1, A.ld, B.data, B.off, B.ld, 1, C.data, C.off, C.ld);
}

/** C[r, :m] += W[idx[r], :m] (one-hot input times a kernel). */
export function gatherRowsAdd(idx: Int32Array, n: number, m: number, W: View, C: View): void {
  for (let r = 0; r < n; r++) {
    const w = W.off + idx[r]! * W.ld, c = C.off + r * C.ld;
    for (let j = 0; j < m; j++) C.data[c + j]! += W.data[w + j]!;
  }
}

/** G[idx[r], :m] += D[r, :m] (the kernel gradient of a one-hot input). */
export function scatterRowsAdd(idx: Int32Array, n: number, m: number, D: View, G: View): void {
  for (let r = 0; r < n; r++) {
    const g = G.off + idx[r]! * G.ld, d = D.off + r * D.ld;
    for (let j = 0; j < m; j++) G.data[g + j]! += D.data[d + j]!;
  }
}

/** C[r, :] = bias for every row r < n. */
export function fillRows(n: number, bias: Vec, C: View): void {
  for (let r = 0; r < n; r++) C.data.set(bias, C.off + r * C.ld);
}

/** g[j] += Σ_r D[r, j] (a bias gradient). */
export function colSumAdd(n: number, m: number, D: View, g: Vec): void {
  for (let r = 0; r < n; r++) {
    const d = D.off + r * D.ld;
    for (let j = 0; j < m; j++) g[j]! += D.data[d + j]!;
  }
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Y[r, :m] = f(A[r, :m]) for r < n: the activation chosen once per call, not per element. */
export function activateRows(kind: Activation, n: number, m: number, A: View, Y: View): void {
  const a = A.data, y = Y.data;
  for (let r = 0; r < n; r++) {
    const ia = A.off + r * A.ld, iy = Y.off + r * Y.ld;
    if (kind === 'tanh') for (let j = 0; j < m; j++) y[iy + j] = Math.tanh(a[ia + j]!);
    else if (kind === 'sigmoid') for (let j = 0; j < m; j++) y[iy + j] = 1 / (1 + Math.exp(-a[ia + j]!));
    else if (kind === 'relu') for (let j = 0; j < m; j++) y[iy + j] = Math.max(a[ia + j]!, 0);
    else for (let j = 0; j < m; j++) y[iy + j] = a[ia + j]!;
  }
}

/** D[r, :m] = G[r, :m]·f'(·) given the outputs Y = f(·), for r < n. */
export function activationGradRows(kind: Activation, n: number, m: number, G: View, Y: View, D: View): void {
  const g = G.data, y = Y.data, d = D.data;
  for (let r = 0; r < n; r++) {
    const ig = G.off + r * G.ld, iy = Y.off + r * Y.ld, id = D.off + r * D.ld;
    if (kind === 'tanh') for (let j = 0; j < m; j++) d[id + j] = g[ig + j]! * (1 - y[iy + j]! * y[iy + j]!);
    else if (kind === 'sigmoid') for (let j = 0; j < m; j++) d[id + j] = g[ig + j]! * y[iy + j]! * (1 - y[iy + j]!);
    else if (kind === 'relu') for (let j = 0; j < m; j++) d[id + j] = y[iy + j]! > 0 ? g[ig + j]! : 0;
    else for (let j = 0; j < m; j++) d[id + j] = g[ig + j]!;
  }
}
