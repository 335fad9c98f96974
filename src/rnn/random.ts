/**
 * Seeded pseudo-random numbers. Everything random in the RNN core draws from here so
 * that one seed gives the same numbers in Node and in every browser backend: tfjs's own
 * seeded ops are backend-specific, plain float64 arithmetic is not.
 */

/** Uniform generator in [0, 1) built on mulberry32 (32-bit state, period 2^32). */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed: expected a finite number, got ${String(seed)}`);
    // Fold the seed into 32 bits so fractional or huge seeds still give a defined state.
    this.state = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
  }

  /** One uniform sample in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal sample (Box-Muller); the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const u = 1 - this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.uniform() * n));
  }

  /** Uniform sample in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Index drawn with probability proportional to weights[i] (weights need not sum to 1). */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Creates a generator; a convenience for call sites that only hold a seed. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/**
 * Samples an index from logits at a temperature: low temperature sharpens towards the
 * arg-max, high temperature flattens towards uniform. Temperature 0 returns the arg-max.
 * @param logits unnormalised log-probabilities, shape [V]
 */
export function sampleWithTemperature(rng: Rng, logits: ArrayLike<number>, temperature: number): number {
  if (!Number.isFinite(temperature) || temperature < 0) {
    throw new RangeError(`temperature: expected a finite number >= 0, got ${String(temperature)}`);
  }
  if (logits.length === 0) throw new RangeError('logits: expected at least one entry, got none');
  let best = 0;
  for (let i = 1; i < logits.length; i++) if ((logits[i] ?? -Infinity) > (logits[best] ?? -Infinity)) best = i;
  if (temperature === 0) return best;
  const max = logits[best] ?? 0;
  const w = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) w[i] = Math.exp(((logits[i] ?? -Infinity) - max) / temperature);
  return rng.categorical(w);
}
