// vite.config.ts points this at src/training/spawn-served.ts or spawn-inline.ts, by build mode.
declare module 'virtual:training-worker' {
  const TrainingWorker: new (options?: { name?: string }) => Worker;
  export default TrainingWorker;
}
