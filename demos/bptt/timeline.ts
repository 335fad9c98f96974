/** Where the sweep animation is for a frame; a fractional frame is a point between two committed ones (the tween). */
import { FRAMES_PER_STEP, maxFrame } from './schema.ts';

export interface SweepPosition {
  phase: 'forward' | 'backward' | 'done';
  /** States s_0 … s_{forwardDone−1} are computed, [0, T]. */
  forwardDone: number;
  /** ∂J/∂s_k is known for k ≥ backwardFrom, [0, T] (T: none yet). */
  backwardFrom: number;
  /** Fraction of the way to the next state in the current phase, [0, 1). */
  tween: number;
}

export function sweepPosition(frame: number, steps: number): SweepPosition {
  const f = Math.max(0, Math.min(maxFrame(steps), frame));
  const fw = steps * FRAMES_PER_STEP;
  if (f < fw) {
    return { phase: 'forward', forwardDone: Math.floor(f / FRAMES_PER_STEP), backwardFrom: steps, tween: (f % FRAMES_PER_STEP) / FRAMES_PER_STEP };
  }
  if (f < maxFrame(steps)) {
    const b = f - fw;
    return { phase: 'backward', forwardDone: steps, backwardFrom: steps - Math.floor(b / FRAMES_PER_STEP), tween: (b % FRAMES_PER_STEP) / FRAMES_PER_STEP };
  }
  return { phase: 'done', forwardDone: steps, backwardFrom: 0, tween: 0 };
}

/** The next whole chain step after `frame` (the Step button and reduced motion). */
export function nextStepFrame(frame: number, steps: number): number {
  return Math.min(maxFrame(steps), (Math.floor(frame / FRAMES_PER_STEP) + 1) * FRAMES_PER_STEP);
}
