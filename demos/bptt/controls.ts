/** The demo's control bar, built from the shared keyboard-operable controls. */
import type { Control } from '../../src/widgets/ui.ts';
import { button, controlBar, slider } from '../../src/widgets/ui.ts';
import { MAX_GAIN, MIN_GAIN } from './state.ts';
import type { BpttState } from './state.ts';

export interface ControlHandlers {
  playPause(): void;
  step(): void;
  reset(): void;
  newWeights(): void;
  truncation(k: number): void;
  gain(g: number): void;
}

export interface BpttControls {
  readonly bar: HTMLElement;
  /** Mirror a state (a follower's controls, a restored state). */
  show(state: BpttState): void;
  setDisabled(disabled: boolean): void;
}

export function buildControls(parent: HTMLElement, steps: number, state: BpttState, on: ControlHandlers): BpttControls {
  const bar = controlBar(parent);
  const play = button({ label: '▶ Play', title: 'Play the forward sweep, then the backward sweep', onClick: on.playPause });
  const step = button({ label: 'Step', title: 'Advance one step of the sweep', onClick: on.step });
  const reset = button({ label: 'Reset', title: 'Back to before the forward sweep', onClick: on.reset });
  const seed = button({ label: 'New weights', title: 'Next seed: new random weights', onClick: on.newWeights });
  const trunc = slider({
    label: 'truncation k',
    min: 1,
    max: steps,
    step: 1,
    value: Math.min(state.trunc, steps),
    format: (v) => (v >= steps ? 'full' : String(v)),
    onInput: (v) => on.truncation(v),
  });
  const gain = slider({ label: 'gain', min: MIN_GAIN, max: MAX_GAIN, step: 0.05, value: state.gain, format: (v) => v.toFixed(2), onInput: (v) => on.gain(v) });
  // Two compact sliders share one row in a half-slide column.
  for (const c of [trunc, gain]) {
    const input = c.element.querySelector('input');
    if (input) input.style.width = '70px';
  }
  trunc.element.title = 'Truncated BPTT: each loss J_t is backpropagated through its last k states only';
  gain.element.title = 'W_rec = gain × a random orthogonal matrix';
  const all: Control<unknown>[] = [play, step, reset, seed, trunc, gain] as Control<unknown>[];
  bar.append(...all.map((c) => c.element));
  let shown = { playing: false, trunc: Math.min(state.trunc, steps), gain: state.gain };
  return {
    bar,
    show(s) {
      // Only on change: writing a control every animation frame costs a style and layout pass.
      const next = { playing: s.playing, trunc: Math.min(s.trunc, steps), gain: s.gain };
      if (next.playing !== shown.playing) play.set(next.playing ? '❚❚ Pause' : '▶ Play');
      if (next.trunc !== shown.trunc) trunc.set(next.trunc);
      if (next.gain !== shown.gain) gain.set(next.gain);
      shown = next;
    },
    setDisabled(d) {
      for (const c of all) c.setDisabled(d);
    },
  };
}
