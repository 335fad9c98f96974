/**
 * The tfjs path of the RNN core: RnnModel (op-by-op forward pass, autodiff BPTT, per-step
 * diagnostics, sampling), clipping of tensor gradient maps and tfjs optimisers. Nothing
 * here imports tfjs as a value: every entry point takes the caller's `tf` module.
 */
export type { Tf } from './tfjs.ts';
export type { TfStepDiagnostics, TfTrace, TrainStepResult } from './model.ts';
export { RnnModel } from './model.ts';
export { tfClip } from './clip.ts';
export { createTfOptimizer } from './optim.ts';
