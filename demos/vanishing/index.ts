/**
 * demos/vanishing: ‖∂s_t/∂s_k‖₂ against t − k for a seeded random RNN, under the bound
 * (λ₁γ)^(t−k), with λ₁ and the activation as controls. Everything is recomputed in float64
 * from the small state (seed, settings, revealed gaps), so a follower window draws the same
 * picture from the states the driver commits.
 */
import type { DemoInstance } from '../../src/widgets/contract.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { button, controlBar, demoCanvas, select, slider } from '../../src/widgets/ui.ts';
import manifest from './demo.json';
import type { ActivationName, MatrixKind, Measurement } from './model.ts';
import { ACTIVATIONS, MATRICES, measure } from './model.ts';
import type { VanishingParams, VanishingState } from './state.ts';
import { LAMBDA_MAX, LAMBDA_MIN, SEED_MAX, initialState, parseState } from './state.ts';
import { drawVanishing } from './view.ts';

/** Gaps revealed per second while the measured curve grows: 50 gaps in 2.5 s, slow enough to follow. */
const REVEAL_PER_SECOND = 20;

const LOG_LAMBDA_MAX = Math.log10(LAMBDA_MAX);

/** Slider position (log10 λ₁) to λ₁, rounded to 3 significant digits so states stay short and exact. */
function lambdaFromSlider(v: number): number {
  const lambda = Number((10 ** v).toPrecision(3));
  return Math.min(LAMBDA_MAX, Math.max(LAMBDA_MIN, lambda));
}

export default defineDemo<VanishingParams, VanishingState>({
  initialState,
  parseState,
  mount(context): DemoInstance<VanishingState> {
    const { root, params, role } = context;
    const driver = role === 'driver';
    let state: VanishingState = parseState(context.state, params) ?? initialState(params);
    let measurement: Measurement | null = null;
    let measuredKey = '';
    let frame = 0;
    let running = false;
    let disposed = false;
    // The animation's clock: reveal = startReveal + elapsed × rate.
    let startTime = 0;
    let startReveal = 0;

    const bar = controlBar(root);
    const lambdaControl = slider({
      label: 'λ₁',
      min: Math.floor(Math.log10(LAMBDA_MIN) * 100) / 100,
      max: Math.ceil(LOG_LAMBDA_MAX * 100) / 100,
      step: 0.01,
      value: Math.log10(state.lambda1),
      format: (v) => lambdaFromSlider(v).toFixed(2),
      onInput: (v) => change({ lambda1: lambdaFromSlider(v) }),
    });
    const activationControl = select<ActivationName>({
      label: 'σ',
      values: ACTIVATIONS,
      value: state.activation,
      onChange: (activation) => change({ activation }),
    });
    const matrixControl = select<MatrixKind>({
      label: 'W_rec',
      values: MATRICES,
      value: state.matrix,
      onChange: (matrix) => change({ matrix }),
    });
    const reseed = button({
      label: 'new inputs',
      title: 'Draw a new W_rec and new input sequences (next seed)',
      onClick: () => change({ seed: state.seed >= SEED_MAX ? 0 : state.seed + 1 }),
    });
    bar.append(lambdaControl.element, activationControl.element, matrixControl.element, reseed.element);
    for (const c of [lambdaControl, activationControl, matrixControl, reseed]) c.setDisabled(!driver);

    const width = Math.max(280, root.clientWidth || 420);
    // Layout sizes (offset*), not getBoundingClientRect: remark scales slides with a CSS transform.
    const barBottom = bar.offsetTop + bar.offsetHeight + (parseFloat(getComputedStyle(bar).marginBottom) || 0);
    const available = (root.clientHeight || manifest.height) - barBottom - 2;
    const plot = demoCanvas(root, width, Math.max(180, available), 'Log-scale plot of the Jacobian norm against the gap t − k, under its bound');

    function current(): Measurement {
      const key = `${state.seed}|${state.lambda1}|${state.activation}|${state.matrix}`;
      if (!measurement || key !== measuredKey) {
        measurement = measure({ seed: state.seed, lambda1: state.lambda1, activation: state.activation, matrix: state.matrix, horizon: params.horizon, sequences: params.sequences });
        measuredKey = key;
      }
      return measurement;
    }

    function draw(): void {
      if (!disposed) drawVanishing(plot, current(), state.reveal);
    }

    function syncControls(): void {
      lambdaControl.set(Math.log10(state.lambda1));
      activationControl.set(state.activation);
      matrixControl.set(state.matrix);
    }

    /** A setting changed on the driver: recompute, then let the measured curve grow again. */
    function change(patch: Partial<Omit<VanishingState, 'reveal'>>): void {
      if (!driver || disposed) return;
      state = { ...state, ...patch, reveal: context.reducedMotion ? params.horizon : 0 };
      context.commit(state, state.reveal);
      draw();
      if (running) startAnimation();
    }

    function startAnimation(): void {
      cancelAnimationFrame(frame);
      frame = 0;
      if (!driver || !running || context.reducedMotion || state.reveal >= params.horizon) return;
      startTime = performance.now();
      startReveal = state.reveal;
      frame = requestAnimationFrame(tick);
    }

    function tick(now: number): void {
      frame = 0;
      if (disposed || !running || !context.isActive()) return;
      // A frame's timestamp can precede the performance.now() taken when the animation started.
      const elapsed = Math.max(0, now - startTime);
      const reveal = Math.min(params.horizon, startReveal + Math.floor((elapsed * REVEAL_PER_SECOND) / 1000));
      if (reveal !== state.reveal) {
        state = { ...state, reveal };
        context.commit(state, reveal);
        draw();
      }
      if (state.reveal < params.horizon) frame = requestAnimationFrame(tick);
    }

    if (context.reducedMotion && driver && state.reveal < params.horizon) {
      state = { ...state, reveal: params.horizon };
      context.commit(state, state.reveal);
    }
    draw();
    // Canvas text drawn before the deck's fonts arrive would use a fallback face.
    void document.fonts?.ready.then(draw);

    return {
      setState(next) {
        const parsed = parseState(next, params);
        if (!parsed || disposed) return;
        state = parsed;
        syncControls();
        draw();
        if (running) startAnimation();
      },
      resume() {
        running = true;
        startAnimation();
      },
      pause() {
        running = false;
        cancelAnimationFrame(frame);
        frame = 0;
      },
      snapshot() {
        return plot.canvas.toDataURL('image/png');
      },
      unmount() {
        disposed = true;
        running = false;
        cancelAnimationFrame(frame);
        frame = 0;
        root.replaceChildren();
      },
    };
  },
});
