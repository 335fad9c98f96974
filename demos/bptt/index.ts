/**
 * BPTT, live: a small tanh RNN reads the slide's text; the forward sweep and then the
 * backward sweep run over the unrolled chain, filling the ‖∂J_t/∂s_k‖ heatmap and the
 * per-step shares of ∂J/∂W_rec; a slider shows what truncated BPTT drops, and tfjs
 * autodiff is checked against finite differences for the current weights.
 */
import { defineDemo } from '../../src/widgets/contract.ts';
import { rangeOf } from '../../src/widgets/schema.ts';
import { challenges } from './challenges.ts';
import { gradientCheck } from './gradcheck.ts';
import { buildModel, truncate, type BpttModel } from './model.ts';
import spec, { FRAMES_PER_STEP, SCHEMES, gainField, maxFrame, seedField, stepsOf } from './schema.ts';
import { nextStepFrame, sweepPosition } from './timeline.ts';
import { BpttView, type CheckView } from './view.ts';

/** One chain step of the sweep every STEP_MS; the marker is tweened between steps at the display's rate. */
const STEP_MS = 400;
/** Gain slider drags rebuild the model at once but rerun the gradient check only once they settle. */
const CHECK_DELAY_MS = 120;
const SEED_MAX = rangeOf(seedField)?.[1] ?? 1_000_000;
const SCHEME_LABELS = { chunked: 'chunks of τ', band: 'sliding band' };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, CHECK_DELAY_MS));

export default defineDemo(spec, ({ params, canvas, tf, later, redraw }) => {
  const T = stepsOf(params);
  const last = maxFrame(T);
  const view = new BpttView(canvas);
  let model: { key: string; value: BpttModel } | null = null;
  let check: { key: string; value: CheckView } = { key: '', value: { kind: 'pending' } };
  let elapsed = 0;

  /** The model depends on the weights only; truncation and the sweep only change what is drawn. */
  function modelFor(seed: number, gain: number): BpttModel {
    const key = `${seed}|${gain}`;
    if (model?.key !== key) {
      model = { key, value: buildModel({ text: params.text, hidden: params.hidden, seed, gain }) };
      scheduleCheck(key, model.value);
    }
    return model.value;
  }

  function scheduleCheck(key: string, m: BpttModel): void {
    check = { key, value: { kind: 'pending' } };
    // Deferred so the first frame and slider drags are not held up by tfjs.
    later(settle(), () => {
      if (model?.key !== key) return;
      check = { key, value: tf ? { kind: 'done', check: gradientCheck(tf, m) } : { kind: 'unavailable', reason: 'TensorFlow.js is not loaded' } };
      redraw();
    });
  }

  return {
    deriveFrom: (s) => [s.seed, s.gain, s.trunc, s.scheme],
    derive(s) {
      const m = modelFor(s.seed, s.gain);
      return { model: m, trunc: truncate(m, s.trunc, s.scheme) };
    },
    draw({ model: m, trunc }, { state, since }) {
      const ahead = state.playing && Number.isFinite(since) ? Math.min(1, since / STEP_MS) * FRAMES_PER_STEP : 0;
      view.draw({ model: m, trunc, check: check.value, pos: sweepPosition(Math.min(last, state.frame + ahead), T) });
    },
    moving: (s) => s.playing,
    tick(s, dt) {
      elapsed += dt;
      if (elapsed < STEP_MS) return s;
      elapsed = 0;
      const frame = nextStepFrame(s.frame, T);
      return { ...s, frame, playing: frame < last };
    },
    step: (s) => s.frame,
    controls: [
      {
        kind: 'button',
        label: (s) => (s.playing ? '❚❚ Pause' : '▶ Play'),
        title: 'Play the forward sweep, then the backward sweep',
        press: (s) => {
          elapsed = 0;
          return s.playing ? { ...s, playing: false } : { ...s, playing: true, frame: s.frame >= last ? 0 : s.frame };
        },
      },
      { kind: 'button', label: 'Step', title: 'Advance one step of the sweep', press: (s) => ({ ...s, playing: false, frame: s.frame >= last ? 0 : nextStepFrame(s.frame, T) }) },
      { kind: 'button', label: 'Reset', title: 'Back to before the forward sweep', press: (s) => ({ ...s, playing: false, frame: 0 }) },
      { kind: 'button', label: 'New weights', title: 'Next seed: new random weights', press: (s) => ({ ...s, seed: s.seed >= SEED_MAX ? 0 : s.seed + 1 }) },
      {
        kind: 'slider',
        label: 'truncation τ',
        range: [1, T],
        step: 1,
        get: (s) => s.trunc,
        set: (s, v) => ({ ...s, trunc: Math.max(1, Math.min(T, Math.round(v))) }),
        format: (v) => (v >= T ? 'full' : String(v)),
      },
      { kind: 'select', label: 'cut', values: SCHEMES, labels: SCHEME_LABELS, get: (s) => s.scheme, set: (s, v) => ({ ...s, scheme: v === 'band' ? ('band' as const) : ('chunked' as const) }) },
      { kind: 'slider', label: 'gain', field: gainField, step: 0.05, get: (s) => s.gain, set: (s, v) => ({ ...s, gain: Math.round(v * 100) / 100 }), format: (v) => v.toFixed(2) },
    ],
  };
}, challenges);
