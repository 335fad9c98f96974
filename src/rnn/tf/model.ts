/**
 * A model on tfjs: variables made from seeded float64 parameters, op-by-op forward pass,
 * autodiff BPTT, training steps with clipping, per-step diagnostics and sampling.
 */
import type { Optimizer, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from './tfjs.ts';
import type { Batch } from '../batch.ts';
import { validateBatch } from '../batch.ts';
import type { ClipReport, ClipSpec } from '../clip.ts';
import { validateClip } from '../clip.ts';
import type { Array64, ParamSet } from '../params.ts';
import type { Rng } from '../random.ts';
import { sampleWithTemperature } from '../random.ts';
import type { InitSpec, ModelSpec } from '../spec.ts';
import { cellPrefix, initParams, stateSize, validateSpec } from '../spec.ts';
import { checkIndices, checkInt, checkFinite } from '../validate.ts';
import { tfCellStep } from './cells.ts';
import type { TfCellWeights, TfStep } from './cells.ts';
import { tfClip } from './clip.ts';
import type { TfParams } from './forward.ts';
import { tfForward } from './forward.ts';

export interface TrainStepResult {
  /** Loss before the update. */
  loss: number;
  clip: ClipReport;
  /** False when the gradient was non-finite and the update was skipped. */
  applied: boolean;
}

export interface TfTrace {
  loss: number;
  /** Per layer, per direction ('fw' then 'bw'), per step: s_t [B][S]. */
  states: number[][][][][];
  /** Per layer, per direction: gate name → [T][B][H]. */
  gates: Record<string, number[][][]>[][];
  /** Head outputs, [B][nOut][O]. */
  outputs: number[][][];
}

export interface TfStepDiagnostics {
  loss: number;
  /** ∂J/∂s_k of the chosen layer for every step, [T][B][S]. */
  stateGrads: number[][][];
  /** Step k's contribution to ∂J/∂W_rec, [T] of [H][G·H]; they sum to the total. */
  recurrentGradContributions: number[][][];
}

function toTensor(tf: Tf, a: Array64): Tensor {
  return tf.tensor(Float32Array.from(a.data), [...a.shape], 'float32');
}

export class RnnModel {
  readonly variables: Record<string, Variable>;
  private disposed = false;

  /** `tf` is the TensorFlow.js module the caller loaded; every tensor of this model lives in it. */
  private constructor(readonly tf: Tf, readonly spec: ModelSpec, params: ParamSet) {
    this.variables = {};
    // tidy frees the initial-value tensors; variables are not tracked by it.
    for (const [k, v] of Object.entries(params)) this.variables[k] = tf.tidy(() => tf.variable(toTensor(tf, v), true, `${k}_${nextId++}`));
  }

  /** A model with seeded initial weights; the same seed gives the same weights on every backend. */
  static create(tf: Tf, spec: ModelSpec, init: InitSpec): RnnModel {
    return new RnnModel(tf, spec, initParams(spec, init));
  }

  /** A model with the given float64 parameters (names and shapes as initParams gives). */
  static fromParams(tf: Tf, spec: ModelSpec, params: ParamSet): RnnModel {
    validateSpec(spec);
    const expected = initParams(spec, { seed: 0 });
    for (const [k, v] of Object.entries(expected)) {
      const p = params[k];
      if (!p) throw new RangeError(`params: expected "${k}", got none`);
      if (p.shape.join(',') !== v.shape.join(',')) throw new RangeError(`params["${k}"]: expected shape [${v.shape.join(', ')}], got [${p.shape.join(', ')}]`);
    }
    return new RnnModel(tf, spec, params);
  }

  private get params(): TfParams {
    if (this.disposed) throw new Error('model: used after dispose()');
    return this.variables;
  }

  /** Current weights as float64 arrays. */
  getParams(): ParamSet {
    const out: ParamSet = {};
    for (const [k, v] of Object.entries(this.params)) out[k] = { shape: [...v.shape], data: Float64Array.from(v.dataSync()) };
    return out;
  }

  /** Overwrites weights (missing names are left as they are). */
  setParams(ps: ParamSet): void {
    const tf = this.tf;
    for (const [k, v] of Object.entries(ps)) {
      const variable = this.variables[k];
      if (!variable) throw new RangeError(`params: unknown name "${k}"`);
      if (variable.shape.join(',') !== v.shape.join(',')) throw new RangeError(`params["${k}"]: expected shape [${variable.shape.join(', ')}], got [${v.shape.join(', ')}]`);
      tf.tidy(() => variable.assign(toTensor(tf, v)));
    }
  }

  /** Mean loss of a batch. */
  loss(batch: Batch): number {
    validateBatch(this.spec, batch);
    const tf = this.tf;
    return tf.tidy(() => tfForward(tf, this.spec, this.params, batch).loss.dataSync()[0]!);
  }

  /** Loss and ∂loss/∂θ by tfjs autodiff, as float64 arrays. */
  gradients(batch: Batch): { loss: number; grads: ParamSet } {
    validateBatch(this.spec, batch);
    const tf = this.tf;
    const names = Object.keys(this.variables);
    const out: ParamSet = {};
    let loss = 0;
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tfForward(tf, this.spec, this.params, batch).loss, names.map((n) => this.variables[n]!));
      names.forEach((n) => {
        const g = grads[this.variables[n]!.name]!;
        out[n] = { shape: [...g.shape], data: Float64Array.from(g.dataSync()) };
      });
      loss = value.dataSync()[0]!;
    });
    return { loss, grads: out };
  }

  /**
   * One training step on the reference (op-by-op autodiff) path: gradient, clipping,
   * update. A non-finite gradient is reported and not applied.
   */
  trainStep(batch: Batch, optimizer: Optimizer, clip?: ClipSpec): TrainStepResult {
    validateBatch(this.spec, batch);
    validateClip(clip);
    const tf = this.tf;
    const vars = Object.values(this.params) as Variable[];
    const { value, grads } = tf.variableGrads(() => tfForward(tf, this.spec, this.params, batch).loss, vars);
    const loss = value.dataSync()[0]!;
    value.dispose();
    const clipped = tfClip(tf, grads, clip);
    const applied = clipped.report.finite;
    if (applied) optimizer.applyGradients(clipped.grads);
    tf.dispose(clipped.grads);
    return { loss, clip: clipped.report, applied };
  }

  /** Hidden states, gate activations and outputs of every layer at every step. */
  trace(batch: Batch): TfTrace {
    validateBatch(this.spec, batch);
    const tf = this.tf;
    let result: TfTrace | undefined;
    tf.tidy(() => {
      const collect: TfStep[][][] = [];
      const r = tfForward(tf, this.spec, this.params, batch, { collect });
      result = {
        loss: r.loss.dataSync()[0]!,
        states: collect.map((dirs) => dirs.map((steps) => steps.map((s) => s.state.arraySync()))),
        gates: collect.map((dirs) =>
          dirs.map((steps) => {
            const g: Record<string, number[][][]> = {};
            for (const k of Object.keys(steps[0]!.gates)) g[k] = steps.map((s) => s.gates[k]!.arraySync());
            return g;
          }),
        ),
        outputs: r.outputs.arraySync(),
      };
    });
    return result!;
  }

  /** ∂J/∂s_k for every step and each step's share of ∂J/∂W_rec, for one layer's forward direction. */
  stepDiagnostics(batch: Batch, layer = 0): TfStepDiagnostics {
    validateBatch(this.spec, batch);
    checkInt('layer', layer, 0, this.spec.layers.length - 1);
    const tf = this.tf;
    const T = batch.steps, B = batch.batchSize;
    const S = stateSize(this.spec.layers[layer]!.cell);
    const U = this.params[`${cellPrefix(layer)}.U`] as Tensor2D;
    let result: TfStepDiagnostics | undefined;
    tf.tidy(() => {
      const offsets = Array.from({ length: T }, () => tf.zeros([B, S]) as Tensor2D);
      const copies = Array.from({ length: T }, () => tf.add(U, 0) as Tensor2D);
      let loss = 0;
      const f = (...xs: Tensor[]) => {
        const r = tfForward(tf, this.spec, this.params, batch, { layer, stateOffsets: xs.slice(0, T) as Tensor2D[], stepU: xs.slice(T) as Tensor2D[] }).loss;
        loss = r.dataSync()[0]!;
        return r;
      };
      const g = tf.grads(f)([...offsets, ...copies]);
      result = {
        loss,
        stateGrads: g.slice(0, T).map((t) => t.arraySync() as number[][]),
        recurrentGradContributions: g.slice(T).map((t) => t.arraySync() as number[][]),
      };
    });
    return result!;
  }

  /**
   * Generates tokens from a one-hot/embedding model with a softmax head at every step:
   * feeds `prime`, then samples `length` tokens at `temperature` (0 = arg-max) from rng.
   * Unidirectional models only (a backward direction would need the future).
   */
  generate(prime: number[], length: number, temperature: number, rng: Rng): number[] {
    const spec = this.spec;
    if (spec.input.kind === 'dense' || spec.head.kind !== 'softmax' || spec.head.at !== 'every') {
      throw new RangeError('model: expected token input and a softmax head at every step for generate()');
    }
    if (spec.layers.some((l) => l.bidirectional)) throw new RangeError('model: expected no bidirectional layer for generate()');
    if (prime.length === 0) throw new RangeError('prime: expected at least one token, got none');
    checkIndices('prime', prime, spec.input.vocab);
    checkInt('length', length, 0, 1_000_000);
    checkFinite('temperature', temperature, 'nonnegative');
    const tf = this.tf;
    const ps = this.params;
    const inp = spec.input;
    let states = spec.layers.map((l) => tf.zeros([1, stateSize(l.cell)]) as Tensor2D);
    const out: number[] = [];
    let token = prime[0]!;
    for (let n = 0; n < prime.length + length - 1; n++) {
      let logits: Float32Array | Int32Array | Uint8Array = new Float32Array(0);
      const newStates = tf.tidy(() => {
        const idx = tf.tensor1d([token], 'int32');
        let x = (inp.kind === 'onehot' ? tf.oneHot(idx, inp.vocab).toFloat() : tf.gather(ps['embed.E']!, idx)) as Tensor2D;
        const newStates = spec.layers.map((l, i) => {
          const p = cellPrefix(i);
          const w = { W: ps[`${p}.W`], U: ps[`${p}.U`], b: ps[`${p}.b`], pi: ps[`${p}.pi`], pf: ps[`${p}.pf`], po: ps[`${p}.po`] } as TfCellWeights;
          const s = tfCellStep(tf, l.cell, w, x, states[i]!);
          x = s.h;
          return s.state;
        });
        logits = tf.add(tf.matMul(x, ps['head.V'] as Tensor2D), ps['head.c']!).dataSync();
        return newStates;
      });
      tf.dispose(states);
      states = newStates;
      token = n + 1 < prime.length ? prime[n + 1]! : sampleWithTemperature(rng, logits, temperature);
      if (n + 1 >= prime.length) out.push(token);
    }
    tf.dispose(states);
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.tf.dispose(Object.values(this.variables));
  }
}

let nextId = 0;
