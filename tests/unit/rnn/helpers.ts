import * as tf from '@tensorflow/tfjs';
import type { Batch, ModelSpec, ParamSet } from '../../../src/rnn/index.ts';
import { refLoss } from '../../../src/rnn/index.ts';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** ‖a − b‖ / max(‖a‖, ‖b‖, floor): a norm-wise relative error that is stable for entries near zero. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-10): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return Math.sqrt(d) / Math.max(Math.sqrt(na), Math.sqrt(nb), floor);
}

/** Central finite-difference gradient of the reference loss, every parameter entry. */
export function finiteDifferences(spec: ModelSpec, ps: ParamSet, batch: Batch, h = 1e-5): ParamSet {
  const out: ParamSet = {};
  for (const [k, v] of Object.entries(ps)) {
    const g = new Float64Array(v.data.length);
    for (let i = 0; i < v.data.length; i++) {
      const x = v.data[i]!;
      v.data[i] = x + h;
      const up = refLoss(spec, ps, batch);
      v.data[i] = x - h;
      const down = refLoss(spec, ps, batch);
      v.data[i] = x;
      g[i] = (up - down) / (2 * h);
    }
    out[k] = { shape: [...v.shape], data: g };
  }
  return out;
}

/** Largest per-parameter relative error between two gradient sets, with the offending name. */
export function worstError(a: ParamSet, b: ParamSet): { name: string; error: number } {
  let worst = { name: '', error: 0 };
  for (const [k, v] of Object.entries(a)) {
    const e = relError(v.data, b[k]!.data);
    if (e >= worst.error) worst = { name: k, error: e };
  }
  return worst;
}
