/**
 * The model of demos/sentiment, the Keras IMDB example rebuilt with tf.layers:
 * Embedding(mask_zero) → SimpleRNN, LSTM or GRU → Dense(1, sigmoid) (the embedding is
 * embedding.ts's, so that it trains on every backend). Its weights share the
 * RNN core's layout (embed.E, layer0.fw.W/U/b, head.V/c), so the core's float64 reference
 * computes the same function: that is what the picture shows, in both windows alike.
 */
import type * as TfModule from '@tensorflow/tfjs';
import { initParams, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import { maskedEmbedding } from './embedding.ts';

type Tf = typeof TfModule;

import type { CellName } from './cells.ts';

export { CELL_LABELS, CELLS, type CellName } from './cells.ts';
export const EMBED_DIM = 8;
export const UNITS = 8;

/** The core's description of the same network; the head is linear, the sigmoid is applied after it. */
export function coreSpec(cell: CellName, vocab: number): ModelSpec {
  return {
    input: { kind: 'embedding', vocab, dim: EMBED_DIM },
    layers: [{ cell: { kind: cell, hiddenSize: UNITS } }],
    head: { kind: 'linear', size: 1, at: 'last' },
  };
}

/** The seeded initial weights (the core's initialisers: the same numbers on every backend). */
export const seededParams = (cell: CellName, vocab: number, seed: number): ParamSet => initParams(coreSpec(cell, vocab), { seed });

/**
 * Embedding → recurrent layer → Dense(1, sigmoid). Gates use the logistic sigmoid (Keras'
 * and the deck's equations), not tf.layers' default hard sigmoid. Returns the model with
 * the given weights.
 */
export function buildModel(tf: Tf, cell: CellName, vocab: number, params: ParamSet): TfModule.Sequential {
  const model = tf.sequential();
  model.add(maskedEmbedding(tf, vocab, EMBED_DIM));
  if (cell === 'rnn') model.add(tf.layers.simpleRNN({ units: UNITS }));
  else if (cell === 'lstm') model.add(tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid' }));
  else model.add(tf.layers.gru({ units: UNITS, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  setModelWeights(tf, model, params);
  return model;
}

/** Weights in the model's order: embeddings, kernel, recurrent kernel, bias, dense kernel, dense bias. */
const ORDER = ['embed.E', 'layer0.fw.W', 'layer0.fw.U', 'layer0.fw.b', 'head.V', 'head.c'] as const;

export function setModelWeights(tf: Tf, model: TfModule.LayersModel, params: ParamSet): void {
  const tensors = ORDER.map((name) => tf.tensor(Float32Array.from(params[name]!.data), params[name]!.shape as number[], 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** The model's weights as a ParamSet (float32 values, widened). */
export function readModelWeights(model: TfModule.LayersModel, like: ParamSet): ParamSet {
  const out: ParamSet = {};
  model.getWeights().forEach((w, i) => {
    const name = ORDER[i]!;
    out[name] = { shape: [...like[name]!.shape], data: Float64Array.from(w.dataSync()) };
  });
  return out;
}

/** Weights travel as the float32 bytes in base64: exact, and about a quarter of their decimal JSON. */
export function encodeWeights(params: ParamSet): string {
  const flat = new Float32Array(ORDER.reduce((n, k) => n + params[k]!.data.length, 0));
  let o = 0;
  for (const k of ORDER) {
    flat.set(params[k]!.data, o);
    o += params[k]!.data.length;
  }
  const bytes = new Uint8Array(flat.buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The weights a state carries, on the layout of `like`; null when they do not fit it. */
export function decodeWeights(encoded: string, like: ParamSet): ParamSet | null {
  let bin: string;
  try {
    bin = atob(encoded);
  } catch {
    return null;
  }
  const total = ORDER.reduce((n, k) => n + like[k]!.data.length, 0);
  if (bin.length !== total * 4) return null;
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const flat = new Float32Array(bytes.buffer);
  if (!flat.every(Number.isFinite)) return null;
  const out: ParamSet = {};
  let o = 0;
  for (const k of ORDER) {
    const n = like[k]!.data.length;
    out[k] = { shape: [...like[k]!.shape], data: Float64Array.from(flat.subarray(o, o + n)) };
    o += n;
  }
  return out;
}

/** Length in characters of the encoded weights of a model. */
export function encodedLength(cell: CellName, vocab: number): number {
  const ps = seededParams(cell, vocab, 0);
  const bytes = 4 * ORDER.reduce((n, k) => n + ps[k]!.data.length, 0);
  return 4 * Math.ceil(bytes / 3);
}
