/**
 * Optimisers for the tfjs path: tfjs's own optimisers built from the shared descriptions in
 * optim-rules.ts, whose array form the fused path uses, so both paths train identically.
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from './optim-rules.ts';
import { DEFAULT_EPSILON, validateOptimizer } from './optim-rules.ts';

export type { OptimizerSpec } from './optim-rules.ts';
export { ArrayOptimizer, DEFAULT_EPSILON, validateOptimizer } from './optim-rules.ts';

/** A tfjs optimiser for the spec. The caller owns it and must dispose() it. */
export function createTfOptimizer(spec: OptimizerSpec): tf.Optimizer {
  validateOptimizer(spec);
  switch (spec.kind) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum ?? 0.9);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate, spec.initialAccumulator ?? 0.1);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate, spec.decay ?? 0.9, spec.momentum ?? 0, spec.epsilon ?? DEFAULT_EPSILON);
    case 'adam':
      return tf.train.adam(spec.learningRate, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.epsilon ?? DEFAULT_EPSILON);
  }
}
