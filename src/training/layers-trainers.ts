/**
 * The trainers built on tf.layers, given a `tf`: the layers worker passes its own (core,
 * layers, CPU backend), the main-thread fallback the page's. Register a tf.layers trainer
 * here; its jobs say `worker: 'layers'`.
 */
import type * as TfModule from '@tensorflow/tfjs';
import { sentimentTrainer } from '../../demos/sentiment/layers-trainer.ts';
import { TrainerRegistry } from './registry.ts';

export type Tf = typeof TfModule;

export function layersTrainers(tf: Tf): TrainerRegistry {
  return new TrainerRegistry().register(sentimentTrainer(tf));
}
