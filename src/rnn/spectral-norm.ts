/**
 * Exact spectral norms of small dense matrices (row-major Float64Arrays), for the gradient
 * plots: a Householder reduction and Sturm bisection cost O(n³) once, with no eigenvalue
 * gap needed, where repeated squaring would cost O(n³) per squaring.
 */

/**
 * Largest eigenvalue of a symmetric [n, n] matrix: Householder reduction to tridiagonal
 * form, then Sturm-sequence bisection. Exact to rounding with O(n³) work, and no eigenvalue
 * gap is needed, so the (nearly) equal singular values of an orthogonal W_rec cost nothing extra.
 */
export function largestSymmetricEigenvalue(sym: Float64Array, n: number): number {
  const a = Float64Array.from(sym);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += a[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0 = a[(k + 1) * n + k]!;
    const alpha = x0 > 0 ? -norm : norm;
    // Reflector H = I − 2vvᵀ mapping column k below the diagonal onto alpha·e_{k+1}.
    let vn = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k]! - (i === k + 1 ? alpha : 0);
      vn += v[i]! ** 2;
    }
    vn = Math.sqrt(vn);
    if (vn === 0) continue;
    for (let i = k + 1; i < n; i++) v[i] = v[i]! / vn;
    // Trailing block A ← HAH = A − 2vqᵀ − 2qvᵀ with p = Av, q = p − (vᵀp)v.
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j]! * v[j]!;
      p[i] = s;
      vp += v[i]! * s;
    }
    for (let i = k + 1; i < n; i++) p[i] = p[i]! - vp * v[i]!;
    for (let i = k + 1; i < n; i++) {
      for (let j = k + 1; j < n; j++) a[i * n + j] = a[i * n + j]! - 2 * (v[i]! * p[j]! + p[i]! * v[j]!);
    }
    a[(k + 1) * n + k] = alpha;
    a[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      a[i * n + k] = 0;
      a[k * n + i] = 0;
    }
  }
  const d = new Float64Array(n);
  const e2 = new Float64Array(n);
  let lo = -Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    d[i] = a[i * n + i]!;
    const off = i + 1 < n ? Math.abs(a[i * n + i + 1]!) : 0;
    const prev = i > 0 ? Math.abs(a[(i - 1) * n + i]!) : 0;
    e2[i] = off * off;
    lo = Math.max(lo, d[i]!);
    hi = Math.max(hi, d[i]! + off + prev);
  }
  /** How many eigenvalues lie below x (Sturm sequence of the tridiagonal matrix). */
  const below = (x: number) => {
    let count = 0;
    let q = 1;
    for (let i = 0; i < n; i++) {
      q = d[i]! - x - (i > 0 ? e2[i - 1]! / q : 0);
      if (q === 0) q = -1e-300;
      if (q < 0) count++;
    }
    return count;
  };
  // The largest eigenvalue lies in [max diagonal, Gershgorin bound]; halve until the ends meet.
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(hi), Math.abs(lo)); it++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (below(mid) === n) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** ‖A‖₂ = σ_max(A) of A [rows, cols], as √ of the largest eigenvalue of AᵀA. */
export function spectralNorm(a: Float64Array, rows: number, cols: number): number {
  const ata = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += a[r * cols + i]! * a[r * cols + j]!;
      ata[i * cols + j] = s;
      ata[j * cols + i] = s;
    }
  }
  return Math.sqrt(Math.max(0, largestSymmetricEigenvalue(ata, cols)));
}
