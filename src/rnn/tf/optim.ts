/**
 * tfjs's own optimisers for an OptimizerSpec, with the defaults and ε that ArrayOptimizer
 * uses, so the tfjs path and the fast path train identically.
 */
import type { Optimizer } from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../optim.ts';
import { DEFAULT_EPSILON, validateOptimizer } from '../optim.ts';
import type { Tf } from './tfjs.ts';

/** A tfjs optimiser for the spec, made with the caller's `tf`. The caller owns it and must dispose() it. */
export function createTfOptimizer(tf: Tf, spec: OptimizerSpec): Optimizer {
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
