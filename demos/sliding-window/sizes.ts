/**
 * The sizes of demos/sliding-window's task and models, with no imports: schema.ts is part
 * of the page's first bundle and must not pull in the RNN core.
 */
export const SYMBOLS = ['A', 'B', 'c', 'd', 'e'] as const;
export const VOCAB = SYMBOLS.length;
/** Keys are the first two symbols; classes 0 (A) and 1 (B). */
export const CLASSES = 2;
export const TRAIN_SIZE = 256;
export const TEST_SIZE = 256;
export const MLP_HIDDEN = 8;
export const RNN_HIDDEN = 8;

/** The MLP's weights: W [window·V, H], U [H, H] (never acting), b [H], head V [H, 2], c [2]. */
export const mlpWeightCount = (window: number): number => window * VOCAB * MLP_HIDDEN + MLP_HIDDEN * MLP_HIDDEN + MLP_HIDDEN + MLP_HIDDEN * CLASSES + CLASSES;
/** The RNN's weights: W [V, H], U [H, H], b [H], head V [H, 2], c [2]. */
export const rnnWeightCount = (): number => VOCAB * RNN_HIDDEN + RNN_HIDDEN * RNN_HIDDEN + RNN_HIDDEN + RNN_HIDDEN * CLASSES + CLASSES;
