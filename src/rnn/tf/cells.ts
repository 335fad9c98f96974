/**
 * One step of each cell as tfjs ops: the op-by-op autodiff path that the fast path is
 * checked against. Same row-vector layout and gate order as tf.layers.
 */
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from './tfjs.ts';
import type { Activation, CellSpec } from '../spec.ts';

/** A cell's weights as tensors: W [I, G·H], U [H, G·H], b [G·H], peepholes [H]. */
export interface TfCellWeights {
  W: Tensor2D;
  U: Tensor2D;
  b: Tensor1D;
  pi?: Tensor1D;
  pf?: Tensor1D;
  po?: Tensor1D;
}

/** Result of one step: state s_t [B, S] and named gate activations, each [B, H]. */
export interface TfStep {
  state: Tensor2D;
  h: Tensor2D;
  gates: Record<string, Tensor2D>;
}

export function tfActivate(tf: Tf, kind: Activation, x: Tensor2D): Tensor2D {
  switch (kind) {
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'relu':
      return tf.relu(x);
    case 'linear':
      return x;
  }
}

/**
 * s_t from x_t [B, I] and s_{t−1} [B, S]. `U` may be a per-step copy of the recurrent
 * kernel, which is how per-step gradient contributions are read out.
 */
export function tfCellStep(tf: Tf, spec: CellSpec, w: TfCellWeights, x: Tensor2D, prev: Tensor2D): TfStep {
  // tfjs's binary ops return Tensor<Rank>; every operand here is rank 2.
  const add = (a: Tensor, b: Tensor): Tensor2D => tf.add(a, b);
  const mul = (a: Tensor, b: Tensor): Tensor2D => tf.mul(a, b);
  const H = spec.hiddenSize;
  if (spec.kind === 'rnn') {
    const h = tfActivate(tf, spec.activation ?? 'tanh', add(add(tf.matMul(x, w.W), tf.matMul(prev, w.U)), w.b));
    return { state: h, h, gates: { h } };
  }
  if (spec.kind === 'lstm') {
    const [hPrev, cPrev] = tf.split(prev, 2, 1) as [Tensor2D, Tensor2D];
    const z = add(add(tf.matMul(x, w.W), tf.matMul(hPrev, w.U)), w.b);
    const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [Tensor2D, Tensor2D, Tensor2D, Tensor2D];
    const peep = spec.peephole === true;
    const i = tf.sigmoid(peep ? add(zi, mul(cPrev, w.pi!)) : zi);
    const f = tf.sigmoid(peep ? add(zf, mul(cPrev, w.pf!)) : zf);
    const g = tf.tanh(zg);
    const c = add(mul(f, cPrev), mul(i, g));
    const o = tf.sigmoid(peep ? add(zo, mul(c, w.po!)) : zo);
    const h = mul(o, tf.tanh(c));
    return { state: tf.concat([h, c], 1), h, gates: { i, f, g, o, c, h } };
  }
  const [Uzr, Uh] = tf.split(w.U, [2 * H, H], 1) as [Tensor2D, Tensor2D];
  const xa = add(tf.matMul(x, w.W), w.b);
  const [xzr, xh] = tf.split(xa, [2 * H, H], 1) as [Tensor2D, Tensor2D];
  const zr = tf.sigmoid(add(xzr, tf.matMul(prev, Uzr)));
  const [z, r] = tf.split(zr, 2, 1) as [Tensor2D, Tensor2D];
  const hTilde = tf.tanh(add(xh, tf.matMul(mul(r, prev), Uh)));
  const h = add(mul(z, prev), mul(tf.sub(1, z) as Tensor2D, hTilde));
  return { state: h, h, gates: { z, r, hTilde, h } };
}
