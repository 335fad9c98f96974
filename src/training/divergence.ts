/**
 * Divergence: a loss or a weight that is no longer a finite number. Training that reaches
 * it cannot recover (every later step reads the NaN), and a picture drawn from it shows
 * "NaN" or nothing. The job runner checks every step's loss and every state it hands out,
 * so no non-finite weight ever leaves a trainer; the job ends with this error, which the
 * demo kit shows in the demo's box.
 */
import type { ParamSet } from '../rnn/params.ts';

/** Why a job stopped: a non-finite loss or weights at a step. Its message is what the audience reads. */
export class TrainingDiverged extends Error {
  override readonly name = 'TrainingDiverged';
  constructor(
    /** The step (counted over the whole run, as the demo shows it) whose loss or update was not finite. */
    readonly step: number,
    /** What was not finite: "loss is NaN", "weight layer0.W is Infinity". */
    readonly what: string,
  ) {
    super(`diverged: ${what} at step ${step}`);
  }
}

/** `NaN`, `Infinity` or `-Infinity`, as the message names it. */
function named(x: number): string {
  return Number.isNaN(x) ? 'NaN' : String(x);
}

/** Throws TrainingDiverged unless `loss` is finite. */
export function checkLoss(loss: number, step: number): void {
  if (!Number.isFinite(loss)) throw new TrainingDiverged(step, `loss is ${named(loss)}`);
}

/** The first weight that is not finite, as "weight NAME is NaN", or null when all are finite. */
export function nonFiniteWeight(params: ParamSet): string | null {
  for (const [name, p] of Object.entries(params)) {
    const data = p.data;
    for (let i = 0; i < data.length; i++) {
      const x = data[i]!;
      if (!Number.isFinite(x)) return `weight ${name} is ${named(x)}`;
    }
  }
  return null;
}

/** Throws TrainingDiverged if any weight is not finite. */
export function checkWeights(params: ParamSet, step: number): void {
  const what = nonFiniteWeight(params);
  if (what !== null) throw new TrainingDiverged(step, what);
}
