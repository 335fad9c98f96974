/**
 * The training worker for trainers built on tf.layers: tfjs-core, tfjs-layers and the CPU
 * backend (plain JavaScript: in a worker it blocks nothing the audience sees, and it needs
 * no wasm file, so it starts the same way from a served folder and from a file:// page).
 * A separate worker file, loaded only when a job asks for it, so the fused trainers'
 * worker stays small.
 */
import '@tensorflow/tfjs-backend-cpu';
// What the umbrella package registers on import and tf.layers relies on: every op's gradient
// (for training) and the chained ops (tensor.flatten(), tensor.reshape(), …).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as core from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
import type { Tf } from './layers-trainers.ts';
import { limitLayersGraphCache } from './layers-graph-cache.ts';
import { layersTrainers } from './layers-trainers.ts';
import { serveTrainingJobs } from './worker-serve.ts';

/** What the trainers call `tf`: the umbrella package's core and layers parts, without its other backends, converter and data. */
const tf = { ...core, ...layers } as unknown as Tf;

serveTrainingJobs(
  (async () => {
    if (!(await core.setBackend('cpu'))) throw new Error('the CPU backend did not start in the training worker');
    await core.ready();
    limitLayersGraphCache(core.env());
    return layersTrainers(tf);
  })(),
);
