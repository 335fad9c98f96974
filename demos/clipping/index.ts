/**
 * Gradient clipping on the error cliff (Pascanu et al. 2013): click a start point on the
 * loss surface of the one-unit RNN; plain and norm-clipped gradient descent run from it,
 * step by step, with their gradient norms traced beside the surface.
 *
 * Pure float64 arithmetic, no TensorFlow.js: a run of 200 steps costs well under a
 * millisecond, so every state change recomputes both runs from scratch.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { logScale } from '../../src/widgets/controls.ts';
import { rangeOf } from '../../src/widgets/schema.ts';
import { descend, randomStart, round3, type Point } from './model.ts';
import spec, { WINDOW, lrField, seedField, thresholdField } from './schema.ts';
import { COARSE_GRID, SURFACE_GRID, cachedSurface, lossSurface, lossSurfaceInSlices } from './surface.ts';
import { bindSurfaceInput } from './surface-input.ts';
import { status } from './trace-panel.ts';
import { createView } from './view.ts';

/** One gradient-descent step every STEP_MS; the heads travel between iterates at the display's rate. */
const STEP_MS = 60;
const THRESHOLD = logScale(rangeOf(thresholdField) ?? [0.01, 10], 2);
const LR = logScale(rangeOf(lrField) ?? [0.01, 2], 2);
const SEED_MAX = rangeOf(seedField)?.[1] ?? 999_999_999;

// Start on the full-resolution heatmap as soon as this chunk loads (the runtime may load it
// a slide early); in slices, so the slide being shown keeps its frame rate.
if (typeof window !== 'undefined') void lossSurfaceInSlices(SURFACE_GRID.nw, SURFACE_GRID.nb);

const toPoint = ([w, b]: readonly [number, number]): Point => ({ w, b });
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const inside = (w: number, b: number): [number, number] => [round3(clamp(w, WINDOW.wMin, WINDOW.wMax)), round3(clamp(b, WINDOW.bMin, WINDOW.bMax))];

export default defineDemo(spec, ({ params, canvas, layer, role, listen, later, redraw, state, update }) => {
  type State = ReturnType<typeof spec.initialState>;
  // First frame from the full grid when it is ready, else from a coarse one swapped out when it is.
  const full = cachedSurface(SURFACE_GRID.nw, SURFACE_GRID.nb);
  const view = createView(canvas, layer, full ?? lossSurface(COARSE_GRID.nw, COARSE_GRID.nb));
  if (!full) {
    later(lossSurfaceInSlices(SURFACE_GRID.nw, SURFACE_GRID.nb), (s) => {
      view.setSurface(s);
      redraw();
    });
  }
  let elapsed = 0;
  const startAt = (s: State, [w, b]: readonly [number, number]): State => ({ ...s, start: inside(w, b), cursor: null, step: 0, playing: true });

  if (role === 'driver') bindSurfaceInput(view.surfaceCanvas, { pointAt: view.pointAt, listen, state, update, startAt, inside });

  return {
    deriveFrom: (s) => [s.start[0], s.start[1], s.lr, s.threshold],
    derive(s) {
      const common = { start: toPoint(s.start), lr: s.lr, steps: params.steps };
      return { plain: descend({ ...common, threshold: null }), clipped: descend({ ...common, threshold: s.threshold }) };
    },
    draw({ plain, clipped }, { state: s, since }) {
      const ahead = s.playing && Number.isFinite(since) ? Math.min(1, since / STEP_MS) : 0;
      const upto = Math.min(params.steps, s.step + ahead);
      view.draw({ plain, clipped, upto, steps: params.steps, threshold: s.threshold, start: toPoint(s.start), cursor: s.cursor ? toPoint(s.cursor) : null });
    },
    // The text alternative says where each run stands, not only where it started.
    metric: (s, { plain, clipped }) => ({
      learningRate: s.lr,
      step: s.step,
      plainRun: status(plain, s.step),
      clippedRun: status(clipped, s.step),
    }),
    moving: (s) => s.playing,
    tick(s, dt) {
      elapsed += dt;
      if (elapsed < STEP_MS) return s;
      elapsed %= STEP_MS;
      const step = Math.min(params.steps, s.step + 1);
      return { ...s, step, playing: step < params.steps };
    },
    step: (s) => s.step,
    controls: [
      {
        kind: 'button',
        label: (s) => (s.playing ? 'Pause' : 'Play'),
        title: 'Play or pause the two runs',
        press: (s) => (s.playing ? { ...s, playing: false } : { ...s, step: s.step >= params.steps ? 0 : s.step, playing: true }),
      },
      { kind: 'button', label: 'Step', title: 'One gradient-descent step', press: (s) => ({ ...s, step: Math.min(params.steps, s.step + 1), playing: false }) },
      { kind: 'button', label: 'Restart', title: 'Run again from the start point', press: (s) => ({ ...s, step: 0, playing: true }) },
      {
        kind: 'button',
        label: 'Random start',
        title: 'Start near the cliff, drawn from the seed',
        press: (s) => {
          const p = randomStart(s.seed);
          return { ...startAt(s, [p.w, p.b]), seed: s.seed >= SEED_MAX ? 0 : s.seed + 1 };
        },
      },
      { kind: 'slider', label: 'clip threshold', range: THRESHOLD.range, step: 0.05, get: (s) => THRESHOLD.toPosition(s.threshold), set: (s, v) => ({ ...s, threshold: THRESHOLD.toValue(v) }), format: (v) => String(THRESHOLD.toValue(v)) },
      { kind: 'slider', label: 'learning rate', range: LR.range, step: 0.05, get: (s) => LR.toPosition(s.lr), set: (s, v) => ({ ...s, lr: LR.toValue(v) }), format: (v) => String(LR.toValue(v)) },
    ],
  };
}, challenges);
