/**
 * Weights in the state: float32, little-endian, base64. A string costs the clone and the
 * state checks almost nothing, where tens of thousands of JSON numbers would cost each
 * message a parse of every one.
 */
import { initParams, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';

export function encodeWeights(ps: ParamSet): string {
  const total = Object.values(ps).reduce((n, p) => n + p.data.length, 0);
  const view = new DataView(new ArrayBuffer(total * 4));
  let k = 0;
  for (const p of Object.values(ps)) for (const w of p.data) view.setFloat32(4 * k++, w, true);
  const bytes = new Uint8Array(view.buffer);
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The seeded weights of `spec` overwritten by the encoded ones; throws a RangeError when the count does not fit the model. */
export function decodeWeights(spec: ModelSpec, seed: number, encoded: string | null): ParamSet {
  const ps = initParams(spec, { seed });
  if (encoded === null) return ps;
  const binary = atob(encoded);
  const total = Object.values(ps).reduce((n, p) => n + p.data.length, 0);
  if (binary.length !== total * 4) throw new RangeError(`weights: expected ${total} numbers for this model, got ${binary.length / 4}`);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  let k = 0;
  for (const p of Object.values(ps)) for (let i = 0; i < p.data.length; i++) p.data[i] = view.getFloat32(4 * k++, true);
  return ps;
}
