// vite.config.ts points these at src/training/spawn-served.ts or spawn-inline.ts (and the layers ones), by build mode.
declare module 'virtual:training-worker' {
  const TrainingWorker: new (options?: { name?: string }) => Worker;
  export default TrainingWorker;
}
declare module 'virtual:layers-training-worker' {
  const LayersTrainingWorker: new (options?: { name?: string }) => Worker;
  export default LayersTrainingWorker;
}
