/**
 * BPTT, live: a small tanh RNN reads the slide's text; the forward sweep and then the
 * backward sweep run over the unrolled chain, filling the ‖∂J_t/∂s_k‖ heatmap and the
 * per-step shares of ∂J/∂W_rec; a slider shows what truncated BPTT drops, and tfjs
 * autodiff is checked against finite differences for the current weights.
 *
 * The picture is a pure function of (params, state): the driver animates by committing
 * integer frames, a follower redraws whatever state it receives.
 */
import type { DemoContext, DemoInstance } from '../../src/widgets/contract.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { CANVAS_FONT, CANVAS_MONO } from '../../src/widgets/ui.ts';
import type { BpttControls } from './controls.ts';
import { buildControls } from './controls.ts';
import { gradientCheck } from './gradcheck.ts';
import type { BpttModel, TruncationResult } from './model.ts';
import { buildModel, truncate } from './model.ts';
import type { BpttParams, BpttState } from './state.ts';
import { MAX_GAIN, MAX_SEED, MIN_GAIN, initialState, maxFrame, parseState, stepsOf } from './state.ts';
import { nextStepFrame, sweepPosition } from './timeline.ts';
import type { CheckView } from './view.ts';
import { BpttView } from './view.ts';

/** One animation frame every FRAME_MS: 8 frames carry the marker from one state to the next. */
const FRAME_MS = 50;
/** Reduced motion: one whole chain step per tick, no marker travel. */
const REDUCED_STEP_MS = 700;
/** Gain slider drags rebuild the model at once but rerun the gradient check only once they settle. */
const CHECK_DELAY_MS = 120;
const FALLBACK_WIDTH = 420;
const FALLBACK_HEIGHT = 330;

