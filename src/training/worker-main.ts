/**
 * The training worker: tfjs-core and the fused trainers (no tfjs backend; vite.config.ts
 * resolves tfjs to its core package here). See worker-serve.ts for the message loop.
 */
import { builtinTrainers } from './builtin-trainers.ts';
import { serveTrainingJobs } from './worker-serve.ts';

serveTrainingJobs(builtinTrainers());
