/**
 * Fused training for every model the core describes: forward pass, hand-written BPTT (full
 * or truncated), clipping and the optimiser update on plain typed arrays, with no tfjs ops.
 * For the small models a slide trains, tfjs's per-op overhead dominates the arithmetic, so
 * this path is many times faster than the op-by-op one. It takes and returns plain
 * objects and typed arrays only (no DOM, no tfjs), so it runs unchanged in a worker.
 */
import type { Batch } from '../batch.ts';
import { validateBatch } from '../batch.ts';
import type { ClipReport, ClipSpec } from '../clip.ts';
import { applyClip, validateClip } from '../clip.ts';
import type { OptimizerSpec } from '../optim.ts';
import { ArrayOptimizer } from '../optim.ts';
import type { ParamSet } from '../params.ts';
import type { Truncation } from '../ref/bptt.ts';
import { truncatedSegments, validateTruncation } from '../ref/bptt.ts';
import type { ModelSpec } from '../spec.ts';
import { headSize, initParams, validateSpec } from '../spec.ts';
import type { HeadBuffers } from './head.ts';
import { headLossAndGrad } from './head.ts';
import type { Vec } from './kernels.ts';
import { fillRows, matmul, view } from './kernels.ts';
import { FusedNetwork } from './network.ts';

export interface FusedTrainerOptions {
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
  /** Truncated BPTT(k1, k2); omitted: full BPTT. */
  truncation?: Truncation;
  /** Storage and arithmetic precision; default 'float64' (see docs/rnn-core.md for the measured trade-off). */
  precision?: 'float32' | 'float64';
}

export interface FusedStepResult {
  /** Loss before the update. */
  loss: number;
  clip: ClipReport;
  /** False when the gradient was non-finite and the update was skipped. */
  applied: boolean;
}

export class FusedTrainer {
  /** Parameter names in initParams's order; weights[i] and grads[i] belong to names[i]. */
  readonly names: readonly string[];
  readonly weights: Vec[];
  readonly grads: Vec[];
  private readonly shapes: Record<string, readonly number[]>;
  private readonly opt: ArrayOptimizer;
  private readonly net: FusedNetwork;
  private head: HeadBuffers | null = null;
  private readonly alloc: (n: number) => Vec;

  constructor(readonly spec: ModelSpec, params: ParamSet, readonly options: FusedTrainerOptions) {
    validateSpec(spec);
    validateClip(options.clip);
    if (options.truncation) validateTruncation(spec, Infinity, options.truncation);
    const f64 = (options.precision ?? 'float64') === 'float64';
    if (options.precision !== undefined && options.precision !== 'float32' && options.precision !== 'float64') {
      throw new RangeError(`precision: expected "float32" or "float64", got ${JSON.stringify(options.precision)}`);
    }
    this.alloc = f64 ? (n) => new Float64Array(n) : (n) => new Float32Array(n);
    const expected = initParams(spec, { seed: 0 });
    this.names = Object.keys(expected);
    this.shapes = Object.fromEntries(this.names.map((k) => [k, expected[k]!.shape]));
    this.weights = this.names.map((k) => this.alloc(expected[k]!.data.length));
    this.grads = this.weights.map((w) => this.alloc(w.length));
    this.setParams(params);
    this.opt = new ArrayOptimizer(options.optimizer, this.weights.map((w) => w.length), f64);
    const byName = (arrs: Vec[]) => Object.fromEntries(this.names.map((k, i) => [k, arrs[i]!]));
    this.net = new FusedNetwork(spec, byName(this.weights), byName(this.grads), this.alloc);
  }

  /** Replaces the weights (names and shapes as initParams gives); optimiser state is kept. */
  setParams(params: ParamSet): void {
    this.names.forEach((k, i) => {
      const p = params[k];
      const shape = this.shapes[k]!;
      if (!p) throw new RangeError(`params: expected "${k}", got none`);
      if (p.shape.join(',') !== shape.join(',')) throw new RangeError(`params["${k}"]: expected shape [${shape.join(', ')}], got [${p.shape.join(', ')}]`);
      this.weights[i]!.set(p.data);
    });
  }

