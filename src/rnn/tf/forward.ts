/**
 * The whole model as tfjs ops, written step by step so tfjs autodiff does BPTT. Call
 * inside tf.tidy (or tf.grads); nothing here disposes.
 */
import type { Scalar, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs';
import type { Tf } from './tfjs.ts';
import type { Batch } from '../batch.ts';
import type { ModelSpec } from '../spec.ts';
import { cellPrefix, stateSize } from '../spec.ts';
import type { TfCellWeights, TfStep } from './cells.ts';
import { tfCellStep } from './cells.ts';

export type TfParams = Record<string, Tensor>;

export interface ForwardHooks {
  /** Layer (forward direction) whose steps the hooks act on; default 0. */
  layer?: number;
  /** Tensors [B, S] added to s_t of that layer: ∂J/∂offset_t = ∂J/∂s_t. */
  stateOffsets?: Tensor2D[];
  /** Per-step recurrent kernels [H, G·H] for that layer: their gradients are the per-step contributions. */
  stepU?: Tensor2D[];
  /** Collects every layer's steps: steps[l][dir][t]. */
  collect?: TfStep[][][];
}

export interface ForwardResult {
  /** Mean loss over the batch, scalar. */
  loss: Scalar;
  /** Head outputs (logits or predictions), [B, nOut, O]. */
  outputs: Tensor3D;
  /** Loss per sequence and output step, [B, nOut]. */
  stepLosses: Tensor2D;
}

function weights(ps: TfParams, prefix: string): TfCellWeights {
  const w = { W: ps[`${prefix}.W`], U: ps[`${prefix}.U`], b: ps[`${prefix}.b`] } as TfCellWeights;
  if (ps[`${prefix}.pi`]) Object.assign(w, { pi: ps[`${prefix}.pi`], pf: ps[`${prefix}.pf`], po: ps[`${prefix}.po`] });
  return w;
}

/** Input vectors per step: T tensors [B, I]. */
export function tfInputs(tf: Tf, spec: ModelSpec, ps: TfParams, batch: Batch): Tensor2D[] {
  const B = batch.batchSize, T = batch.steps;
  let x: Tensor3D;
  if (spec.input.kind === 'dense') x = tf.tensor3d(Float32Array.from(batch.inputValues!), [B, T, spec.input.size], 'float32');
  else {
    const idx = tf.tensor2d(batch.inputIndices!, [B, T], 'int32');
    x = spec.input.kind === 'onehot' ? (tf.oneHot(idx, spec.input.vocab).toFloat() as Tensor3D) : (tf.gather(ps['embed.E']!, idx) as Tensor3D);
  }
  return tf.unstack(x, 1) as Tensor2D[];
}

/** Loss, outputs and per-step losses of a batch, op by op. */
export function tfForward(tf: Tf, spec: ModelSpec, ps: TfParams, batch: Batch, hooks: ForwardHooks = {}): ForwardResult {
  const B = batch.batchSize, T = batch.steps;
  let xs = tfInputs(tf, spec, ps, batch);
  let fwTop: Tensor2D[] = [], bwTop: Tensor2D[] = [];
  spec.layers.forEach((layer, l) => {
    const S = stateSize(layer.cell);
    const run = (dir: 'fw' | 'bw'): TfStep[] => {
      const w = weights(ps, cellPrefix(l, dir));
      const hooked = dir === 'fw' && (hooks.layer ?? 0) === l;
      const steps: TfStep[] = new Array<TfStep>(T);
      let s = tf.zeros([B, S]) as Tensor2D;
      for (let n = 0; n < T; n++) {
        const t = dir === 'fw' ? n : T - 1 - n;
        const wt = hooked && hooks.stepU ? { ...w, U: hooks.stepU[t]! } : w;
        let step = tfCellStep(tf, layer.cell, wt, xs[t]!, s);
        if (hooked && hooks.stateOffsets) {
          const state = tf.add(step.state, hooks.stateOffsets[t]!) as Tensor2D;
          const h = layer.cell.kind === 'lstm' ? (tf.slice(state, [0, 0], [B, layer.cell.hiddenSize]) as Tensor2D) : state;
          step = { state, h, gates: step.gates };
        }
        steps[t] = step;
        s = step.state;
      }
      return steps;
    };
    const fw = run('fw');
    const bw = layer.bidirectional ? run('bw') : undefined;
    hooks.collect?.push(bw ? [fw, bw] : [fw]);
    fwTop = fw.map((s) => s.h);
    bwTop = bw ? bw.map((s) => s.h) : [];
    xs = bw ? fwTop.map((h, t) => tf.concat([h, bwTop[t]!], 1)) : fwTop;
  });
  const head = spec.head;
  const top = spec.layers[spec.layers.length - 1]!;
  let hin: Tensor2D[];
  if (head.at === 'every') hin = xs;
  else hin = [top.bidirectional ? tf.concat([fwTop[T - 1]!, bwTop[0]!], 1) : fwTop[T - 1]!];
  const nOut = hin.length;
  // [B, nOut, W] → [B·nOut, W] so the head is one matmul.
  const stacked = tf.reshape(tf.stack(hin, 1), [B * nOut, -1]) as Tensor2D;
  const y = tf.add(tf.matMul(stacked, ps['head.V'] as Tensor2D), ps['head.c']!) as Tensor2D;
  const O = y.shape[1];
  let per: Tensor2D;
  if (head.kind === 'softmax') {
    const targets = tf.oneHot(tf.tensor1d(batch.targetIndices!, 'int32'), head.classes);
    per = tf.reshape(tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(y)), 1)), [B, nOut]);
  } else {
    const targets = tf.tensor2d(Float32Array.from(batch.targetValues!), [B * nOut, O], 'float32');
    per = tf.reshape(tf.mean(tf.square(tf.sub(y, targets)), 1), [B, nOut]);
  }
  return { loss: tf.mean(per) as Scalar, outputs: tf.reshape(y, [B, nOut, O]) as Tensor3D, stepLosses: per };
}
