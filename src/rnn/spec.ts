/**
 * Model descriptions shared by every implementation (float64 reference, tfjs, fast path),
 * their validation, and seeded parameter initialisation. Parameter names and layouts match
 * tf.layers: kernels [in, gates·H] with LSTM gates [i | f | c | o] and GRU gates [z | r | h].
 */
import { glorotUniform, normalInit, orthogonalInit, zerosInit } from './init.ts';
import type { ParamSet } from './params.ts';
import { Rng } from './random.ts';
import { MAX_HIDDEN_SIZE, checkFinite, checkInt, checkOneOf } from './validate.ts';

export type Activation = 'tanh' | 'sigmoid' | 'relu' | 'linear';
export type CellKind = 'rnn' | 'lstm' | 'gru';

export interface CellSpec {
  kind: CellKind;
  hiddenSize: number;
  /** Vanilla RNN only; default 'tanh'. */
  activation?: Activation;
  /** LSTM only: peephole weights p_i, p_f, p_o (Gers & Schmidhuber), each shape [H]. */
  peephole?: boolean;
  /** LSTM only: initial value of the forget-gate bias (1 is Keras's unitForgetBias); default 0. */
  forgetBias?: number;
}

export type InputSpec =
  | { kind: 'dense'; size: number }
  | { kind: 'onehot'; vocab: number }
  | { kind: 'embedding'; vocab: number; dim: number };

export interface LayerSpec {
  cell: CellSpec;
  bidirectional?: boolean;
}

/** 'every': an output at every step (many-to-many); 'last': only after the last step (many-to-one). */
export type HeadSpec =
  | { kind: 'softmax'; classes: number; at: 'every' | 'last' }
  | { kind: 'linear'; size: number; at: 'every' | 'last' };

export interface ModelSpec {
  input: InputSpec;
  /** Stacked layers, bottom first; layer l+1 reads layer l's hidden states. */
  layers: LayerSpec[];
  head: HeadSpec;
}

export interface InitSpec {
  seed: number;
  /** Input kernels: 'glorot' (default) or 'normal' with `scale`. */
  kernel?: 'glorot' | 'normal';
  /** Recurrent kernels: 'orthogonal' (default), 'glorot' or 'normal' with `scale`. */
  recurrent?: 'orthogonal' | 'glorot' | 'normal';
  /** Standard deviation for 'normal'; default 0.01 (Karpathy's min-char-rnn). */
  scale?: number;
}

const GATES: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };

export function gateCount(kind: CellKind): number {
  return GATES[kind];
}

/** Size of the recurrent state s_t: h for RNN/GRU, [h; c] for LSTM. */
export function stateSize(cell: CellSpec): number {
  return cell.kind === 'lstm' ? 2 * cell.hiddenSize : cell.hiddenSize;
}

export function inputWidth(input: InputSpec): number {
  return input.kind === 'dense' ? input.size : input.kind === 'onehot' ? input.vocab : input.dim;
}

/** Width of layer l's output (doubled when bidirectional). */
export function layerOutputWidth(layer: LayerSpec): number {
  return layer.cell.hiddenSize * (layer.bidirectional ? 2 : 1);
}

export function layerInputWidth(spec: ModelSpec, l: number): number {
  if (l === 0) return inputWidth(spec.input);
  const below = spec.layers[l - 1];
  if (!below) throw new RangeError(`layer: expected an index in [0, ${spec.layers.length - 1}], got ${l}`);
  return layerOutputWidth(below);
}

export function headSize(head: HeadSpec): number {
  return head.kind === 'softmax' ? head.classes : head.size;
}

/** Parameter-name prefix of one direction of one layer, e.g. "layer1.bw". */
export function cellPrefix(layer: number, direction: 'fw' | 'bw' = 'fw'): string {
  return `layer${layer}.${direction}`;
}

