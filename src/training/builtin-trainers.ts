/** The trainers every training worker and the main-thread fallback know. Add a fused trainer here to make it startable by name. */
import { TrainerRegistry } from './registry.ts';
import { charLmTrainer } from './trainers/char-lm.ts';
import { charLstmTrainer } from './trainers/char-lstm.ts';
import { fusedBatchTrainer } from './trainers/fused-batch.ts';
import { sideBySideTrainer } from './trainers/fused-side-by-side.ts';
import { longLagRaceTrainer } from './trainers/long-lag-race.ts';

export function builtinTrainers(): TrainerRegistry {
  return new TrainerRegistry().register(charLstmTrainer).register(fusedBatchTrainer).register(longLagRaceTrainer).register(charLmTrainer).register(sideBySideTrainer);
}
