/**
 * Keras' Embedding(vocab, dim, mask_zero=True) as a tf.layers layer whose lookup is a
 * one-hot matrix product. tf.layers.embedding looks up with a gather, whose gradient is an
 * unsorted segment sum: the WebAssembly backend has no kernel for it (training fails there),
 * and the CPU backend runs it as one kernel per vocabulary entry (over a second per step for
 * 432 words). The product computes the same vectors and trains in two matrix products.
 * Like Keras' mask_zero, id 0 is padding: its steps are masked, the recurrent layer skips them.
 */
import type * as TfModule from '@tensorflow/tfjs';

type Tf = typeof TfModule;

/** A new embedding layer, ids [B, T] → vectors [B, T, dim], with mask ids ≠ 0 [B, T]. */
export function maskedEmbedding(tf: Tf, vocab: number, dim: number): TfModule.layers.Layer {
  class MaskedEmbedding extends tf.layers.Layer {
    static readonly className = 'MaskedEmbedding';
    private embeddings: ReturnType<TfModule.layers.Layer['addWeight']> | null = null;

    constructor() {
      super({ name: 'embedding', inputShape: [null], dtype: 'int32' });
      this.supportsMasking = true;
    }

    override build(): void {
      this.embeddings = this.addWeight('embeddings', [vocab, dim], 'float32', tf.initializers.zeros());
      this.built = true;
    }

    override computeOutputShape(inputShape: TfModule.Shape | TfModule.Shape[]): TfModule.Shape {
      return [...(inputShape as TfModule.Shape), dim];
    }

    override call(inputs: TfModule.Tensor | TfModule.Tensor[]): TfModule.Tensor {
      return tf.tidy(() => {
        const ids = tf.cast(Array.isArray(inputs) ? inputs[0]! : inputs, 'int32');
        const oneHot = tf.oneHot(ids.flatten(), vocab);
        return tf.matMul(oneHot, this.embeddings!.read()).reshape([...ids.shape, dim]);
      });
    }

    override computeMask(inputs: TfModule.Tensor | TfModule.Tensor[]): TfModule.Tensor {
      const ids = Array.isArray(inputs) ? inputs[0]! : inputs;
      return tf.notEqual(ids, tf.zerosLike(ids));
    }
  }
  return new MaskedEmbedding();
}
