/**
 * Gradient clipping on the error cliff (Pascanu et al. 2013): click a start point on the
 * loss surface of the one-unit RNN; plain and norm-clipped gradient descent run from it,
 * step by step, with their gradient norms traced beside the surface.
 *
 * Pure float64 arithmetic, no TensorFlow.js: a run of 200 steps costs well under a
 * millisecond, so every state change recomputes both runs from scratch.
 */
import { defineDemo } from '../../src/widgets/contract.ts';
import type { DemoContext, DemoInstance } from '../../src/widgets/contract.ts';
import { button, controlBar, slider } from '../../src/widgets/ui.ts';
import { WINDOW, descend, randomStart, round3 } from './model.ts';
import type { Point, Run } from './model.ts';
import { LR_RANGE, SEED_MAX, THRESHOLD_RANGE, initialState, parseState } from './state.ts';
import type { ClippingState, Params } from './state.ts';
import { COARSE_GRID, SURFACE_GRID, cachedSurface, lossSurface, lossSurfaceInSlices } from './surface.ts';
import { createView } from './view.ts';

const CANVAS_HEIGHT = 268;
const MIN_WIDTH = 600;
const STEP_MS = 60;
const REDUCED_STEP_MS = 700;
/** Arrow keys move the cursor by this much in w and b (a fifth of it with Shift). */
const CURSOR_STEP = 0.1;

// Start on the full-resolution heatmap as soon as this chunk loads (the runtime may load it
// a slide early); in slices, so the slide being shown keeps its frame rate.
if (typeof window !== 'undefined') void lossSurfaceInSlices(SURFACE_GRID.nw, SURFACE_GRID.nb);

const toPoint = ([w, b]: [number, number]): Point => ({ w, b });

/** Sliders move in log10 units: thresholds and learning rates span orders of magnitude. */
function fromLog(v: number, range: readonly [number, number]): number {
  return Math.min(range[1], Math.max(range[0], Number((10 ** v).toPrecision(2))));
}