function mount(ctx: DemoContext<BpttParams, BpttState>): DemoInstance<BpttState> {
  const { root, params } = ctx;
  const T = stepsOf(params);
  const last = maxFrame(T);
  const driver = ctx.role === 'driver';
  let state: BpttState = parseState(ctx.state, params) ?? initialState(params);
  let disposed = false;
  let running = false;
  let raf = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let lastTime = 0;
  let acc = 0;

  root.replaceChildren();
  const controls: BpttControls = buildControls(root, T, state, {
    playPause: () => {
      if (state.playing) update({ ...state, playing: false });
      else update({ ...state, playing: true, frame: state.frame >= last ? 0 : state.frame });
    },
    step: () => update({ ...state, playing: false, frame: state.frame >= last ? 0 : nextStepFrame(state.frame, T) }),
    reset: () => update({ ...state, playing: false, frame: 0 }),
    newWeights: () => update({ ...state, seed: state.seed >= MAX_SEED ? 0 : state.seed + 1 }),
    truncation: (k) => update({ ...state, trunc: Math.max(1, Math.min(T, Math.round(k))) }),
    gain: (g) => update({ ...state, gain: Math.min(MAX_GAIN, Math.max(MIN_GAIN, Math.round(g * 100) / 100)) }),
  });
  controls.setDisabled(!driver);
  controls.show(state);
  const canvasSize = () => ({
    width: Math.floor(root.clientWidth) || FALLBACK_WIDTH,
    height: Math.max(200, (Math.floor(root.clientHeight) || FALLBACK_HEIGHT) - controls.bar.offsetHeight - 8),
  });
  let size = canvasSize();
  let view = new BpttView(root, size.width, size.height);
  const error = document.createElement('div');
  // The shipped fonts may still be loading: once they are, the control bar may wrap
  // differently and canvas text changes, so size and draw again (both windows alike).
  void Promise.all([CANVAS_FONT(10), CANVAS_FONT(12, 600), CANVAS_MONO(10)].map((f) => document.fonts?.load(f)))
    .catch(() => undefined)
    .then(() => {
      if (disposed) return;
      const next = canvasSize();
      if (next.width !== size.width || next.height !== size.height) {
        size = next;
        view.surface.canvas.remove();
        view = new BpttView(root, size.width, size.height);
      }
      draw();
    });

  // Recomputed only when what they depend on changes; a frame only redraws.
  let model: BpttModel | null = null;
  let modelKey = '';
  let trunc: TruncationResult | null = null;
  let truncKey = '';
  let check: CheckView = { kind: 'pending' };

  function ensureModel(): BpttModel | null {
    const key = `${state.seed}|${state.gain}`;
    if (key !== modelKey) {
      modelKey = key;
      trunc = null;
      try {
        model = buildModel({ text: params.text, hidden: params.hidden, seed: state.seed, gain: state.gain });
        error.remove();
      } catch (e) {
        model = null;
        error.className = 'demo-error';
        error.textContent = `bptt: ${e instanceof Error ? e.message : String(e)}`;
        root.append(error);
      }
      scheduleCheck();
    }
    if (model && (!trunc || truncKey !== `${key}|${state.trunc}`)) {
      truncKey = `${key}|${state.trunc}`;
      trunc = truncate(model, state.trunc);
    }
    return model;
  }

  function scheduleCheck(): void {
    check = { kind: 'pending' };
    clearTimeout(checkTimer);
    // Deferred so the first frame and slider drags are not held up by tfjs.
    checkTimer = setTimeout(() => {
      checkTimer = undefined;
      if (disposed || !model) return;
      if (!ctx.tf) check = { kind: 'unavailable', reason: 'TensorFlow.js is not loaded' };
      else {
        try {
          check = { kind: 'done', check: gradientCheck(model) };
        } catch (e) {
          check = { kind: 'unavailable', reason: e instanceof Error ? e.message : String(e) };
        }
      }
      draw();
    }, CHECK_DELAY_MS);
  }

  function draw(): void {
    const m = ensureModel();
    if (!m || !trunc) return;
    view.draw({ model: m, trunc, check, pos: sweepPosition(state.frame, T) });
  }

  function update(next: BpttState, commit = true): void {
    state = next;
    controls.show(state);
    draw();
    if (commit && driver) ctx.commit(state, state.frame);
    syncLoop();
  }

  function advance(to: number): void {
    const frame = Math.min(last, to);
    update({ ...state, frame, playing: frame < last });
  }

  function loop(now: number): void {
    raf = 0;
    if (!running || !state.playing) return;
    // Scheduled before advancing, so syncLoop sees a live loop; it cancels it at the last frame.
    raf = requestAnimationFrame(loop);
    acc += lastTime ? Math.min(now - lastTime, 250) : 0;
    lastTime = now;
    const n = Math.floor(acc / FRAME_MS);
    if (n > 0) {
      acc -= n * FRAME_MS;
      advance(state.frame + n);
    }
  }

  function stopLoop(): void {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    clearInterval(ticker);
    ticker = undefined;
  }

  /** Only the driver animates, only while shown and playing. */
  function syncLoop(): void {
    if (!driver || !running || !state.playing || disposed) {
      stopLoop();
      return;
    }
    if (ctx.reducedMotion) {
      ticker ??= setInterval(() => advance(nextStepFrame(state.frame, T)), REDUCED_STEP_MS);
    } else if (!raf) {
      lastTime = 0;
      acc = 0;
      raf = requestAnimationFrame(loop);
    }
  }

  draw();

  return {
    setState(s) {
      const parsed = parseState(s, params);
      if (parsed) update(parsed, false);
    },
    resume() {
      running = true;
      syncLoop();
    },
    pause() {
      running = false;
      stopLoop();
    },
    snapshot() {
      draw();
      return view.surface.canvas.toDataURL('image/png');
    },
    unmount() {
      disposed = true;
      running = false;
      stopLoop();
      clearTimeout(checkTimer);
      root.replaceChildren();
    },
  };
}

export default defineDemo<BpttParams, BpttState>({ initialState, parseState, mount });
