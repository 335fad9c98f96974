/** Training off the main thread: start, stop, query and follow jobs run by named trainers. */
export type { JobResult, ProgressReport, TrainerState, TrainingJobSpec, WorkerKind } from './job.ts';
export type { TrainerDefinition, TrainerSession } from './registry.ts';
export { TrainerRegistry } from './registry.ts';
export type { TrainingHostOptions, TrainingJob, TrainingPlace } from './host.ts';
export { TrainingHost } from './host.ts';
export type { CharLstmConfig } from './trainers/char-lstm.ts';
export type { FusedBatchConfig } from './trainers/fused-batch.ts';
export type { SideBySideConfig } from './trainers/fused-side-by-side.ts';
export { joinModelParams, modelParams } from './trainers/side-by-side-params.ts';
export { PROTOCOL_VERSION } from './protocol.ts';
