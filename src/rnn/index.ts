/**
 * RNN core: cells (vanilla RNN, LSTM, GRU), stacked and bidirectional layers, heads and
 * losses, BPTT with per-step diagnostics, clipping, optimisers, seeded initialisers and
 * tasks. Three implementations share one model description and one parameter layout:
 * a float64 reference (ref*), fused typed-array trainers for every cell, stack and head
 * (FusedTrainer), both here, and tfjs op-by-op autodiff (RnnModel), which is in ./tf/index.ts. Nothing this
 * entry exports loads tfjs, so a float64 demo can import it freely. No DOM anywhere.
 */
export { Rng, createRng, sampleWithTemperature } from './random.ts';
export { MAX_HIDDEN_SIZE } from './validate.ts';
export type { Array64, ParamSet } from './params.ts';
export { cloneParamSet, globalNorm, zerosParamSet } from './params.ts';
export { largestSingularValue, spectralRadius } from './linalg.ts';
export { glorotUniform, normalInit, orthogonalInit } from './init.ts';
export type { Activation, CellKind, CellSpec, HeadSpec, InitSpec, InputSpec, LayerSpec, ModelSpec } from './spec.ts';
export { initParams, paramNames, stateSize, validateSpec } from './spec.ts';
export type { Batch, Targets } from './batch.ts';
export { makeBatch, validateBatch } from './batch.ts';
export type { ClipReport, ClipSpec } from './clip.ts';
export { applyClip, clipByGlobalNorm, clipElementwise } from './clip.ts';
export type { OptimizerSpec } from './optim.ts';
export { ArrayOptimizer, validateOptimizer } from './optim.ts';

export { derivativeBound } from './ref/activations.ts';
export type { Truncation, RefResult } from './ref/bptt.ts';
export { refLoss, refLossAndGradients } from './ref/bptt.ts';
export type { Direction, SequenceTrace } from './ref/network.ts';
export { forwardSequence as refForwardSequence } from './ref/network.ts';
export type { Diagnostics, DiagnosticsOptions, RecurrentStats } from './ref/diagnostics.ts';
export { recurrentStats, refDiagnostics } from './ref/diagnostics.ts';
export type { GridSpec, LossSurface, PascanuOptions, PascanuResult } from './ref/pascanu.ts';
export { pascanuLossGrad, pascanuLossSurface, pascanuModel } from './ref/pascanu.ts';

export type { FusedStepResult, FusedTrainerOptions } from './fast/trainer.ts';
export { FusedTrainer } from './fast/trainer.ts';

export type { CharCorpus } from './tasks/chars.ts';
export { charBatch, charCorpus, charSweep, helloExample } from './tasks/chars.ts';
export { TEMPORAL_ORDER_SYMBOLS, addingProblem, rememberFirst, temporalOrder } from './tasks/long-lag.ts';
export type { WindowDataset } from './tasks/windows.ts';
export { majorityTask, oneHotWindows, slidingWindows } from './tasks/windows.ts';
