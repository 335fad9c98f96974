/**
 * Small dense float64 linear algebra for the quantities the lecture's vanishing/exploding
 * gradient bound talks about. Matrices are row-major Float64Arrays of size n×m.
 */

/** C = A·B with A [n, k], B [k, m] → [n, m]. */
export function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j]! += aip * b[p * m + j]!;
    }
  }
  return c;
}

/** Aᵀ for A [n, m] → [m, n]. */
export function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const t = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j]!;
  return t;
}

function fro(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x * x;
  return Math.sqrt(s);
}

/**
 * Spectral radius max|λ| of a square matrix [n, n] by Gelfand's formula ρ = lim ‖Aᵐ‖^(1/m),
 * with m = 2^squarings reached by repeated squaring and renormalisation. Unlike power
 * iteration it needs no eigenvalue gap and handles complex dominant pairs, which a
 * non-symmetric W_rec usually has.
 */
export function spectralRadius(a: Float64Array, n: number, squarings = 48): number {
  let m: Float64Array = Float64Array.from(a);
  let logRho = 0;
  let weight = 1;
  for (let i = 0; i <= squarings; i++) {
    const c = fro(m);
    if (c === 0 || !Number.isFinite(c)) return c === 0 ? 0 : Infinity;
    logRho += weight * Math.log(c);
    if (i === squarings) break;
    for (let j = 0; j < m.length; j++) m[j] = m[j]! / c;
    m = matmul(m, m, n, n, n);
    weight /= 2;
  }
  return Math.exp(logRho);
}

/** Largest singular value σ_max of A [n, m]: √ρ(AᵀA), exact in the limit like spectralRadius. */
export function largestSingularValue(a: Float64Array, n: number, m: number): number {
  const ata = matmul(transpose(a, n, m), a, m, n, m);
  return Math.sqrt(spectralRadius(ata, m));
}

/**
 * σ_max by power iteration on AᵀA from a fixed start vector: cheaper than
 * largestSingularValue for the many Jacobian products a heatmap needs, and deterministic.
 */
export function spectralNormPower(a: Float64Array, n: number, m: number, iterations = 60): number {
  let v = new Float64Array(m);
  for (let j = 0; j < m; j++) v[j] = 1 + 0.01 * j;
  let sigma = 0;
  const av = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    const nv = fro(v);
    if (nv === 0) return 0;
    for (let j = 0; j < m; j++) v[j] = v[j]! / nv;
    av.fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += a[i * m + j]! * v[j]!;
      av[i] = s;
    }
    sigma = fro(av);
    const w = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const ai = av[i]!;
      for (let j = 0; j < m; j++) w[j]! += a[i * m + j]! * ai;
    }
    v = w;
  }
  return sigma;
}

/** Q factor of the QR decomposition of A [n, n] by modified Gram-Schmidt, with sign fix so R has a positive diagonal. */
export function orthonormalise(a: Float64Array, n: number): Float64Array {
  const q = Float64Array.from(a);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * n + p]! * q[i * n + j]!;
      for (let i = 0; i < n; i++) q[i * n + j]! -= d * q[i * n + p]!;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[i * n + j]! ** 2;
    const norm = Math.sqrt(s) || 1;
    for (let i = 0; i < n; i++) q[i * n + j] = q[i * n + j]! / norm;
  }
  return q;
}
