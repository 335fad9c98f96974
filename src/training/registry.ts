/**
 * Trainers by name. The worker and the main-thread fallback both look trainers up here,
 * so a trainer registered in builtin-trainers.ts runs in either place with the same numbers.
 */
import type { TrainerState } from './job.ts';

/** One live training run: takes a step, and describes itself as a resumable state. */
export interface TrainerSession {
  /** One optimisation step; returns the loss before the update. */
  step(): number;
  state(): TrainerState;
  /** Frees what the session holds outside the garbage collector (tfjs tensors); called once the job has ended. */
  dispose?(): void;
}

export interface TrainerDefinition {
  name: string;
  /**
   * A session from the job's config; `initial` continues a previous run, otherwise the
   * weights come from `seed`. Throws a RangeError naming the config field on bad input.
   */
  create(config: unknown, seed: number, initial: TrainerState | undefined): TrainerSession;
}

export class TrainerRegistry {
  private readonly byName = new Map<string, TrainerDefinition>();

  register(def: TrainerDefinition): this {
    if (this.byName.has(def.name)) throw new Error(`trainer "${def.name}" is already registered`);
    this.byName.set(def.name, def);
    return this;
  }

  get(name: string): TrainerDefinition {
    const def = this.byName.get(name);
    if (!def) throw new RangeError(`job.trainer: unknown trainer "${name}" (known: ${this.names().join(', ') || 'none'})`);
    return def;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
