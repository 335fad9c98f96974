/** Moving the focus through the computation: each step's equations in order, then the next step. */
import type { GateState } from './model.ts';

/** The focus clamped to the text: a shorter text may leave t past its end. */
export function focusOf(state: GateState): { t: number; k: number } {
  return { t: Math.min(state.t, Array.from(state.text).length - 1), k: state.k };
}

/** One equation forward (delta 1) or back (−1), across step boundaries, wrapping at the ends. */
export function stepFocus(state: GateState, quantities: number, delta: 1 | -1): GateState {
  const T = Array.from(state.text).length;
  const { t, k } = focusOf(state);
  const n = (t * quantities + k + delta + T * quantities) % (T * quantities);
  return { ...state, t: Math.floor(n / quantities), k: n % quantities };
}

/** A whole time step forward or back, the same equation in focus. */
export function stepTime(state: GateState, delta: 1 | -1): GateState {
  const T = Array.from(state.text).length;
  const { t } = focusOf(state);
  return { ...state, t: (t + delta + T) % T };
}