  getParams(): ParamSet {
    return this.toParamSet(this.weights);
  }

  private headBuffers(B: number, T: number): HeadBuffers {
    const top = this.net.top;
    const O = headSize(this.spec.head);
    const rows = this.spec.head.at === 'every' ? B * T : B;
    const i = this.names.indexOf('head.V'), j = this.names.indexOf('head.c');
    const h = this.head;
    if (h && h.top === top.out && h.y.length === rows * O && h.lastIn.length === B * top.width) return h;
    this.head = {
      top: top.out, width: top.width, bwH: top.bwH,
      V: this.weights[i]!, c: this.weights[j]!, gV: this.grads[i]!, gc: this.grads[j]!,
      dTop: this.alloc(B * T * top.width), y: this.alloc(rows * O), lastIn: this.alloc(B * top.width), dLastIn: this.alloc(B * top.width),
    };
    return this.head;
  }

  /** Loss of the batch (mean over sequences and output steps) and ∂loss/∂θ into this.grads (overwritten). */
  computeGradients(batch: Batch): number {
    validateBatch(this.spec, batch);
    const trunc = validateTruncation(this.spec, batch.steps, this.options.truncation);
    for (const g of this.grads) g.fill(0);
    this.net.forward(batch);
    const h = this.headBuffers(batch.batchSize, batch.steps);
    const loss = headLossAndGrad(this.spec.head, batch, h);
    const T = batch.steps;
    if (!trunc) {
      this.net.backward(h.dTop, 0, T - 1, 0);
      return loss;
    }
    const lastOnly = this.spec.head.at === 'last';
    for (const seg of truncatedSegments(T, trunc)) {
      // A many-to-one head has a loss only at the last step, so earlier segments carry nothing.
      if (lastOnly && seg.end !== T - 1) continue;
      this.net.backward(h.dTop, seg.from, seg.end, seg.lossFrom);
    }
    return loss;
  }

  /**
   * The head's outputs (logits of a softmax head, values of a linear one) for a batch, with
   * no gradient: rows are [B, O] for a many-to-one head, [T·B, O] time-major for one at every
   * step. Returns a fresh array; the weights are not touched.
   */
  predict(batch: Batch): Float64Array {
    validateBatch(this.spec, batch);
    this.net.forward(batch);
    const B = batch.batchSize, T = batch.steps;
    const h = this.headBuffers(B, T);
    const O = headSize(this.spec.head);
    const every = this.spec.head.at === 'every';
    const rows = every ? T * B : B;
    let input = view(h.top, 0, h.width);
    if (!every) {
      // The head input of a many-to-one head, as headLossAndGrad gathers it.
      const W = h.width;
      for (let b = 0; b < B; b++) {
        const src = ((T - 1) * B + b) * W;
        h.lastIn.set(h.top.subarray(src, src + W - h.bwH), b * W);
        if (h.bwH) h.lastIn.set(h.top.subarray(b * W + W - h.bwH, (b + 1) * W), b * W + W - h.bwH);
      }
      input = view(h.lastIn, 0, W);
    }
    const y = view(h.y, 0, O);
    fillRows(rows, h.c, y);
    matmul(rows, h.width, O, input, view(h.V, 0, O), y);
    return Float64Array.from(h.y.subarray(0, rows * O));
  }

  /** Loss and gradients as float64 parameter arrays (for comparisons and widgets). */
  gradients(batch: Batch): { loss: number; grads: ParamSet } {
    const loss = this.computeGradients(batch);
    return { loss, grads: this.toParamSet(this.grads) };
  }

  /** One fused step: gradient, clipping, update. A non-finite gradient is reported and not applied. */
  trainStep(batch: Batch): FusedStepResult {
    const loss = this.computeGradients(batch);
    const clip = applyClip(this.grads, this.options.clip);
    if (clip.finite) this.opt.step(this.weights, this.grads);
    return { loss, clip, applied: clip.finite };
  }

  private toParamSet(arrays: Vec[]): ParamSet {
    const out: ParamSet = {};
    this.names.forEach((k, i) => (out[k] = { shape: [...this.shapes[k]!], data: Float64Array.from(arrays[i]!) }));
    return out;
  }
}
