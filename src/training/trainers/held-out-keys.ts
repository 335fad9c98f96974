/**
 * The names under which fused-side-by-side-held-out reports its held-out figures in a
 * state's `extra`. A separate module so that a demo reading the state does not bundle the trainer.
 */

/** Mean cross-entropy of model k on the held-out batch. */
export const heldOutLossKey = (k: number): string => `heldOutLoss${k}`;
/** Share of model k's held-out outputs whose largest logit is the target. */
export const heldOutAccuracyKey = (k: number): string => `heldOutAccuracy${k}`;
/** The step the figures were measured at. */
export const HELD_OUT_STEP_KEY = 'heldOutStep';