/** Throws on any inconsistent or out-of-range field, naming it. */
export function validateSpec(spec: ModelSpec): void {
  const inp = spec.input;
  checkOneOf('spec.input.kind', inp.kind, ['dense', 'onehot', 'embedding']);
  if (inp.kind === 'dense') checkInt('spec.input.size', inp.size, 1, 1 << 16);
  else checkInt('spec.input.vocab', inp.vocab, 1, 1 << 20);
  if (inp.kind === 'embedding') checkInt('spec.input.dim', inp.dim, 1, 1 << 16);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new RangeError('spec.layers: expected at least one layer, got none');
  }
  checkInt('spec.layers.length', spec.layers.length, 1, 16);
  spec.layers.forEach((layer, l) => {
    const c = layer.cell;
    checkOneOf(`spec.layers[${l}].cell.kind`, c.kind, ['rnn', 'lstm', 'gru']);
    checkInt(`spec.layers[${l}].cell.hiddenSize`, c.hiddenSize, 1, MAX_HIDDEN_SIZE);
    if (c.activation !== undefined) checkOneOf(`spec.layers[${l}].cell.activation`, c.activation, ['tanh', 'sigmoid', 'relu', 'linear']);
    if (c.forgetBias !== undefined) checkFinite(`spec.layers[${l}].cell.forgetBias`, c.forgetBias);
  });
  const h = spec.head;
  checkOneOf('spec.head.kind', h.kind, ['softmax', 'linear']);
  checkOneOf('spec.head.at', h.at, ['every', 'last']);
  if (h.kind === 'softmax') checkInt('spec.head.classes', h.classes, 1, 1 << 20);
  else checkInt('spec.head.size', h.size, 1, 1 << 16);
}

function kernel(rng: Rng, init: InitSpec, rows: number, cols: number) {
  return init.kernel === 'normal' ? normalInit(rng, rows, cols, init.scale ?? 0.01) : glorotUniform(rng, rows, cols);
}

function recurrent(rng: Rng, init: InitSpec, n: number, gates: number) {
  if (init.recurrent === 'normal') return normalInit(rng, n, n * gates, init.scale ?? 0.01);
  if (init.recurrent === 'glorot') return glorotUniform(rng, n, n * gates);
  return orthogonalInit(rng, n, gates);
}

/**
 * Seeded parameters for a model. Names: "embed.E" [V, D]; per layer and direction
 * "layerL.fw.W" [in, G·H], ".U" [H, G·H], ".b" [G·H] and for peephole LSTMs ".pi", ".pf", ".po" [H];
 * head "head.V" [topWidth, out], "head.c" [out]. Draw order is fixed, so a seed fixes every value.
 */
export function initParams(spec: ModelSpec, init: InitSpec): ParamSet {
  validateSpec(spec);
  checkFinite('init.seed', init.seed);
  if (init.scale !== undefined) checkFinite('init.scale', init.scale, 'nonnegative');
  const rng = new Rng(init.seed);
  const ps: ParamSet = {};
  if (spec.input.kind === 'embedding') ps['embed.E'] = normalInit(rng, spec.input.vocab, spec.input.dim, init.scale ?? 0.05);
  spec.layers.forEach((layer, l) => {
    const inW = layerInputWidth(spec, l);
    const c = layer.cell;
    const g = gateCount(c.kind);
    for (const dir of layer.bidirectional ? (['fw', 'bw'] as const) : (['fw'] as const)) {
      const p = cellPrefix(l, dir);
      ps[`${p}.W`] = kernel(rng, init, inW, g * c.hiddenSize);
      ps[`${p}.U`] = recurrent(rng, init, c.hiddenSize, g);
      const b = zerosInit([g * c.hiddenSize]);
      if (c.kind === 'lstm' && c.forgetBias) b.data.fill(c.forgetBias, c.hiddenSize, 2 * c.hiddenSize);
      ps[`${p}.b`] = b;
      if (c.kind === 'lstm' && c.peephole) {
        for (const k of ['pi', 'pf', 'po']) ps[`${p}.${k}`] = { shape: [c.hiddenSize], data: normalInit(rng, 1, c.hiddenSize, 0.1).data };
      }
    }
  });
  const top = spec.layers[spec.layers.length - 1]!;
  ps['head.V'] = kernel(rng, init, layerOutputWidth(top), headSize(spec.head));
  ps['head.c'] = zerosInit([headSize(spec.head)]);
  return ps;
}

/** Names of the parameters a spec needs, in initParams's order. */
export function paramNames(spec: ModelSpec): string[] {
  return Object.keys(initParams(spec, { seed: 0 }));
}