function mount(context: DemoContext<Params, ClippingState>): DemoInstance<ClippingState> {
  const { root, params } = context;
  const driver = context.role === 'driver';
  let state = context.state;
  let active = false;
  let raf = 0;
  let last = 0;
  let runs: { key: string; plain: Run; clipped: Run } | null = null;

  root.replaceChildren();
  const bar = controlBar(root);
  const play = button({ label: 'Pause', title: 'Play or pause the two runs', onClick: () => togglePlay() });
  const stepOnce = button({ label: 'Step', title: 'One gradient-descent step', onClick: () => update({ ...state, step: Math.min(params.steps, state.step + 1), playing: false }) });
  const restart = button({ label: 'Restart', title: 'Run again from the start point', onClick: () => update({ ...state, step: 0, playing: true }) });
  const random = button({
    label: 'Random start',
    title: 'Start near the cliff, drawn from the seed',
    onClick: () => {
      const p = randomStart(state.seed);
      update({ ...state, seed: state.seed >= SEED_MAX ? 0 : state.seed + 1, start: [p.w, p.b], cursor: null, step: 0, playing: true });
    },
  });
  /** A slider over a log-scaled range, for the two rates that span orders of magnitude. */
  const logSlider = (label: string, range: readonly [number, number], value: number, set: (v: number) => ClippingState) =>
    slider({
      label,
      min: Math.log10(range[0]),
      max: Math.log10(range[1]),
      step: 0.05,
      value: Math.log10(value),
      format: (v) => String(fromLog(v, range)),
      onInput: (v) => update(set(fromLog(v, range))),
    });
  const threshold = logSlider('clip threshold', THRESHOLD_RANGE, state.threshold, (v) => ({ ...state, threshold: v }));
  const lr = logSlider('learning rate', LR_RANGE, state.lr, (v) => ({ ...state, lr: v }));
  const controls = [play, stepOnce, restart, random, threshold, lr];
  bar.append(...controls.map((c) => c.element));

  // Two panels side by side need the slide's full width; a narrower slot gets the same picture scaled down.
  const available = root.clientWidth || 860;
  const width = Math.max(MIN_WIDTH, Math.min(908, available));
  // First frame from the full grid when it is ready, else from a coarse one swapped out when it is.
  const full = cachedSurface(SURFACE_GRID.nw, SURFACE_GRID.nb);
  const view = createView(root, full ?? lossSurface(COARSE_GRID.nw, COARSE_GRID.nb), width, CANVAS_HEIGHT);
  if (available < width) view.scaleTo(available / width);
  let mounted = true;
  if (!full) {
    void lossSurfaceInSlices(SURFACE_GRID.nw, SURFACE_GRID.nb).then((s) => {
      if (!mounted) return;
      view.setSurface(s);
      render();
    });
  }
  const canvas = view.surfaceCanvas;
  if (driver) {
    canvas.tabIndex = 0;
    canvas.style.cursor = 'crosshair';
    canvas.title = 'Click a start point, or use the arrow keys and Enter';
    canvas.addEventListener('click', onClick);
    canvas.addEventListener('keydown', onKey);
  } else {
    for (const c of controls) c.setDisabled(true);
  }

  function currentRuns(): { plain: Run; clipped: Run } {
    const key = `${state.start.join(',')}|${state.lr}|${state.threshold}|${params.steps}`;
    if (runs?.key !== key) {
      const common = { start: toPoint(state.start), lr: state.lr, steps: params.steps };
      runs = { key, plain: descend({ ...common, threshold: null }), clipped: descend({ ...common, threshold: state.threshold }) };
    }
    return runs;
  }

  function render(): void {
    const { plain, clipped } = currentRuns();
    view.draw({ plain, clipped, upto: state.step, steps: params.steps, threshold: state.threshold, start: toPoint(state.start), cursor: state.cursor ? toPoint(state.cursor) : null });
    play.set(state.playing ? 'Pause' : 'Play');
  }

  function syncControls(): void {
    threshold.set(Math.log10(state.threshold));
    lr.set(Math.log10(state.lr));
  }

  /** Driver only: every change goes through here, so the clone and the URL see it. */
  function update(next: ClippingState): void {
    if (!driver) return;
    state = next;
    context.commit(state, state.step);
    render();
    if (state.playing) startLoop();
    else stopLoop();
  }

  function togglePlay(): void {
    if (state.playing) update({ ...state, playing: false });
    else update({ ...state, step: state.step >= params.steps ? 0 : state.step, playing: true });
  }

  function startAt(p: Point): void {
    const start: [number, number] = [round3(clamp(p.w, WINDOW.wMin, WINDOW.wMax)), round3(clamp(p.b, WINDOW.bMin, WINDOW.bMax))];
    update({ ...state, start, step: 0, playing: true });
  }

  function onClick(e: MouseEvent): void {
    const p = view.pointAt(e.clientX, e.clientY);
    if (!p) return;
    state = { ...state, cursor: null };
    startAt(p);
  }

  function onKey(e: KeyboardEvent): void {
    const d = e.shiftKey ? CURSOR_STEP / 5 : CURSOR_STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
    const move = moves[e.key];
    const cursor = state.cursor ?? state.start;
    if (move) {
      e.preventDefault();
      const next: [number, number] = [round3(clamp(cursor[0] + move[0], WINDOW.wMin, WINDOW.wMax)), round3(clamp(cursor[1] + move[1], WINDOW.bMin, WINDOW.bMax))];
      update({ ...state, cursor: next });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      // The start marker takes the cursor's place; the next arrow key picks it up from there.
      state = { ...state, cursor: null };
      startAt(toPoint(cursor));
    } else if (e.key === 'Escape' && state.cursor) {
      update({ ...state, cursor: null });
    }
  }

  function tick(t: number): void {
    raf = 0;
    if (!state.playing || !active || !context.isActive()) return;
    // Reduced motion: the same discrete steps, only slower; nothing is tweened either way.
    if (t - last >= (context.reducedMotion ? REDUCED_STEP_MS : STEP_MS)) {
      last = t;
      const step = Math.min(params.steps, state.step + 1);
      update({ ...state, step, playing: step < params.steps });
    }
    if (state.playing && !raf) raf = requestAnimationFrame(tick);
  }

  function startLoop(): void {
    if (!driver || !active || raf || !state.playing) return;
    last = performance.now();
    raf = requestAnimationFrame(tick);
  }

  function stopLoop(): void {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
  }

  render();

  return {
    setState(next) {
      state = next;
      syncControls();
      render();
      if (state.playing) startLoop();
      else stopLoop();
    },
    resume() {
      active = true;
      startLoop();
    },
    pause() {
      active = false;
      stopLoop();
    },
    snapshot: () => view.snapshot(),
    unmount() {
      mounted = false;
      active = false;
      stopLoop();
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('keydown', onKey);
      root.replaceChildren();
    },
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export default defineDemo<Params, ClippingState>({ initialState, parseState, mount });
